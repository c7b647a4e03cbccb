"""Validation: a loaded document checked against its record type, every failure worded for editors."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .load import Document
from .model import Record


def _expected(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at the mapping that holds `loc`'s last key."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _describe(error: dict[str, Any], model: type[BaseModel], known: Known) -> tuple[str, bool]:
    """A message in the form 'what is wrong; what is expected', and whether it points at a key."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(loc[-1]) if loc else "value"
    if kind == "extra_forbidden":
        allowed = _expected(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {name!r}{hint}; expected one of: {', '.join(allowed)}", True
    message = _strict_message(error) or _value_message(error, loc, name, known)
    return message, loc[-1:] == ("[key]",)  # a mapping key, not its value


_QUOTED = {  # pydantic's strict-type error -> (text that would be that type unquoted, what is expected)
    "int_type": (r"[-+]?\d+", "a whole number"),
    "bool_type": (r"true|false", "true or false"),
}


def _strict_message(error: dict[str, Any]) -> str | None:
    """A quoted number or true/false is text, as editors' tools read it: say so, and how to fix it."""
    got, expected = error.get("input"), _QUOTED.get(error["type"])
    if (
        not isinstance(got, str)
        or expected is None
        or not re.fullmatch(expected[0], got.strip(), re.IGNORECASE)
    ):
        return None
    return f"{got!r} is text; expected {expected[1]} (remove the quotes)"


Known = Mapping[str, Sequence[str]]  # a kind of id ("outcome", "answer:platform", ...) -> the ids
_MAPPINGS = ("model_type", "model_attributes_type", "dict_type")
_EMPTY = ("string_type", "int_type", "list_type", "dict_type", "model_type", "date_type")
_REFERS = {  # a field whose value names something defined elsewhere -> the kind of id it names
    **dict.fromkeys(("outcome", "outcomes", "change", "to", "positive", "negative"), "outcome"),
    **dict.fromkeys(("source", "sources", "includes_source"), "source"),
    **dict.fromkeys(("question", "horizon", "timing"), "question"),
    **dict.fromkeys(("favors", "routes", "sells", "option"), "option"),
    "page": "page",
    **dict.fromkeys(("lasts", "fee_low", "fee_high"), "fact"),
    "added": "question",
}
_KEYED = {"answers": "question", "when": "question", "values": "option"}


def _ids(data: Any, key: str) -> list[str]:
    """The `id`s of the records listed under `key` in raw data, skipping anything malformed."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def known_ids(docs: Mapping[str, Document]) -> dict[str, list[str]]:
    """The ids each kind of reference may name, read from the raw documents for "did you mean" hints."""

    def data(name: str) -> Any:
        return docs[name].data if name in docs else None

    sources = data("sources").get("sources") if isinstance(data("sources"), dict) else None
    known = {
        "outcome": _ids(data("decision"), "outcomes"),
        "source": _ids(data("sources"), "sources"),
        "page": _ids(data("pages"), "pages"),
        "question": _ids(data("decision"), "questions"),
        "option": _ids(data("comparison"), "options"),
        "fact": [
            f for source in (sources if isinstance(sources, list) else []) for f in _ids(source, "figures")
        ],
    }
    questions = data("decision").get("questions") if isinstance(data("decision"), dict) else None
    for question in questions if isinstance(questions, list) else []:
        if isinstance(question, dict) and isinstance(question.get("id"), str):
            known[f"answer:{question['id']}"] = _ids(question, "options")
    return known


def _value_message(error: dict[str, Any], loc: tuple[Any, ...], name: str, known: Known) -> str:
    kind, got = error["type"], error.get("input")
    if not loc and kind in _MAPPINGS:
        return f"the file holds {_shown(got)}; expected a mapping of this file's fields ('key: value' lines)"
    if kind == "missing":
        return f"missing required field {name!r}; expected it in this mapping"
    if kind == "string_pattern_mismatch":
        return _pattern_message(got, loc, name, known)
    if got is None and kind in _EMPTY:
        return f"{name!r} is empty; expected {_expected_type(kind)}"
    wording = _BY_KIND.get(kind)
    if wording is not None:
        return wording(error, got, name)
    message = error["msg"].removeprefix("Value error, ")
    if error["msg"].startswith("Value error, ") and ";" in message:
        return message
    return f"wrong value for {name!r}: {_shown(got)}; expected {_expected_type(kind)}"


def _pattern_message(got: Any, loc: tuple[Any, ...], name: str, known: Known) -> str:
    """An id or key of the wrong form; where the ids it may name are known, the closest one."""
    choices = _choices(loc, known)
    hint = _closest(str(got), choices)
    if name == "[key]":
        expected = (
            f"one of: {', '.join(choices)}" if choices else "lowercase letters, digits and single hyphens"
        )
        return f"{got!r} is not a valid key{hint}; expected {expected}"
    if name == "id":
        return f"{got!r} is not a valid id; expected lowercase letters, digits and single hyphens"
    if name == "path":
        return f"{got!r} is not a valid page path; expected lowercase words ending in .md"
    if name == "fingerprint":
        expected = "twelve lowercase letters, as python -m generator check gives them"
        return f"wrong value for 'fingerprint': {_shown(got)}; expected {expected}"
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "value")
    if choices:
        return f"wrong value for {field!r}: {_shown(got)}{hint}; expected one of: {', '.join(choices)}"
    return f"wrong value for {field!r}: {_shown(got)}; expected an id (lowercase, digits, single hyphens)"


def _choices(loc: tuple[Any, ...], known: Known) -> Sequence[str]:
    """The ids that may stand at `loc`, if it is a reference (or a key) whose targets are known."""
    path = [part for part in loc if part != "[key]"]
    while path and isinstance(path[-1], int):
        path.pop()
    parent = path[-2] if len(path) >= 2 else None
    if loc[-1:] == ("[key]",):
        return known.get(_KEYED.get(str(parent), ""), ())
    if parent in ("answers", "when"):
        return known.get(f"answer:{path[-1]}", ())
    return known.get(_REFERS.get(str(path[-1]) if path else "", ""), ())


def _closest(value: str, choices: Sequence[str]) -> str:
    slug = "-".join(value.lower().replace("_", " ").split())
    close = difflib.get_close_matches(slug, list(choices), n=1) or [
        c for c in choices if slug.startswith(f"{c}-") or slug.endswith(f"-{c}")
    ]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _too_small(error: dict[str, Any], got: Any, name: str) -> str:
    ctx = error.get("ctx") or {}
    least = f"at least {ctx['ge']}" if "ge" in ctx else f"more than {ctx.get('gt')}"
    return f"{got!r} is too small for {name!r}; expected {least}"


def _too_large(error: dict[str, Any], got: Any, name: str) -> str:
    ctx = error.get("ctx") or {}
    most = f"at most {ctx['le']}" if "le" in ctx else f"less than {ctx.get('lt')}"
    return f"{got!r} is too large for {name!r}; expected {most}"


def _literal(error: dict[str, Any], got: Any, name: str) -> str:
    expected = (error.get("ctx") or {}).get("expected", "")
    return f"{got!r} is not allowed for {name!r}; expected one of: {expected}"


def _length(error: dict[str, Any], got: Any, name: str) -> str:
    return _length_message(error["type"], got, error.get("ctx") or {}, name)


_BY_KIND = {
    **dict.fromkeys(("string_too_short", "string_too_long", "too_short", "too_long"), _length),
    "literal_error": _literal,
    **dict.fromkeys(("greater_than_equal", "greater_than"), _too_small),
    **dict.fromkeys(("less_than_equal", "less_than"), _too_large),
}


def _length_message(kind: str, got: Any, ctx: dict[str, Any], name: str) -> str:
    if isinstance(got, str):
        least, most = ctx.get("min_length", 1), ctx.get("max_length")
        if kind.endswith("too_long"):
            return f"{name!r} is {len(got)} characters long; expected at most {most} characters"
        if least <= 1 or not got.strip():
            return f"{name!r} is empty; expected text"
        return f"{name!r} is {len(got)} characters long; expected at least {least} characters"
    count = len(got) if hasattr(got, "__len__") else 0
    if kind.endswith("too_long"):
        return f"{name!r} has {_items(count)}; expected at most {_items(ctx.get('max_length', 0))}"
    return f"{name!r} has {_items(count)}; expected at least {_items(ctx.get('min_length', 1))}"


def _shown(value: Any) -> str:
    """How a wrong value is named in a message: short, and in the editor's terms."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value.isoformat() if isinstance(value, dt.date) else value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _items(count: int) -> str:
    return f"{count} item{'s' if count != 1 else ''}" if count else "no items"


def _expected_type(kind: str) -> str:
    return {
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "string_type": "text (quote it if it looks like a number, date or true/false)",
        "list_type": "a list ('- item' lines, or [a, b])",
        "dict_type": "a mapping ('key: value' lines)",
        "model_type": "a mapping ('key: value' lines)",
        "model_attributes_type": "a mapping ('key: value' lines)",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "date_type": "a date written YYYY-MM-DD",
        "date_parsing": "a date written YYYY-MM-DD",
        "date_from_datetime_parsing": "a date written YYYY-MM-DD",
        "date_from_datetime_inexact": "a date written YYYY-MM-DD, without a time",
    }.get(kind, "a value of the documented form (see content/schemas/)")


def validate(
    doc: Document, model: type[Record], known: Known | None = None
) -> tuple[Record | None, list[Problem]]:
    """The document as its record, or the problems found; `known` ids make hints for wrong references."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as failure:
        errors = failure.errors()
        # a misspelt key also makes its intended field "missing": report only the misspelling
        typos = {
            (*error["loc"][:-1], close)
            for error in errors
            if error["type"] == "extra_forbidden"
            for close in difflib.get_close_matches(str(error["loc"][-1]), _expected(model, error["loc"]), n=1)
        }
        problems = []
        for error in errors:
            if error["type"] == "missing" and tuple(error["loc"]) in typos:
                continue
            message, at_key = _describe(error, model, known or {})
            problems.append(doc.problem(tuple(error["loc"]), message, key=at_key))
        return None, problems
