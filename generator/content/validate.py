"""Validation: a loaded document checked against its record type, every failure worded for editors."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..text import did_you_mean
from .ids import Ids, ref_at
from .model import Record
from .read import Document


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


def _describe(error: dict[str, Any], model: type[BaseModel], known: Ids) -> tuple[str, bool]:
    """A message in the form 'what is wrong; what is expected', and whether it points at a key."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(loc[-1]) if loc else "value"
    if kind == "extra_forbidden":
        allowed = _expected(model, loc)
        return (
            f"unknown key {name!r}{did_you_mean(name, allowed)}; expected one of: {', '.join(allowed)}",
            True,
        )
    message = _strict_message(error) or _value_message(error, model, name, known)
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


_MAPPINGS = ("model_type", "model_attributes_type", "dict_type")
_EMPTY = ("string_type", "int_type", "list_type", "dict_type", "model_type", "date_type")


def _value_message(error: dict[str, Any], model: type[BaseModel], name: str, known: Ids) -> str:
    loc, kind, got = tuple(error["loc"]), error["type"], error.get("input")
    if not loc and kind in _MAPPINGS:
        return f"the file holds {_shown(got)}; expected a mapping of this file's fields ('key: value' lines)"
    if kind == "missing":
        return f"missing required field {name!r}; expected it in this mapping"
    if kind == "string_pattern_mismatch":
        return _pattern_message(got, model, loc, name, known)
    if got is None and kind in _EMPTY:
        return f"{name!r} is empty; expected {_expected_type(kind)}"
    wording = _BY_KIND.get(kind)
    if wording is not None:
        return wording(error, got, name)
    message = error["msg"].removeprefix("Value error, ")
    if error["msg"].startswith("Value error, ") and ";" in message:
        return message
    return f"wrong value for {name!r}: {_shown(got)}; expected {_expected_type(kind)}"


def _pattern_message(got: Any, model: type[BaseModel], loc: tuple[Any, ...], name: str, known: Ids) -> str:
    """An id or key of the wrong form; where it names ids the content defines, the closest one."""
    found = ref_at(model, loc)
    choices = known.of(*found) if found else ()
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


def _closest(value: str, choices: Sequence[str]) -> str:
    slug = "-".join(value.lower().replace("_", " ").split())
    part = next((c for c in choices if slug.startswith(f"{c}-") or slug.endswith(f"-{c}")), None)
    return did_you_mean(slug, choices, part)


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
    doc: Document, model: type[Record], known: Ids | None = None
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
            message, at_key = _describe(error, model, known or Ids())
            problems.append(doc.problem(tuple(error["loc"]), message, key=at_key))
        return None, problems
