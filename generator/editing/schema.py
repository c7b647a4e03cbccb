"""JSON Schemas for the content files, generated from the pydantic records and the content's own ids,
for editors' tools (completion, hover, underlines)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, get_args, get_origin

from ..content.ids import (
    DEFINED,
    Ids,
    answering,
    bare,
    declared,
    ids_in,
    markers,
    records,
    ref_of,
    unwrap_optional,
)
from ..content.model import FILES
from ..content.read import read_yaml
from ..content.reference_checks import DECISION_LABELS, SITE_LABELS
from ..errors import ContentError, Problem

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMAND = "python -m generator schema"

# What editors see when they hover a key in their editor. Kept here, beside the schema they feed;
# a name that no longer exists in the model fails `schema_for` loudly.
RECORDS = {
    "SiteFile": "The site's name, description, address, home page and shared labels.",
    "PagesFile": "Every page of the site, in navigation order.",
    "SourcesFile": "Every source the guide cites, with when an editor last checked it and the figures it gives.",
    "ComparisonFile": "The side-by-side comparison: the routes with their prices, and the attributes.",
    "ScenariosFile": "The scenarios on the 'when to choose which' page; each is verified against the tool.",
    "DecisionFile": "The decision tool: questions with weighted options, threshold, rules, principles, advice, costs.",
    "ExpertsFile": "The expert perspectives, paraphrased and attributed to their videos by title.",
    "Source": "One source: a publication, video or the editors' own judgment, and whether it sells a route.",
    "Fact": "One number a source gives; prose names it {{fact.ID}} and never types it.",
    "Card": "A card on the home page that leads into one page.",
    "Home": "The home page's words.",
    "Embed": "The decision tool on other sites: who may frame the embed page, and the snippet's words.",
    "EmbedThemes": "The names of the theme choices for the snippet.",
    "Page": "One page: where it lives, what kind it is and the words around its body.",
    "Figure": "One of the guide's drawings on a page: which drawing, its caption, alt text and words.",
    "Price": "A price range in whole units of the site's currency.",
    "PriceCheck": "Another source's price range for the same route, shown beside the guide's own.",
    "Option": "One route a reader can take to a headshot, with what it leaves them publishing.",
    "Cell": "One cell of the comparison with a source of its own.",
    "Attribute": "One row of the comparison table.",
    "ScenarioGroup": "A heading that groups the scenarios with some outcomes.",
    "Scenario": "One situation, its answers to every question and the outcome the tool must give.",
    "Variant": "Another answer a person in the scenario might give: only the answers that differ, and its outcome.",
    "Choice": "One answer to a question, with its points toward the positive outcome.",
    "Question": "One question of the decision tool.",
    "Rule": "Changes one outcome into another when the answers match 'when'; the first that matches applies.",
    "Invariant": (
        "A principle checked over every combination of answers at every build; 'kind' says which: "
        "monotone (question), photograph-only (when), timing-only (timing), reasons, reachable."
    ),
    "Advice": "Advice shown with a result when the answers match and the recommendation gives its picture.",
    "NextStep": "A next step shown with an outcome, linking to a page.",
    "Outcome": "One recommendation the tool can give: a route, or a real photo now and a session later.",
    "Cost": "How the cost over the photo's life is worked out.",
    "Assumption": "What one purchase of a route includes, with its source.",
    "Change": "One entry of the changelog of rule changes.",
    "LinkChanges": "How a shared link made before a change opens: what the tool now asks, or asks again.",
    "Extra": "Something a reader may add to a route's purchase at a fee, such as more retouched images.",
    "Expert": "One expert perspective.",
}


# --- the content's own ids, where they are referred to ---------------------------------------------

ID_FILES = tuple(dict.fromkeys(name for name, _ in DEFINED.values()))


def read_ids(root: Path) -> Ids:
    """The ids defined under `root/content/`; a file that does not parse raises `ContentError`."""
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in ID_FILES:
        try:
            data[name] = read_yaml(Path(root), f"content/{name}.yaml").data
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(problems)
    return ids_in(data)


def _one_of(noun: str, known: Sequence[str]) -> dict[str, Any]:
    """A string that must be one of `known`; the editor's message is worded as `check` words it."""
    return {
        "type": "string",
        "enum": list(known),
        "errorMessage": f"unknown {noun}; expected one of: {', '.join(known)}",
    }


def _references(
    annotation: Any, schema: dict[str, Any], ids: Ids, question: str | None = None
) -> dict[str, Any]:
    """The property schema with the ids the content defines wherever the field's type carries a marker
    (ids.Ref), so editors complete them and underline unknown ones; unchanged where it names none."""
    annotation = unwrap_optional(annotation)
    ref = ref_of(annotation)
    if ref is not None:
        known = ids.of(ref, question)
        if not known:
            return schema
        one = _one_of(ref.noun(question), known)
        if ref.kind == "answer":
            one["description"] = (
                f"The answer to the question {question!r} (decision.yaml): one of its option ids."
            )
        return one
    base = bare(annotation)
    if get_origin(base) is list and "items" in schema:
        return {**schema, "items": _references(get_args(base)[0], schema["items"], ids, question)}
    if get_origin(base) is dict:
        return _mapping(base, schema, ids, question)
    return schema


def _mapping(annotation: Any, schema: dict[str, Any], ids: Ids, question: str | None) -> dict[str, Any]:
    """A mapping keyed by ids: one property per id the content defines (each key's values resolved
    for it); other mappings keep their form, with their values resolved."""
    key, value = get_args(annotation)
    patterns = schema.get("patternProperties", {})
    ref = ref_of(key)
    known = ids.of(ref, question) if ref is not None else ()
    if ref is None or not known:
        resolved = {p: _references(value, v, ids, question) for p, v in patterns.items()}
        return {**schema, "patternProperties": resolved} if patterns else schema
    each = next(iter(patterns.values()), schema.get("additionalProperties", {}))
    properties = {k: _references(value, each, ids, answering(ref, k, question)) for k in known}
    required = {"required": list(known)} if ref.every else {}
    return {"type": "object", "properties": properties, "additionalProperties": False, **required}


# Keys the code requires in a mapping (the labels it shows): completed, and underlined when missing.
REQUIRED_KEYS = {("SiteFile", "labels"): SITE_LABELS, ("DecisionFile", "labels"): DECISION_LABELS}

# What one field of a record requires of another, as `check` requires it.
CONDITIONS = {
    "Choice": {  # an option that moves the score needs the reason the reader is shown
        "if": {"properties": {"weight": {"not": {"const": 0}}}, "required": ["weight"]},
        "then": {"required": ["reason"]},
    },
}


def _required_keys(schema: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    value = next(iter(schema.get("patternProperties", {}).values()), {})
    return {**schema, "properties": {key: value for key in keys}, "required": list(keys)}


# --- the schema of one file -------------------------------------------------------------------


def _title(name: str) -> str:
    """'review_every_days' -> 'Review every days'; 'ScenarioGroup' -> 'Scenario group'."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])])


def _optional(schema: dict[str, Any]) -> dict[str, Any]:
    """`X | None` as one schema with type [X, null]: editors show its title once, not 'Step || Step'."""
    branches = schema.get("anyOf")
    if not branches or len(branches) != 2 or {"type": "null"} not in branches:
        return schema
    other = next(b for b in branches if b != {"type": "null"})
    merged = {key: value for key, value in schema.items() if key != "anyOf"}
    if "$ref" in other:  # an optional record: written out, or left out (never written as null)
        return {**merged, **other}
    if "type" not in other:
        return schema
    return {**merged, **other, "type": [other["type"], "null"]}


def _property(record: str, name: str, schema: dict[str, Any], ids: Ids) -> dict[str, Any]:
    schema = _optional(schema)
    if "patternProperties" in schema:  # a key that is not an id is underlined, as `check` refuses it
        schema = {**schema, "additionalProperties": False}
    annotation = declared(MODELS[record].model_fields[name])
    if markers(annotation):
        keep = {k: schema[k] for k in ("description", "examples", "default") if k in schema}
        schema = {**_references(annotation, schema, ids), **keep}
    if (record, name) in REQUIRED_KEYS:
        schema = _required_keys(schema, sorted(REQUIRED_KEYS[(record, name)]))
    return {**schema, "title": _title(name)}


@functools.cache
def _structural(name: str) -> str:
    """pydantic's schema of the file's record, made once per process (most of the time taken)."""
    return json.dumps(FILES[name].model_json_schema(mode="validation"))


MODELS = records(FILES.values())


def schema_for(name: str, ids: Ids | None = None) -> dict[str, Any]:
    """The JSON Schema of `content/<name>.yaml`, as a dict with stable key order.

    With `ids`, every id a field names (its type carries an `ids.Ref`) is an enum of the ids the
    content defines, so editors complete them and underline unknown ones."""
    ids = ids or Ids()
    schema = json.loads(_structural(name))
    model = FILES[name].__name__
    for record, definition in [(model, schema), *schema.get("$defs", {}).items()]:
        definition["title"] = _title(record)
        definition["description"] = RECORDS[record]
        definition.update(CONDITIONS.get(record, {}))
        definition["properties"] = {
            key: _property(record, key, value, ids) for key, value in definition["properties"].items()
        }
    schema["title"] = f"content/{name}.yaml"
    return {"$schema": DRAFT, **schema}


def schema_text(name: str, ids: Ids | None = None) -> str:
    """The schema as the text committed in `content/schemas/` (sorted keys, two-space indent)."""
    return json.dumps(schema_for(name, ids), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_path(root: Path, name: str) -> Path:
    return Path(root) / "content" / "schemas" / f"{name}.schema.json"


def write_schemas(root: Path, ids: Ids | None = None) -> list[Path]:
    """Write one schema per content file under `root/content/schemas/` (with the ids read from
    `root/content/` unless given), each only when its text changes; returns the paths written."""
    ids = read_ids(root) if ids is None else ids
    written = []
    for name in FILES:
        path = schema_path(root, name)
        text = schema_text(name, ids)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path, data: Mapping[str, Any]) -> list[str]:
    """One line per schema that no longer matches the model and the ids in `data` (name -> plain
    data of each content file), saying which command refreshes it."""
    ids = ids_in(data)
    lines = []
    for name in FILES:
        path = schema_path(root, name)
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name, ids):
            lines.append(
                f"{path.relative_to(root)}:1:1: out of date with content/ (ids or fields changed), so "
                f"editors' tools check against old ones; run `{COMMAND}` to refresh it"
            )
    return lines
