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


# A link to another page of the guide, written [text](page:ID) in prose and YAML.
LINK = re.compile(r"\]\(page:([^)#?\s]*)(\?[^)#\s]*)?(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
