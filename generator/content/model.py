"""Typed records of the guide: what each content file holds (pydantic models), and the whole `Guide`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .ids import Ref
from .read import Document

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]

# An id that names something defined elsewhere. The marker is all a field needs: the reference check,
# the "did you mean" hint and the editors' completion all come from it (generator/content/ids.py).
SourceId = Annotated[Id, Ref("source")]
FactId = Annotated[Id, Ref("fact")]
PageId = Annotated[Id, Ref("page")]
RouteId = Annotated[Id, Ref("route")]
OutcomeId = Annotated[Id, Ref("outcome")]
QuestionId = Annotated[Id, Ref("question")]
AnswerId = Annotated[Id, Ref("answer")]  # an option of the question named by the mapping key above it
# question id: [option ids], as rules, invariants and advice match answers
Condition = dict[QuestionId, Annotated[list[AnswerId], Field(min_length=1)]]


def _iso_date(value: Any) -> Any:
    """A quoted date written YYYY-MM-DD is a date too: editors' tools read dates as text anyway."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _about(description: str, *examples: Any, **more: Any) -> Any:
    """A field's hover text for editors' tools: what it is for, with an example of its value."""
    return Field(description=description, examples=list(examples) or None, **more)


class Record(BaseModel):
    # strict: a quoted number is text, not a number, as in the JSON Schemas editors' tools read
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


# --- sources.yaml -----------------------------------------------------------------------------


Unit = Literal[
    "percent",
    "count",
    "images",
    "dollars",
    "feet",
    "minutes",
    "hours",
    "days",
    "business-days",
    "weeks",
    "months",
    "years",
]


class Fact(Record):
    """One number a source gives, with its one home here: prose names it `{{fact.ID}}`."""

    id: Id = _about(
        "Lowercase words joined by hyphens, unique across all sources; prose writes {{fact.ID}}.",
        "recruiters-want-disclosure",
    )
    about: Text = _about(
        "What the number measures, in a few words for editors and the method page.",
        "Recruiters who want candidates to disclose an AI headshot",
    )
    value: float | None = _about("The number, where the source gives one.", 88, default=None)
    min: float | None = _about("The low end, where the source gives a range.", 3, default=None)
    max: float | None = _about("The high end, where the source gives a range.", 5, default=None)
    unit: Unit = _about("What the number counts; it decides how readers see it.", "percent")

    @model_validator(mode="after")
    def _one_value(self) -> Fact:
        if (self.value is None) == (self.min is None and self.max is None) or (
            self.value is None and (self.min is None or self.max is None)
        ):
            raise ValueError(
                f"fact {self.id!r} needs either 'value', or both 'min' and 'max'; expected one number or "
                "a range"
            )
        return self


class Source(Record):
    id: Id = _about("Lowercase words joined by hyphens; other files cite the source by it.", "seed-article")
    title: Text = _about("The source's title as its publisher gives it.", "Headshot")
    author: str | None = _about("Who wrote or made it, where known.", "Jane Example", default=None)
    publisher: str | None = _about("Who published it, where known.", "Wikipedia", default=None)
    kind: Text = _about("What sort of source it is, in a word or two.", "Encyclopedia entry")
    published: Date | None = _about(
        "The date the source itself carries, where it has one, YYYY-MM-DD.", "2026-10-15", default=None
    )
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = _about(
        "A public address where readers can check the source (or give 'no_url').",
        "https://en.wikipedia.org/wiki/Headshot",
        default=None,
    )
    no_url: str | None = _about(
        "Why there is no public address (only when 'url' is left out).",
        "Our own estimates; there is no outside document.",
        default=None,
    )
    read: Date = _about("The day an editor read the source at this address, YYYY-MM-DD.", "2026-11-20")
    reviewed: Date = _about("The day an editor last checked this source, YYYY-MM-DD.", "2026-11-20")
    review_every_days: int = _about(
        "How often the source must be re-checked, in days; `check` lists overdue ones.",
        180,
        default=365,
        ge=1,
        le=3650,
    )
    used_for: Text = _about("What the guide takes from it.", "Price ranges and turnaround.")
    sells: list[RouteId] = _about(
        "The ids of the routes (comparison.yaml options) the publisher sells; [] when it sells none of "
        "them. Readers weigh a seller's figures with that in mind.",
        ["session"],
    )
    figures: list[Fact] = _about(
        "The numbers the guide takes from this source, each with its one home here.", default_factory=list
    )

    @model_validator(mode="after")
    def _checkable(self) -> Source:
        if (self.url is None) == (self.no_url is None):
            raise ValueError(
                f"source {self.id!r} needs either 'url' or 'no_url'; expected a public address readers can "
                "check, or one sentence saying why there is none"
            )
        return self


class SourcesFile(Record):
    heading: Text = _about("The heading of the sources list on the method page.", "Sources and review dates")
    intro: Text = _about("The paragraph above the sources list.", "Every figure points back to one of these.")
    overdue_label: Text = _about("Shown beside a source whose review is overdue.", "due for review")
    sells_label: Text = _about(
        "The line naming the routes a source's publisher sells; {routes} is the list.", "Sells: {routes}."
    )
    sells_none: Text = _about(
        "The line for a source whose publisher sells none of the routes.", "Sells none of the routes."
    )
    figures_label: Text = _about("The words before the list of a source's figures.", "Figures taken from it:")
    sources: list[Source] = _about("Every source the guide cites.", min_length=1)


# --- site.yaml --------------------------------------------------------------------------------


class Card(Record):
    page: PageId = _about("The id of the page the card leads to (pages.yaml).", "comparison")
    text: Text = _about(
        "One sentence under the page's title on the card.", "Cost, speed and realism side by side."
    )


class Home(Record):
    question: Text = _about("The question the home page opens with.", "AI generator or photographer?")
    short_answer: Text = _about(
        "The answer in a paragraph, before the details.", "It depends on what the photo must carry."
    )
    start: Text = _about("The button text that leads into the decision tool.", "Answer six questions")
    cards_heading: Text = _about("The heading above the cards.", "Find your way around")
    cards: list[Card] = _about("The cards into each section, in order.", min_length=1)
    next_step_title: Text = _about("The title of the closing call to action.", "Ready to decide?")
    next_step: Text = _about("The text of the closing call to action.", "The tool takes a minute.")


# An origin a host site is served from (scheme, host, optional port), or "*" for any site: the values
# CSP's frame-ancestors takes, kept to a form that cannot add a directive to the policy.
FrameAncestor = Annotated[str, Field(pattern=r"^(\*|https?://[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]{1,5})?)$")]


class EmbedThemes(Record):
    auto: Text = _about(
        "The choice that follows the reader's light or dark system setting.", "Follow the system"
    )
    light: Text = _about("The light theme's name.", "Light")
    dark: Text = _about("The dark theme's name.", "Dark")


class Embed(Record):
    """The decision tool on other sites: the embed page, the snippet hosts copy, and who may frame it."""

    frame_ancestors: list[FrameAncestor] = _about(
        'Which sites may frame the embed page: ["*"] for any site, or a list of origins such as '
        "https://careers.example.edu (the guide's own origin is always allowed, for the preview).",
        ["*"],
        default_factory=lambda: ["*"],
        min_length=1,
    )
    height: int = _about(
        "The frame's height in pixels where the snippet's script does not run (the frame then scrolls).",
        900,
        default=900,
        ge=300,
        le=3000,
    )
    width: int = _about(
        "The width in pixels the oEmbed description asks consumers for.", 640, default=640, ge=280
    )
    heading: Text = _about(
        "The heading of the snippet section on the tool page.", "Put this tool on your site"
    )
    intro: Text = _about("The paragraph under that heading.", "Copy the code into your page.")
    theme: Text = _about("The question above the theme choice.", "Theme")
    themes: EmbedThemes = _about("The names of the three theme choices.")
    code: Text = _about("The label of the code to copy.", "The code for your page")
    copy_code: Text = _about("The copy button's text.", "Copy the code")
    copied: Text = _about("What the copy button says once the code is copied.", "Code copied")
    preview: Text = _about("The heading of the preview.", "Preview")
    open_embed: Text = _about(
        "The link to the embed page that stands for the preview where scripts do not run.",
        "Open the tool as other sites show it",
    )
    frame_title: Text = _about(
        "The frame's title, read by screen readers on the host's page; {site} is the guide's name.",
        "Headshot decision tool, from the {site}",
    )
    fallback: Text = _about(
        "The link under the frame to the tool in the guide, which stays where frames are blocked; "
        "{site} is the guide's name.",
        "Open the headshot decision tool on the {site}",
    )
    attribution: Text = _about(
        "The short line inside the embed that names the guide; {site} becomes a link to the guide.",
        "A tool from the {site}",
    )
    whole_guide: Text = _about(
        "The link inside the embed that opens the tool in the guide, in a new tab, with the reader's answers.",
        "See the whole guide",
    )
    noscript: Text = _about(
        "Shown in the embed where JavaScript does not run, before the link to the tool in the guide.",
        "This tool needs JavaScript here.",
    )


class SiteFile(Record):
    name: Text = _about("The site's name, in the header and the browser tab.", "Headshot Decision Guide")
    description: Text = _about(
        "What the site is, for search engines and social cards.", "An independent guide to one decision."
    )
    url: Text = _about(
        "The address the site is published at, ending in /.", "https://headshot-guide.example/"
    )
    language: Text = _about("The language code of the pages.", "en", default="en")
    author: Text = _about("Who writes the guide.", "The Headshot Decision Guide editors")
    copyright: Text = _about("The line in the footer.", "Written and maintained by the editors.")
    currency: Text = _about("The currency symbol put before every price.", "$")
    number_words: list[Text] = _about(
        "Counts below this list's length are written as these words: zero, one, two, ...",
        ["zero", "one", "two"],
        default_factory=list,
    )
    labels: dict[Id, Text] = _about(
        "Words shared by all pages; every required key must be present.", {"sources": "Sources"}
    )
    home: Home = _about("The home page's words.")
    embed: Embed = _about(
        "The decision tool on other sites: the page of kind 'embed' and the snippet on the tool page."
    )


# --- pages.yaml -------------------------------------------------------------------------------

Kind = Literal["home", "prose", "comparison", "scenarios", "tool", "experts", "method", "embed"]


class Figure(Record):
    id: Id = _about("The drawing: generator/templates/figures/<id>.svg.j2.", "headshot-framing")
    caption: Text = _about("The caption under the drawing.", "What a headshot must show.")
    alt: Text = _about(
        "What the drawing shows, for readers who cannot see it.", "A head and shoulders inside a frame."
    )
    labels: dict[Id, Text] = _about(
        "The words in or under the drawing, by the drawing's label ids.",
        {"eye-line": "Eye line"},
        default_factory=dict,
    )


class Page(Record):
    id: Id = _about("Lowercase words joined by hyphens; link to the page with [text](page:ID).", "comparison")
    path: Annotated[str, Field(pattern=r"^([a-z0-9-]+/)*[a-z0-9-]+\.md$")] = _about(
        "Where the page lives in the site: lowercase words ending in .md.", "guides/my-guide.md"
    )
    kind: Kind = _about("Which template renders the page; 'prose' pages need a 'body'.", "prose")
    title: Text = _about("The page's heading and browser-tab title.", "What counts as a headshot")
    nav: Text = _about("The page's label in the navigation.", "What a headshot is")
    in_nav: bool = _about(
        "false keeps the page out of the navigation (still built, linked and searchable); "
        "use it for pages in bulk: a full Material nav makes builds grow with the square of the page count.",
        False,
        default=True,
    )
    section: str | None = _about("The navigation section the page sits in.", "The basics", default=None)
    description: Annotated[str, Field(min_length=50, max_length=170)] = _about(
        "The search-engine description: 50 to 170 characters.",
        "What a headshot is, and the three things it must do whoever makes it.",
    )
    intro: str | None = _about("A paragraph under the title, before the body.", "Start here.", default=None)
    body: str | None = _about("A Markdown file under content/.", "pages/my-guide.md", default=None)
    takeaway: str | None = _about(
        "The key takeaway shown at the end of the page.", "Judge any headshot by its likeness.", default=None
    )
    sources: list[SourceId] = _about(
        "Ids of the sources (sources.yaml) this page rests on.", ["seed-article"], default_factory=list
    )
    figures: list[Figure] = _about(
        "The drawings this page shows: each with its id (a drawing in generator/templates/figures/), "
        "caption, alt text and labels.",
        default_factory=list,
    )


class PagesFile(Record):
    pages: list[Page] = _about("Every page of the site, in navigation order.", min_length=1)


# --- comparison.yaml --------------------------------------------------------------------------


class Price(Record):
    min: int = _about("The low end, a whole number without quotes; must not be above 'max'.", 150, ge=0)
    max: int = _about("The high end, a whole number without quotes.", 600, ge=0)
    open_ended: bool = _about("true shows the range as 'or more' (a trailing +).", True, default=False)


class PriceCheck(Price):
    """What another published source says the same option costs."""

    source: SourceId = _about(
        "The id of the source that gives this range (sources.yaml).", "price-photo-xoslab"
    )


Picture = Literal["photograph", "generated"]


class Option(Record):
    """One route a reader can take to a headshot, as the comparison shows it."""

    id: Id = _about("The route's id; the decision tool's outcomes name their routes by it.", "session")
    label: Text = _about("The route's full name.", "A full session with a photographer")
    short: Text = _about("A short name for table headings and the cost chart.", "Full session")
    picture: Picture = _about(
        "What the reader ends up publishing: a photograph of themselves, or a generated image.",
        "photograph",
    )
    price: Price = _about("The typical price range (0 and 0 for a free route).", {"min": 150, "max": 600})
    source: SourceId = _about("The id of the source for the price (sources.yaml).", "seed-article")
    lasts: FactId = _about(
        "The id of the fact (a source's figures, in months or years) for how long one purchase stays "
        "current; the cost over the photo's life counts a new purchase each time it runs out.",
        "headshot-life-office",
    )
    other_prices: list[PriceCheck] = _about(
        "Other sources' ranges for this route, shown beside the guide's own.",
        [{"min": 200, "max": 600, "source": "price-photo-xoslab"}],
        default_factory=list,
    )


class Cell(Record):
    """One cell of the comparison with a source of its own."""

    text: Text = _about("The cell's text.", "Edited images in {{fact.session-delivery}}")
    source: SourceId = _about("The id of the source for this cell (sources.yaml).", "price-mini-example")


class Attribute(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "turnaround")
    label: Text = _about("The row's heading in the table.", "Turnaround")
    kind: Literal["text", "price", "picture"] = _about(
        "'price' fills the row from the routes' prices, 'picture' from what each route gives; "
        "'text' from 'values'.",
        "text",
        default="text",
    )
    values: dict[RouteId, Text | Cell] = _about(
        "The cell per route id (every route needs one for kind 'text'): its text, or text and source.",
        {"ai": "Minutes", "session": {"text": "Several days", "source": "seed-article"}},
        default_factory=dict,
    )
    favors: list[RouteId] = _about(
        "The route ids that come out ahead on this row; [] when none does.", ["keep", "free"]
    )
    why: Text = _about("Why those routes come out ahead, in a sentence.", "A generator is done in minutes.")
    source: SourceId = _about(
        "The id of the source for the row (sources.yaml); a cell with its own source overrides it.",
        "seed-article",
    )


class ComparisonFile(Record):
    intro: Text = _about("The paragraph above the table.", "The routes are built for different jobs.")
    attribute_label: Text = _about("The heading of the table's first column.", "What you get")
    favors_label: Text = _about(
        "The heading of the column that says which route is ahead.", "Comes out ahead"
    )
    none_label: Text = _about("Shown when no route comes out ahead on a row.", "No clear winner")
    picture_labels: dict[Picture, Text] = _about(
        "How the 'picture' row names each kind of result.",
        {"photograph": "A photograph of you", "generated": "A generated image"},
    )
    prices_heading: Text = _about("The heading of the list of other published prices.", "What others charge")
    prices_intro: Text = _about(
        "The sentence above the list of other published prices.", "Other public pages give these ranges."
    )
    options: list[Option] = _about("The routes a reader can take, in column order.", min_length=2)
    attributes: list[Attribute] = _about("The table's rows, in order.", min_length=1)
    takeaway: Text = _about("The key takeaway under the table.", "Pick by what the photo must carry.")


# --- scenarios.yaml ---------------------------------------------------------------------------


class ScenarioGroup(Record):
    outcomes: list[OutcomeId] = _about(
        "The outcome ids (decision.yaml) whose scenarios this heading groups.",
        ["keep-then-session", "free-then-session"],
        min_length=1,
    )
    heading: Text = _about("The group's heading.", "A real photo now, a session later")
    intro: Text = _about(
        "A sentence under the heading.", "The stakes call for a photographer, but time is short."
    )


class Variant(Record):
    id: Id = _about("Lowercase words joined by hyphens, unique within its scenario.", "few-clients")
    title: Text = _about("The variant's heading.", "A few dozen clients who buy on trust")
    note: Text = _about("What is different for this person, in a sentence.", "Fewer people, same trust.")
    answers: dict[QuestionId, AnswerId] = _about(
        "Only the answers that differ from the scenario's: question id: option id.",
        {"visibility": "few"},
        min_length=1,
    )
    outcome: OutcomeId = _about(
        "The outcome id the tool must give for these answers; the build checks it.", "ai"
    )


class Scenario(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "early-founder")
    title: Text = _about("The scenario's heading.", "The early-stage founder")
    outcome: OutcomeId = _about(
        "The outcome id the tool must give for these answers; the build checks it.", "ai"
    )
    who: Text = _about("Who is in this situation.", "A founder setting up a company site.")
    why: Text = _about("Why the outcome fits them.", "One consistent look everywhere, quickly.")
    risk: Text = _about(
        "What the other choice would risk.", "Paying for polish before the image has settled."
    )
    answers: dict[Annotated[Id, Ref("question", every=True)], AnswerId] = _about(
        "question id: option id, for every question of decision.yaml.", {"platform": "professional"}
    )
    source: SourceId = _about("The id of the source for this scenario (sources.yaml).", "seed-article")
    variants: list[Variant] = _about(
        "Other answers a person in this situation might give, each checked like the scenario.",
        default_factory=list,
    )

    def variant_answers(self, variant: Variant) -> dict[str, str]:
        """A variant's complete answers: the scenario's, with the variant's changes on top."""
        return {**self.answers, **variant.answers}


class ScenariosFile(Record):
    who_label: Text = _about("The label before 'who'.", "Who this is")
    why_label: Text = _about("The label before 'why'.", "Why it fits")
    risk_label: Text = _about("The label before 'risk'.", "The risk of the other choice")
    try_label: Text = _about(
        "The link into the tool with the scenario's answers; {title} is its title.", "Try “{title}”"
    )
    variants_label: Text = _about("The heading above a scenario's variants.", "Other answers, same situation")
    variant_try_label: Text = _about(
        "The link into the tool with a variant's answers; {title} is its title.", "Try “{title}”"
    )
    groups: list[ScenarioGroup] = _about("The headings the scenarios are grouped under.", min_length=1)
    scenarios: list[Scenario] = _about("The scenarios, each checked against the decision tool.", min_length=1)


# --- decision.yaml ----------------------------------------------------------------------------


class Choice(Record):
    id: Id = _about("The option's id; scenarios and rules answer with it.", "dating")
    label: Text = _about("The answer as the reader sees it in the form.", "A dating app")
    short: Text = _about("A short label used in tables and in the tool's summary.", "Dating app")
    help: str | None = _about("A hint under the answer.", "Count every profile.", default=None)
    weight: int = _about(
        "Points toward the positive outcome (negative: toward the other), -10 to 10, without quotes; "
        "leave out for 0 (budget and deadline answers carry none).",
        2,
        default=0,
        ge=-10,
        le=10,
    )
    reason: str | None = _about(
        "What the reader is told when this answer drives the result (needed if weight is not 0). An "
        "answer of weight 0 with a reason is shown when the total stays below the threshold: it asks "
        "nothing more of the photo.",
        "A dating profile leads to meeting in person.",
        default=None,
    )
    source: SourceId | None = _about(
        "The id of the source behind the reason (sources.yaml); leave out for the editors' judgment.",
        "bumble-ai-photos",
        default=None,
    )
    months: int | None = _about(
        "For the cost horizon question: how long the photo is used, in months.",
        36,
        default=None,
        ge=1,
        le=240,
    )

    @model_validator(mode="after")
    def _reason_for_weight(self) -> Choice:
        if self.weight and not self.reason:
            raise ValueError(
                f"option {self.id!r} has weight {self.weight} but no 'reason'; "
                "expected a 'reason' the reader sees when this answer drives the result"
            )
        return self


class Question(Record):
    id: Id = _about("The question's id; scenarios and rules answer it by this id.", "platform")
    step: int | None = _about(
        "The step number in the framework, for the core questions.", 1, default=None, ge=1, le=20
    )
    legend: Text = _about("The question as the form asks it.", "Where will this headshot mostly appear?")
    short: Text = _about("A short name for tables and summaries.", "Platform")
    help: Text = _about("A hint under the question.", "Pick the place that matters most.")
    explain: Text = _about(
        "The question explained in the framework beneath the tool.", "Start with the platform."
    )
    options: list[Choice] = _about("The possible answers, in the order the form shows them.", min_length=2)


class Rule(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "too-soon")
    when: Condition = _about(
        "question id: [option ids]; the rule applies when every listed question has one of its options.",
        {"deadline": ["days"]},
    )
    change: OutcomeId = _about("The outcome id the rule changes.", "session")
    to: OutcomeId = _about("The outcome id it becomes.", "express")
    reason: Text = _about(
        "What the reader is told when the rule applies.", "A session cannot be booked in days."
    )
    source: SourceId | None = _about(
        "The id of the source behind the reason (sources.yaml); leave out for the editors' judgment.",
        "price-mini-example",
        default=None,
    )


InvariantKind = Literal["monotone", "photograph-only", "timing-only", "reasons", "reachable"]
# the fields each kind of invariant needs (and the only ones it may use besides `kind`, `says`, `source`)
INVARIANT_FIELDS: dict[str, tuple[str, ...]] = {
    "monotone": ("question",),
    "photograph-only": ("when",),
    "timing-only": ("timing",),
    "reasons": (),
    "reachable": (),
}


class Invariant(Record):
    """A principle of the model, verified over every combination of answers at every build.

    monotone: a later answer to `question` never moves the result toward a generated image.
    photograph-only: when the answers match `when`, every route in the recommendation gives a photograph.
    timing-only: the `timing` questions carry no points, and changing one of them never changes whether
    the recommendation includes a generated image.
    reasons: every result shows at least one reason that is true for the answers.
    reachable: every outcome is recommended for some answers."""

    kind: InvariantKind = _about(
        "Which principle: monotone (question), photograph-only (when), timing-only (timing), reasons "
        "or reachable.",
        "monotone",
        default="monotone",
    )
    says: Text = _about(
        "The principle in words, on the method page.",
        "Raising the stakes never moves the recommendation toward a generated image.",
    )
    source: SourceId | None = _about(
        "The id of the source that bears on the principle (sources.yaml); leave out for the editors' "
        "judgment.",
        "bumble-ai-photos",
        default=None,
    )
    question: QuestionId | None = _about(
        "monotone: the question whose answers, taken in order, the principle is about.",
        "stakes",
        default=None,
    )
    when: Condition | None = _about(
        "photograph-only: the answers (question id: option ids) the principle is about.",
        {"stakes": ["high"]},
        default=None,
    )
    timing: list[QuestionId] | None = _about(
        "timing-only: the question ids that carry no points and only decide the route and its timing.",
        ["budget", "deadline"],
        default=None,
        min_length=1,
    )

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
                f"expected only: {', '.join(('kind', 'says', 'source', *needed))}"
            )
        return self


class NextStep(Record):
    text: Text = _about("The link text.", "Prepare for your session")
    page: PageId = _about("The id of the page it links to (pages.yaml).", "prepare-for-a-session")


class Outcome(Record):
    id: Id = _about("The outcome's id; rules, scenarios and invariants use it.", "free-then-session")
    label: Text = _about("The recommendation as the reader sees it.", "Book a full session")
    summary: Text = _about("A paragraph that explains the recommendation.", "The photo has real work to do.")
    routes: list[RouteId] = _about(
        "The routes (comparison.yaml options) the recommendation follows, in order: one, or a photo "
        "now and a session later. The last one covers the photo's whole life.",
        ["free", "session"],
        min_length=1,
        max_length=2,
    )
    next_steps: list[NextStep] = _about("Links shown with the recommendation.", min_length=1)


class Assumption(Record):
    """What one purchase of a route includes, with its basis."""

    option: RouteId = _about("The route (comparison.yaml option) id this assumption is about.", "ai")
    includes: Text = _about("What one purchase includes, in words for readers.", "one set of portraits")
    includes_source: SourceId = _about("The source id for what a purchase includes.", "seed-article")


class Advice(Record):
    """Advice shown with a result when the answers match and the recommendation gives that picture."""

    id: Id = _about("Lowercase words joined by hyphens.", "disclose-for-hiring")
    when: Condition = _about(
        "The answers (question id: option ids) the advice is for.", {"platform": ["professional"]}
    )
    picture: Picture | None = _about(
        "Shown only when a route of the recommendation gives this picture.", "generated", default=None
    )
    outcomes: list[OutcomeId] | None = _about(
        "Shown only with these recommendations (outcome ids).", ["free", "free-then-session"], default=None
    )
    heading: Text = _about("The advice's heading in the result.", "Say that it is AI-generated")
    text: Text = _about("The advice, with its figures named {{fact.ID}}.", "Most recruiters want to be told.")
    sources: list[SourceId] = _about(
        "The ids of the sources behind the advice (sources.yaml).", ["ringover-recruiters"], min_length=1
    )


class Extra(Record):
    """Something a reader may add to a route's purchase at a fee, such as more retouched images."""

    option: RouteId = _about("The route (comparison.yaml option) id the extra belongs to.", "session")
    fee_low: FactId = _about("The id of the fact (in dollars) for the fee's low end.", "extra-image-fee-low")
    fee_high: FactId = _about(
        "The id of the fact (in dollars) for the fee's high end.", "extra-image-fee-high"
    )


class Cost(Record):
    horizon: QuestionId = _about("The question id whose answer's 'months' is the photo's life.", "lifespan")
    assumptions: list[Assumption] = _about(
        "What one purchase of each route includes, each with its basis.", min_length=1
    )
    estimate: SourceId = _about(
        "The source id that stands for the editors' own estimate.", "editorial", default="editorial"
    )
    note: Text = _about("The note under the cost table.", "Each cost multiplies the price range.")
    extras: list[Extra] = _about(
        "What a reader may add to a purchase at a fee (readers set how many in the tool; none by default).",
        default_factory=list,
    )
    formula: Text = _about(
        "The cost formula in words, for readers working it out by hand.",
        "Cost = price × purchases; purchases = life ÷ how long one lasts, rounded up.",
    )


class LinkChanges(Record):
    """How a shared link made before this change opens: what the tool now asks, or asks again."""

    note: Text = _about(
        "What changed, in a sentence for the notice a reader of an older link sees.",
        "The tool now asks whether you have a recent photo.",
    )
    added: list[QuestionId] = _about(
        "Question ids the tool asks from this version on; an older link leaves them open.",
        ["photo"],
        default_factory=list,
    )
    ask_again: dict[QuestionId, list[Id]] = _about(
        "Answers whose meaning changed (question id: old option ids): an older link with one of them "
        "leaves that question open.",
        {"budget": ["moderate", "ample"]},
        default_factory=dict,
    )
    renamed: dict[QuestionId, dict[Id, AnswerId]] = _about(
        "Options whose id changed (question id: {old id: new id}), mapped silently.",
        {"deadline": {"soon": "days"}},
        default_factory=dict,
    )


class Change(Record):
    date: Date = _about("When the rules changed, YYYY-MM-DD.", "2026-11-29")
    summary: Text = _about("What changed, in a sentence or two.", "Threshold raised from 2 to 3.")
    fingerprint: Annotated[str, Field(pattern=r"^[a-z]{12}$")] | None = _about(
        "The fingerprint of the recommendations this entry describes; `python -m generator check` says "
        "what to write.",
        "crbonduhxccb",
        default=None,
    )
    version: int | None = _about(
        "The version of the tool's questions from this change on; shared links carry it. Give the "
        "next number when questions or options change, with 'links' saying how older links open.",
        2,
        default=None,
        ge=2,
    )
    links: LinkChanges | None = _about(
        "How a link made before this version opens (only with 'version').",
        {"note": "The tool now asks whether you have a recent photo.", "added": ["photo"]},
        default=None,
    )

    @model_validator(mode="after")
    def _links_need_a_version(self) -> Change:
        if self.links is not None and self.version is None:
            raise ValueError(
                "'links' says how older links open, so the entry needs the 'version' they are older than; "
                "expected 'version' with the next number"
            )
        return self


class DecisionFile(Record):
    positive: OutcomeId = _about(
        "The outcome id a total at or above the threshold recommends (before the rules).", "session"
    )
    negative: OutcomeId = _about(
        "The outcome id a total below the threshold recommends (before the rules).", "ai"
    )
    threshold: int = _about("At or above this total the positive outcome is recommended.", 3)
    outcomes: list[Outcome] = _about("Every recommendation the tool can give.", min_length=2)
    questions: list[Question] = _about("The questions, in the order the form asks them.", min_length=1)
    rules: list[Rule] = _about("Rules applied after the points are added up.", default_factory=list)
    invariants: list[Invariant] = _about(
        "Principles checked over every combination of answers.", default_factory=list
    )
    advice: list[Advice] = _about(
        "Advice shown with a result for some answers and pictures.", default_factory=list
    )
    cost: Cost = _about("How the cost over the photo's life is worked out.")
    labels: dict[Id, Text] = _about(
        "Words the tool and its pages show; every required key must be present.",
        {"submit": "Show my recommendation"},
    )
    worksheet: Text = _about(
        "How to work the result out by hand, shown without JavaScript.", "Add up the points."
    )
    calibration: Text = _about(
        "Why the points are set as they are, in words for readers (the method page).",
        "Stakes carry the most points.",
    )
    changelog: list[Change] = _about("Every change to the rules, newest last.", min_length=1)


# --- experts.yaml -----------------------------------------------------------------------------


class Expert(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "adapt")
    video_title: Text = _about(
        "The video's title, exactly as published.", "You think Ai is about to kill photography?"
    )
    paraphrase: Text = _about(
        "The view in the editors' own words (never copied).", "The argument is that ..."
    )
    takeaway: Text = _about("What it means for the reader.", "Pay for the direction, not only the file.")
    source: SourceId = _about("The id of the video in sources.yaml.", "video-adapt")


class ExpertsFile(Record):
    video_label: Text = _about("The label before each video's title.", "Video")
    experts: list[Expert] = _about("The expert perspectives, in order.", min_length=1)
    synthesis: Text = _about("What the views add up to.", "Both agree that trust is the point.")


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
    # the sources of the figures each content file (by name) or body (by path) names, once filled in
    cites: dict[str, tuple[str, ...]] = field(default_factory=dict)


# A link to another page of the guide, written [text](page:ID) in prose and YAML.
LINK = re.compile(r"\]\(page:([^)#?\s]*)(\?[^)#\s]*)?(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
