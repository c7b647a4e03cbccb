"""JSON Schemas for the content files, generated from the pydantic records, for editors' tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# What editors see when they hover a key in their editor. Kept here, beside the schema they feed;
# a name that no longer exists in the model fails `schema_for` loudly.
RECORDS = {
    "SiteFile": "The site's name, description, address, home page and shared labels.",
    "PagesFile": "Every page of the site, in navigation order.",
    "SourcesFile": "Every source the guide cites, with when an editor last checked it.",
    "ComparisonFile": "The side-by-side comparison: the options with their prices, and the attributes.",
    "ScenariosFile": "The scenarios on the 'when to choose which' page; each is verified against the tool.",
    "DecisionFile": "The decision tool: questions with weighted options, threshold, rules, invariants, costs.",
    "ExpertsFile": "The expert perspectives, paraphrased and attributed to their videos by title.",
    "Source": "One source: a publication, video or the editors' own judgement.",
    "Card": "A card on the home page that leads into one page.",
    "Home": "The home page's words.",
    "Page": "One page: where it lives, what kind it is and the words around its body.",
    "Figure": "One of the guide's drawings on a page: which drawing, its caption, alt text and words.",
    "Price": "A price range in whole units of the site's currency.",
    "Option": "One of the compared options (its id is also an outcome of the decision tool).",
    "Attribute": "One row of the comparison table.",
    "ScenarioGroup": "A heading that groups the scenarios with one outcome.",
    "Scenario": "One situation, its answers to every question and the outcome the tool must give.",
    "Choice": "One answer to a question, with its weight towards the positive outcome.",
    "Question": "One question of the decision tool.",
    "Rule": "Changes one outcome into another when the answers match 'when'.",
    "Invariant": "A promise checked over every combination of answers at every build.",
    "NextStep": "A next step shown with an outcome, linking to a page.",
    "Outcome": "One recommendation the tool can give.",
    "Cost": "How the cost over the photo's life is worked out.",
    "Change": "One entry of the changelog of rule changes.",
    "Expert": "One expert perspective.",
}
FIELDS = {
    ("Source", "id"): "Lowercase words joined by hyphens; other files cite the source by it.",
    ("Source", "review_every_days"): "How often the source must be re-checked; `check` lists overdue ones.",
    ("Page", "id"): "Lowercase words joined by hyphens; link to the page with [text](page:ID).",
    ("Page", "path"): "Where the page lives in the site, e.g. guides/my-guide.md.",
    ("Page", "kind"): "Which template renders the page; 'prose' pages need a 'body'.",
    ("Page", "nav"): "The page's label in the navigation.",
    ("Page", "in_nav"): (
        "false keeps the page out of the navigation (still built, linked and searchable); "
        "use it for pages in bulk: a full Material nav makes builds grow with the square of the page count."
    ),
    ("Page", "description"): "The search-engine description: 50 to 170 characters.",
    ("Page", "body"): "A Markdown file under content/, e.g. pages/my-guide.md.",
    ("Page", "sources"): "Ids of the sources (sources.yaml) this page rests on.",
    ("Price", "min"): "The low end; must not be above 'max'.",
    ("Price", "open_ended"): "true shows the range as 'or more' (a trailing +).",
    ("Attribute", "values"): "The cell text per option id (every option needs one for kind 'text').",
    ("Attribute", "favours"): "The option id this attribute favours, or 'both'.",
    ("Scenario", "answers"): "question id: option id, for every question of decision.yaml.",
    ("Scenario", "outcome"): "The outcome id the tool must give for these answers; the build checks it.",
    ("Choice", "short"): "A short label used in tables and in the tool's summary.",
    ("Choice", "weight"): "Points towards the positive outcome (negative: towards the other), -10 to 10.",
    (
        "Choice",
        "reason",
    ): "What the reader is told when this answer drives the result (needed if weight is not 0).",
    ("Choice", "months"): "For the cost horizon question: how long the photo is used, in months.",
    ("Question", "step"): "The step number in the framework, for the core questions.",
    ("DecisionFile", "threshold"): "At or above this total the positive outcome is recommended.",
    ("DecisionFile", "labels"): "Words the tool and its pages show; every required key must be present.",
    ("SiteFile", "labels"): "Words shared by all pages; every required key must be present.",
    ("SiteFile", "currency"): "The currency symbol put before every price.",
}


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of `content/<name>.yaml`, as a dict with stable key order."""
    schema = FILES[name].model_json_schema(mode="validation")
    model = FILES[name].__name__
    schema["title"] = f"content/{name}.yaml"
    schema["description"] = RECORDS[model]
    for record, definition in [(model, schema), *schema.get("$defs", {}).items()]:
        definition["description"] = RECORDS[record]
        for (owner, field), text in FIELDS.items():
            if owner == record:
                definition["properties"][field]["description"] = text
    return {"$schema": DRAFT, **schema}


def schema_text(name: str) -> str:
    """The schema as the text committed in `content/schemas/` (sorted keys, two-space indent)."""
    return json.dumps(schema_for(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_path(root: Path, name: str) -> Path:
    return Path(root) / "content" / "schemas" / f"{name}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    """Write one schema per content file under `root/content/schemas/`; returns the paths written."""
    written = []
    for name in FILES:
        path = schema_path(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
