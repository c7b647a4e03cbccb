"""Typed records of the guide: what each content file holds (pydantic models), and the whole `Guide`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .load import Document

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- sources.yaml -----------------------------------------------------------------------------


class Source(Record):
    id: Id
    title: Text
    author: str | None = Field(None, description="Who wrote or made it, where known.")
    publisher: str | None = Field(None, description="Who published it, where known.")
    kind: Text
    published: dt.date | None = Field(
        None, description="The date the source itself carries, where it has one."
    )
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="A public address where readers can check the source."
    )
    no_url: str | None = Field(
        None, description="Why there is no public address (only when 'url' is left out)."
    )
    read: dt.date = Field(description="The day an editor read the source at this address.")
    reviewed: dt.date = Field(description="The day an editor last checked this source.")
    review_every_days: int = Field(365, ge=1, le=3650)
    used_for: Text

    @model_validator(mode="after")
    def _checkable(self) -> Source:
        if (self.url is None) == (self.no_url is None):
            raise ValueError(
                f"source {self.id!r} needs either 'url' or 'no_url'; expected a public address readers can "
                "check, or one sentence saying why there is none"
            )
        return self


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
    number_words: list[Text] = Field(
        default_factory=list,
        description="Counts below this list's length are written as these words: zero, one, two, ...",
    )
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


class PriceCheck(Price):
    """What another published source says the same option costs."""

    source: Id


class Option(Record):
    id: Id
    label: Text
    short: Text
    price: Price
    source: Id
    other_prices: list[PriceCheck] = Field(
        default_factory=list,
        description="Other sources' ranges for this option, shown beside the guide's own.",
    )


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
    prices_heading: Text
    prices_intro: Text
    options: list[Option] = Field(min_length=2)
    attributes: list[Attribute] = Field(min_length=1)
    takeaway: Text


# --- scenarios.yaml ---------------------------------------------------------------------------


class ScenarioGroup(Record):
    outcome: Id
    heading: Text
    intro: Text


class Variant(Record):
    id: Id
    title: Text
    note: Text
    answers: dict[Id, Id] = Field(min_length=1)
    outcome: Id


class Scenario(Record):
    id: Id
    title: Text
    outcome: Id
    who: Text
    why: Text
    risk: Text
    answers: dict[Id, Id]
    source: Id
    variants: list[Variant] = Field(default_factory=list)

    def variant_answers(self, variant: Variant) -> dict[str, str]:
        """A variant's complete answers: the scenario's, with the variant's changes on top."""
        return {**self.answers, **variant.answers}


class ScenariosFile(Record):
    who_label: Text
    why_label: Text
    risk_label: Text
    try_label: Text
    variants_label: Text
    variant_try_label: Text
    groups: list[ScenarioGroup] = Field(min_length=1)
    scenarios: list[Scenario] = Field(min_length=1)


# --- decision.yaml ----------------------------------------------------------------------------


class Choice(Record):
    id: Id
    label: Text
    short: Text
    help: str | None = None
    weight: int = Field(0, ge=-10, le=10)
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


InvariantKind = Literal["monotone", "never", "timing-only"]
# the fields each kind of invariant needs (and the only ones it may use besides `kind` and `says`)
INVARIANT_FIELDS: dict[str, tuple[str, ...]] = {
    "monotone": ("question", "never_towards"),
    "never": ("when", "never"),
    "timing-only": ("timing", "may_turn", "into"),
}


class Invariant(Record):
    """A principle of the model, verified over every combination of answers at every build.

    monotone: raising `question` never moves the result towards `never_towards`.
    never: when the answers match `when`, the result is never `never`.
    timing-only: `timing` questions carry no points, and changing one of them changes the result only
    between `may_turn` and `into` (never anything else)."""

    kind: InvariantKind = "monotone"
    says: Text
    question: Id | None = None
    never_towards: Id | None = None
    when: dict[Id, list[Id]] | None = None
    never: Id | None = None
    timing: list[Id] | None = Field(None, min_length=1)
    may_turn: Id | None = None
    into: Id | None = None

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Invariant:
        needed = INVARIANT_FIELDS[self.kind]
        missing = [f for f in needed if getattr(self, f) is None]
        if missing:
            raise ValueError(
                f"an invariant of kind {self.kind!r} needs {', '.join(map(repr, missing))}; "
                f"expected: {', '.join(needed)}"
            )
        others = [
            f
            for fields in INVARIANT_FIELDS.values()
            for f in fields
            if f not in needed and getattr(self, f) is not None
        ]
        if others:
            raise ValueError(
                f"{', '.join(map(repr, others))} does not belong to an invariant of kind {self.kind!r}; "
                f"expected only: kind, says, {', '.join(needed)}"
            )
        return self


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


class Assumption(Record):
    """What one purchase of an option includes and how often it is bought again, each with its basis."""

    option: Id
    includes: Text
    includes_source: Id
    redo_source: Id


class Cost(Record):
    horizon: Id
    redo_every_months: dict[Id, Annotated[int, Field(ge=1, le=240)]]
    assumptions: list[Assumption] = Field(min_length=1)
    estimate: Id = Field("editorial", description="The source id that stands for the editors' own estimate.")
    note: Text


class Change(Record):
    date: dt.date
    summary: Text
    fingerprint: Annotated[str, Field(pattern=r"^[a-z]{12}$")] | None = Field(
        None,
        description="The fingerprint of the recommendations this entry describes; "
        "`python -m generator check` says what to write.",
    )


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
    calibration: Text
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


# A link to another page of the guide, written [text](page:ID) in prose and YAML.
LINK = re.compile(r"\]\(page:([^)#?\s]*)(\?[^)#\s]*)?(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
