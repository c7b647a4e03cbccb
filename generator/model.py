"""Typed, validated records of the guide, built from the loaded YAML, with cross-references checked."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ContentError, Problem
from .load import Document, read_text, read_yaml

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- sources.yaml -----------------------------------------------------------------------------


class Source(Record):
    id: Id
    title: Text
    publisher: Text
    kind: Text
    url: str | None = None
    reviewed: dt.date = Field(description="The day an editor last checked this source.")
    review_every_days: int = Field(365, ge=1, le=3650)
    used_for: Text


class SourcesFile(Record):
    heading: Text
    intro: Text
    overdue_label: Text
    sources: list[Source] = Field(min_length=1)


# --- site.yaml --------------------------------------------------------------------------------


class Card(Record):
    page: Id
    text: Text


class Home(Record):
    question: Text
    short_answer: Text
    start: Text
    cards_heading: Text
    cards: list[Card] = Field(min_length=1)
    next_step_title: Text
    next_step: Text


class SiteFile(Record):
    name: Text
    description: Text
    url: Text
    language: Text = "en"
    author: Text
    copyright: Text
    currency: Text
    labels: dict[Id, Text]
    home: Home


# --- pages.yaml -------------------------------------------------------------------------------

Kind = Literal["home", "prose", "comparison", "scenarios", "tool", "experts", "method"]


class Page(Record):
    id: Id
    path: Annotated[str, Field(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$")]
    kind: Kind
    title: Text
    nav: Text
    in_nav: bool = True
    section: str | None = None
    description: Annotated[str, Field(min_length=50, max_length=170)]
    intro: str | None = None
    body: str | None = None
    takeaway: str | None = None
    sources: list[Id] = Field(default_factory=list)


class PagesFile(Record):
    pages: list[Page] = Field(min_length=1)


# --- comparison.yaml --------------------------------------------------------------------------


class Price(Record):
    min: int = Field(ge=0)
    max: int = Field(ge=0)
    open_ended: bool = False


class Option(Record):
    id: Id
    label: Text
    short: Text
    price: Price
    source: Id


class Attribute(Record):
    id: Id
    label: Text
    kind: Literal["text", "price"] = "text"
    values: dict[Id, Text] = Field(default_factory=dict)
    favours: Id
    why: Text
    source: Id


class ComparisonFile(Record):
    intro: Text
    attribute_label: Text
    favours_label: Text
    both_label: Text
    options: list[Option] = Field(min_length=2)
    attributes: list[Attribute] = Field(min_length=1)
    takeaway: Text


# --- scenarios.yaml ---------------------------------------------------------------------------


class ScenarioGroup(Record):
    outcome: Id
    heading: Text
    intro: Text


class Scenario(Record):
    id: Id
    title: Text
    outcome: Id
    who: Text
    why: Text
    risk: Text
    answers: dict[Id, Id]
    source: Id


class ScenariosFile(Record):
    who_label: Text
    why_label: Text
    risk_label: Text
    try_label: Text
    groups: list[ScenarioGroup] = Field(min_length=1)
    scenarios: list[Scenario] = Field(min_length=1)


# --- decision.yaml ----------------------------------------------------------------------------


class Choice(Record):
    id: Id
    label: Text
    short: Text
    help: str | None = None
    weight: int = Field(ge=-10, le=10)
    reason: str | None = None
    months: int | None = Field(None, ge=1, le=240)

    @model_validator(mode="after")
    def _reason_for_weight(self) -> Choice:
        if self.weight and not self.reason:
            raise ValueError(
                f"option {self.id!r} has weight {self.weight} but no 'reason'; "
                "expected a 'reason' the reader sees when this answer drives the result"
            )
        return self


class Question(Record):
    id: Id
    step: int | None = Field(None, ge=1, le=20)
    legend: Text
    short: Text
    help: Text
    explain: Text
    options: list[Choice] = Field(min_length=2)


class Rule(Record):
    id: Id
    when: dict[Id, list[Id]]
    change: Id
    to: Id
    reason: Text


class Invariant(Record):
    question: Id
    never_towards: Id
    says: Text


class NextStep(Record):
    text: Text
    page: Id


class Outcome(Record):
    id: Id
    label: Text
    rank: int
    summary: Text
    cost_parts: list[Id] = Field(min_length=1)
    next_steps: list[NextStep] = Field(min_length=1)


class Cost(Record):
    horizon: Id
    redo_every_months: dict[Id, int]
    note: Text


class Change(Record):
    date: dt.date
    summary: Text


class DecisionFile(Record):
    positive: Id
    negative: Id
    threshold: int
    outcomes: list[Outcome] = Field(min_length=2)
    questions: list[Question] = Field(min_length=1)
    rules: list[Rule] = Field(default_factory=list)
    invariants: list[Invariant] = Field(default_factory=list)
    cost: Cost
    labels: dict[Id, Text]
    worksheet: Text
    changelog: list[Change] = Field(min_length=1)


# --- experts.yaml -----------------------------------------------------------------------------


class Expert(Record):
    id: Id
    video_title: Text
    paraphrase: Text
    takeaway: Text
    source: Id


class ExpertsFile(Record):
    video_label: Text
    experts: list[Expert] = Field(min_length=1)
    synthesis: Text


FILES: dict[str, type[Record]] = {
    "site": SiteFile,
    "pages": PagesFile,
    "sources": SourcesFile,
    "comparison": ComparisonFile,
    "scenarios": ScenariosFile,
    "decision": DecisionFile,
    "experts": ExpertsFile,
}


@dataclass
class Guide:
    """The whole validated guide: every file's record, the Markdown bodies, and the documents."""

    site: SiteFile
    pages: PagesFile
    sources: SourcesFile
    comparison: ComparisonFile
    scenarios: ScenariosFile
    decision: DecisionFile
    experts: ExpertsFile
    bodies: dict[str, str]
    docs: dict[str, Document]


# --- validation -------------------------------------------------------------------------------


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


def _describe(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, bool]:
    """A message in the form 'what is wrong; what is expected', and whether it points at a key."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(loc[-1]) if loc else "value"
    if kind == "extra_forbidden":
        allowed = _expected(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {name!r}{hint}; expected one of: {', '.join(allowed)}", True
    return _value_message(error, loc, name), loc[-1:] == ("[key]",)  # a mapping key, not its value


_ID_FIELDS = {"id", "page", "source"}
_MAPPINGS = ("model_type", "model_attributes_type", "dict_type")
_EMPTY = ("string_type", "int_type", "list_type", "dict_type", "model_type", "date_type")


def _value_message(error: dict[str, Any], loc: tuple[Any, ...], name: str) -> str:
    kind, got, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if not loc and kind in _MAPPINGS:
        return f"the file holds {_shown(got)}; expected a mapping of this file's fields ('key: value' lines)"
    if kind == "missing":
        return f"missing required field {name!r}; expected it in this mapping"
    if kind == "string_pattern_mismatch":
        if name in _ID_FIELDS or not isinstance(loc[-1], str):
            return f"{got!r} is not a valid id; expected lowercase letters, digits and single hyphens"
        if name == "path":
            return f"{got!r} is not a valid page path; expected lowercase words ending in .md"
        return f"{got!r} is not a valid key; expected lowercase letters, digits and single hyphens"
    if got is None and kind in _EMPTY:
        return f"{name!r} is empty; expected {_expected_type(kind)}"
    if kind in ("string_too_short", "string_too_long", "too_short", "too_long"):
        return _length_message(kind, got, ctx, name)
    if kind == "literal_error":
        return f"{got!r} is not allowed for {name!r}; expected one of: {ctx.get('expected', '')}"
    if kind in ("greater_than_equal", "greater_than"):
        least = f"at least {ctx['ge']}" if "ge" in ctx else f"more than {ctx.get('gt')}"
        return f"{got!r} is too small for {name!r}; expected {least}"
    if kind in ("less_than_equal", "less_than"):
        most = f"at most {ctx['le']}" if "le" in ctx else f"less than {ctx.get('lt')}"
        return f"{got!r} is too large for {name!r}; expected {most}"
    message = error["msg"].removeprefix("Value error, ")
    if error["msg"].startswith("Value error, ") and ";" in message:
        return message
    return f"wrong value for {name!r}: {_shown(got)}; expected {_expected_type(kind)}"


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


def _validate(doc: Document, model: type[Record]) -> tuple[Record | None, list[Problem]]:
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
            message, at_key = _describe(error, model)
            problems.append(doc.problem(tuple(error["loc"]), message, key=at_key))
        return None, problems


LINK = re.compile(r"\]\(page:([^)#?\s]*)(\?[^)#\s]*)?(#[^)\s]*)?(\s+\"[^\"]*\")?\)")


def load_guide(root: Path) -> Guide:
    """Load and validate everything in `root/content`; raise `ContentError` with every problem."""
    root = Path(root)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    records: dict[str, Record] = {}
    for name, model in FILES.items():
        relative = f"content/{name}.yaml"
        try:
            doc = read_yaml(root, relative)
        except ContentError as error:
            problems += error.problems
            continue
        docs[name] = doc
        record, found = _validate(doc, model)
        problems += found
        if record is not None:
            records[name] = record
    if problems:
        raise ContentError(problems)
    bodies: dict[str, str] = {}
    for index, page in enumerate(records["pages"].pages):  # type: ignore[attr-defined]
        if page.body:
            relative = f"content/{page.body}"
            try:
                bodies[page.body] = read_text(root, relative)
            except ContentError as error:
                if error.problems[0].message.startswith("the file is missing"):
                    problems.append(
                        docs["pages"].problem(
                            ("pages", index, "body"),
                            f"body file {relative!r} does not exist; expected a Markdown file "
                            "under content/",
                        )
                    )
                else:
                    problems += error.problems
    if problems:
        raise ContentError(problems)
    guide = Guide(**records, bodies=bodies, docs=docs)  # type: ignore[arg-type]
    from .references import check_references

    problems = check_references(guide)
    if problems:
        raise ContentError(problems)
    return guide
