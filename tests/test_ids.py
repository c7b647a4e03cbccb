"""References declared once, on the model's fields: the `ids.Ref` marker on a field is all it takes for
`check` to refuse an unknown id, for a malformed one to get its "did you mean", and for the editors'
schema to list the ids, each worded the same."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from typing import Any, get_args

import pytest
from helpers import ROOT

from generator.content import (
    FILES,
    Document,
    Found,
    Guide,
    Id,
    Keys,
    Ref,
    check_references,
    declared,
    ids_in,
    load_guide,
    records,
    reference_fields,
    references,
    validate,
)
from generator.editing import read_ids, schema_for

FIELDS = reference_fields(FILES.values())
FILE_OF = {record: name for name, model in FILES.items() for record in records([model])}
# Ids that name nothing defined in content/: the labels templates ask for, a drawing's own label ids,
# and the option ids of older versions a changelog entry maps.
NAME_NOTHING = {"SiteFile.labels", "DecisionFile.labels", "Figure.labels", "LinkChanges.ask_again"}
NAME_NOTHING |= {"LinkChanges.renamed"}
ID_PATTERN = next(m.pattern for m in get_args(Id)[1].metadata if getattr(m, "pattern", None))


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(ROOT)


def _unmarked_ids(annotation: Any) -> int:
    """How many ids (the `Id` type) a field's type holds without a marker, however deep."""
    metadata = getattr(annotation, "__metadata__", ())
    unmarked = any(map(_is_id_pattern, metadata)) and not any(isinstance(m, Ref) for m in metadata)
    return unmarked + sum(_unmarked_ids(a) for a in get_args(annotation))


def _is_id_pattern(metadata: Any) -> bool:
    if getattr(metadata, "pattern", None) == ID_PATTERN:
        return True
    return any(getattr(m, "pattern", None) == ID_PATTERN for m in getattr(metadata, "metadata", ()))


def test_every_id_a_field_holds_is_a_marked_reference_or_names_nothing_in_content() -> None:
    """A new field of ids fails here until it says what it names (or joins NAME_NOTHING, with a why)."""
    unmarked = {
        f"{name}.{field}"
        for name, model in records(FILES.values()).items()
        for field, info in model.model_fields.items()
        if field != "id" and _unmarked_ids(declared(info))
    }
    assert unmarked == NAME_NOTHING


def _first(guide: Guide, field: str) -> tuple[str, Found | Keys] | None:
    for name in FILES:
        for found in references(getattr(guide, name)):
            if found.field == field and isinstance(found, Found):
                return name, found
    return None


def _replaced(data: Any, found: Found, new: str) -> Any:
    """A copy of a file's data with the id `found` names (a value, or a mapping's key) replaced."""
    data = copy.deepcopy(data)
    *above, last = found.path
    holder = data
    for part in above:
        holder = holder[part]
    if found.key:
        holder[new] = holder.pop(last)
    else:
        holder[last] = new
    return data


def _problems(guide: Guide, name: str, data: Any) -> Iterator[str]:
    """What validation, or once it passes the reference check, says of the file's new data."""
    doc = guide.docs[name]
    changed = Document(doc.file, data, doc.values, doc.keys)
    record, problems = validate(changed, FILES[name], ids_in({n: d.data for n, d in guide.docs.items()}))
    if record is not None:
        docs = {**guide.docs, name: changed}
        problems = check_references(dataclasses.replace(guide, **{name: record}, docs=docs))
    yield from (p.message for p in problems)


def _listed(schema: Any) -> Iterator[list[str]]:
    """Every list of ids a property's schema gives: its enums and the names of its properties."""
    if isinstance(schema, dict):
        if "enum" in schema:
            yield schema["enum"]
        if "properties" in schema:
            yield list(schema["properties"])
        for value in schema.values():
            yield from _listed(value)


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_the_marker_alone_makes_the_check_the_hint_and_the_schema(guide: Guide, field: str) -> None:
    record, name = field.split(".")
    ids = read_ids(ROOT)
    schema = schema_for(FILE_OF[record], ids)
    listed = list(_listed((schema["$defs"].get(record, schema))["properties"][name]))
    assert list(ids.of(FIELDS[field][0])) in listed, f"{field}: the schema does not list its ids"
    first = _first(guide, field)
    if first is None:  # not used in the shipped content: its golden case in tests/test_errors.py shows it
        return
    name, found = first
    known = ids_in({n: getattr(guide, n) for n in FILES}).of(found.ref, found.question)
    listed = f"; expected one of: {', '.join(known)}"
    typo = list(_problems(guide, name, _replaced(guide.docs[name].data, found, found.value + "x")))
    unknown = f"unknown {found.ref.noun(found.question)} {found.value + 'x'!r}"
    assert f"{unknown} (did you mean {found.value!r}?){listed}" in typo, typo
    malformed = list(_problems(guide, name, _replaced(guide.docs[name].data, found, found.value.upper())))
    assert any(m.endswith(f" (did you mean {found.value!r}?){listed}") for m in malformed), malformed
