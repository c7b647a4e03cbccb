"""Typed records of the guide: what each content file holds (pydantic models), and the whole `Guide`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .load import Document

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]


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
    sources: list[Source] = _about("Every source the guide cites.", min_length=1)


# --- site.yaml --------------------------------------------------------------------------------


class Card(Record):
    page: Id = _about("The id of the page the card leads to (pages.yaml).", "comparison")
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
    sources: list[Id] = _about(
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

    source: Id = _about("The id of the source that gives this range (sources.yaml).", "price-photo-xoslab")


class Option(Record):
    id: Id = _about("The option's id; the decision tool's outcomes use the same ids.", "photographer")
    label: Text = _about("The option's full name.", "Professional photographer")
    short: Text = _about("A short name for table headings.", "Photographer")
    price: Price = _about("The typical price range.", {"min": 150, "max": 600, "open_ended": True})
    source: Id = _about("The id of the source for the price (sources.yaml).", "seed-article")
    other_prices: list[PriceCheck] = _about(
        "Other sources' ranges for this option, shown beside the guide's own.",
        [{"min": 200, "max": 600, "source": "price-photo-xoslab"}],
        default_factory=list,
    )


class Attribute(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "turnaround")
    label: Text = _about("The row's heading in the table.", "Turnaround")
    kind: Literal["text", "price"] = _about(
        "'price' fills the row from the options' prices; 'text' from 'values'.", "text", default="text"
    )
    values: dict[Id, Text] = _about(
        "The cell text per option id (every option needs one for kind 'text').",
        {"ai": "Minutes", "photographer": "Several days"},
        default_factory=dict,
    )
    favours: Id = _about("The option id this attribute favours, or 'both'.", "ai")
    why: Text = _about("Why that option comes out ahead, in a sentence.", "A generator is done in minutes.")
    source: Id = _about("The id of the source for this row (sources.yaml).", "seed-article")


class ComparisonFile(Record):
    intro: Text = _about("The paragraph above the table.", "The two options are built for different jobs.")
    attribute_label: Text = _about("The heading of the table's first column.", "What you get")
    favours_label: Text = _about(
        "The heading of the column that says which option is ahead.", "Comes out ahead"
    )
    both_label: Text = _about("Shown when an attribute favors 'both'.", "Neither")
    prices_heading: Text = _about("The heading of the list of other published prices.", "What others charge")
    prices_intro: Text = _about(
        "The sentence above the list of other published prices.", "Other public pages give these ranges."
    )
    options: list[Option] = _about("The compared options, in column order.", min_length=2)
    attributes: list[Attribute] = _about("The table's rows, in order.", min_length=1)
    takeaway: Text = _about("The key takeaway under the table.", "Pick by what the photo must carry.")


# --- scenarios.yaml ---------------------------------------------------------------------------


class ScenarioGroup(Record):
    outcome: Id = _about("The outcome id (decision.yaml) whose scenarios this heading groups.", "hybrid")
    heading: Text = _about("The group's heading.", "When you need both")
    intro: Text = _about(
        "A sentence under the heading.", "The stakes call for a photographer, but time is short."
    )


class Variant(Record):
    id: Id = _about("Lowercase words joined by hyphens, unique within its scenario.", "few-clients")
    title: Text = _about("The variant's heading.", "A few dozen clients who buy on trust")
    note: Text = _about("What is different for this person, in a sentence.", "Fewer people, same trust.")
    answers: dict[Id, Id] = _about(
        "Only the answers that differ from the scenario's: question id: option id.",
        {"visibility": "few"},
        min_length=1,
    )
    outcome: Id = _about("The outcome id the tool must give for these answers; the build checks it.", "ai")


class Scenario(Record):
    id: Id = _about("Lowercase words joined by hyphens.", "early-founder")
    title: Text = _about("The scenario's heading.", "The early-stage founder")
    outcome: Id = _about("The outcome id the tool must give for these answers; the build checks it.", "ai")
    who: Text = _about("Who is in this situation.", "A founder setting up a company site.")
    why: Text = _about("Why the outcome fits them.", "One consistent look everywhere, quickly.")
    risk: Text = _about(
        "What the other choice would risk.", "Paying for polish before the image has settled."
    )
    answers: dict[Id, Id] = _about(
        "question id: option id, for every question of decision.yaml.", {"platform": "professional"}
    )
    source: Id = _about("The id of the source for this scenario (sources.yaml).", "seed-article")
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
        "Points towards the positive outcome (negative: towards the other), -10 to 10, without quotes; "
        "leave out for 0 (budget and deadline answers carry none).",
        2,
        default=0,
        ge=-10,
        le=10,
    )
    reason: str | None = _about(
        "What the reader is told when this answer drives the result (needed if weight is not 0).",
        "A dating profile leads to meeting in person.",
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
    when: dict[Id, list[Id]] = _about(
        "question id: [option ids]; the rule applies when every listed question has one of its options.",
        {"deadline": ["days"]},
    )
    change: Id = _about("The outcome id the rule changes.", "photographer")
    to: Id = _about("The outcome id it becomes.", "hybrid")
    reason: Text = _about(
        "What the reader is told when the rule applies.", "A session cannot be booked in days."
    )


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

    kind: InvariantKind = _about(
        "Which principle: monotone (question, never_towards), never (when, never) or timing-only "
        "(timing, may_turn, into).",
        "monotone",
        default="monotone",
    )
    says: Text = _about(
        "The principle in words, on the method page.", "Raising the stakes never moves it towards AI."
    )
    question: Id | None = _about(
        "monotone: the question whose answers, taken in order, the principle is about.",
        "stakes",
        default=None,
    )
    never_towards: Id | None = _about(
        "monotone: the outcome id a later answer never moves the result towards.", "ai", default=None
    )
    when: dict[Id, list[Id]] | None = _about(
        "never: the answers (question id: option ids) the principle is about.",
        {"stakes": ["high"]},
        default=None,
    )
    never: Id | None = _about("never: the outcome id those answers never get.", "ai", default=None)
    timing: list[Id] | None = _about(
        "timing-only: the question ids that carry no points and only decide timing.",
        ["budget", "deadline"],
        default=None,
        min_length=1,
    )
    may_turn: Id | None = _about(
        "timing-only: the outcome id those questions may turn into 'into'.", "photographer", default=None
    )
    into: Id | None = _about("timing-only: the outcome id they may turn it into.", "hybrid", default=None)

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
    text: Text = _about("The link text.", "Prepare for your session")
    page: Id = _about("The id of the page it links to (pages.yaml).", "prepare-for-a-session")


class Outcome(Record):
    id: Id = _about("The outcome's id; rules, scenarios and invariants use it.", "hybrid")
    label: Text = _about("The recommendation as the reader sees it.", "Book a professional photographer")
    rank: int = _about("Its place from the negative (0) to the positive outcome, for the invariants.", 1)
    summary: Text = _about("A paragraph that explains the recommendation.", "The photo has real work to do.")
    cost_parts: list[Id] = _about(
        "The comparison option ids whose cost this outcome includes.", ["ai", "photographer"], min_length=1
    )
    next_steps: list[NextStep] = _about("Links shown with the recommendation.", min_length=1)


class Assumption(Record):
    """What one purchase of an option includes and how often it is bought again, each with its basis."""

    option: Id = _about("The comparison option id this assumption is about.", "ai")
    includes: Text = _about("What one purchase includes, in words for readers.", "one set of portraits")
    includes_source: Id = _about("The source id for what a purchase includes.", "seed-article")
    redo_source: Id = _about("The source id for how often it is bought again.", "editorial")


class Cost(Record):
    horizon: Id = _about("The question id whose answer's 'months' is the photo's life.", "lifespan")
    redo_every_months: dict[Id, Annotated[int, Field(ge=1, le=240)]] = _about(
        "comparison option id: how many months until a redo, one per option.", {"ai": 6, "photographer": 36}
    )
    assumptions: list[Assumption] = _about(
        "What one purchase includes and how often it is redone, per option, each with its basis.",
        min_length=1,
    )
    estimate: Id = _about(
        "The source id that stands for the editors' own estimate.", "editorial", default="editorial"
    )
    note: Text = _about("The note under the cost table.", "Each cost multiplies the price range.")


class Change(Record):
    date: Date = _about("When the rules changed, YYYY-MM-DD.", "2026-11-29")
    summary: Text = _about("What changed, in a sentence or two.", "Threshold raised from 2 to 3.")
    fingerprint: Annotated[str, Field(pattern=r"^[a-z]{12}$")] | None = _about(
        "The fingerprint of the recommendations this entry describes; `python -m generator check` says "
        "what to write.",
        "crbonduhxccb",
        default=None,
    )


class DecisionFile(Record):
    positive: Id = _about("The outcome id a total at or above the threshold recommends.", "photographer")
    negative: Id = _about("The outcome id a total below the threshold recommends.", "ai")
    threshold: int = _about("At or above this total the positive outcome is recommended.", 3)
    outcomes: list[Outcome] = _about("Every recommendation the tool can give.", min_length=2)
    questions: list[Question] = _about("The questions, in the order the form asks them.", min_length=1)
    rules: list[Rule] = _about("Rules applied after the points are added up.", default_factory=list)
    invariants: list[Invariant] = _about(
        "Principles checked over every combination of answers.", default_factory=list
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
    source: Id = _about("The id of the video in sources.yaml.", "video-adapt")


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


# A link to another page of the guide, written [text](page:ID) in prose and YAML.
LINK = re.compile(r"\]\(page:([^)#?\s]*)(\?[^)#\s]*)?(#[^)\s]*)?(\s+\"[^\"]*\")?\)")
