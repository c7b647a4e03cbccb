"""The JSON Schemas editors' tools read: committed, up to date, and the shipped content passes them."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, copy_project, run_cli

from generator.content import FILES, load_guide, read_yaml
from generator.decision import fingerprint, recommendations
from generator.editing import read_ids, schema_for, schema_path, schema_text, write_schemas


def _plain(data: Any) -> Any:
    """YAML data as JSON would carry it: dates become ISO strings."""
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    return data


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path(ROOT, name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = schema_path(ROOT, name)
    assert committed.is_file(), f"run `python -m generator schema` and commit {committed.name}"
    assert committed.read_text(encoding="utf-8") == schema_text(name, read_ids(ROOT)), (
        f"{committed.relative_to(ROOT)} is out of date: run `python -m generator schema` and commit it"
    )


@pytest.mark.parametrize("name", list(FILES))
def test_each_content_file_names_its_schema(name: str) -> None:
    first = (ROOT / "content" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schemas/{name}.schema.json"


@pytest.mark.parametrize("name", list(FILES))
def test_shipped_content_validates_against_its_schema(name: str) -> None:
    data = _plain(read_yaml(ROOT, f"content/{name}.yaml").data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(data)]
    assert not errors


def test_schema_catches_what_the_editor_should_see() -> None:
    data = _plain(read_yaml(ROOT, "content/sources.yaml").data)
    data["sources"][0]["reviewd"] = data["sources"][0].pop("reviewed")
    data["sources"][1]["reviewed"] = "last spring"
    messages = sorted(e.message for e in _validator("sources").iter_errors(data))
    assert any("'reviewed' is a required property" in m for m in messages)
    assert any("'reviewd' was unexpected" in m for m in messages)
    assert any("'last spring' is not a 'date'" in m for m in messages)


@pytest.mark.parametrize("name", list(FILES))
def test_each_schema_is_titled_and_documented(name: str) -> None:
    """(Its stability is the up-to-date test above: the committed file equals a fresh rendering.)"""
    schema = schema_for(name, read_ids(ROOT))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"content/{name}.yaml" and schema["description"]
    assert all(d.get("description") for d in schema.get("$defs", {}).values())


def test_schema_command_rewrites_an_out_of_date_schema(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = schema_path(project, "site")
    path.write_text(path.read_text(encoding="utf-8").replace('"currency"', '"curency"'), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != schema_text("site", read_ids(ROOT))
    written = write_schemas(project)
    assert written == [path] and path.read_text(encoding="utf-8") == schema_text("site", read_ids(ROOT))


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for record in [schema, *schema.get("$defs", {}).values()]:
        for key, value in record.get("properties", {}).items():
            yield f"{record['title']}.{key}", value


@pytest.mark.parametrize("name", list(FILES))
def test_every_key_says_what_it_is_for_with_an_example(name: str) -> None:
    for where, value in _properties(schema_for(name, read_ids(ROOT))):
        assert len(value.get("description", "")) > 10, f"{where} has no description"
        holds_records = "$ref" in value or "$ref" in value.get("items", {})
        assert holds_records or value.get("examples"), f"{where} has no example"


@pytest.mark.parametrize("name", list(FILES))
def test_titles_are_shown_once_without_doubled_words(name: str) -> None:
    schema = schema_for(name, read_ids(ROOT))
    titles = [v["title"] for _, v in _properties(schema)] + [d["title"] for d in schema["$defs"].values()]
    for title in titles:
        words = title.lower().split()
        assert all(a != b for a, b in itertools.pairwise(words)), title
    # an optional value as anyOf [X, null] is shown as "Step || Step" by yaml-language-server
    assert not [where for where, v in _properties(schema) if {"type": "null"} in v.get("anyOf", [])]


def test_ids_from_content_are_enums_where_they_are_referred_to() -> None:
    scenarios = schema_for("scenarios", read_ids(ROOT))["$defs"]["Scenario"]["properties"]
    assert scenarios["answers"]["properties"]["platform"]["enum"] == [
        "professional",
        "company",
        "dating",
        "chat",
        "social",
    ]
    assert scenarios["answers"]["required"] == [
        "platform",
        "visibility",
        "stakes",
        "lifespan",
        "photo",
        "budget",
        "deadline",
    ]
    assert scenarios["answers"]["additionalProperties"] is False
    assert scenarios["outcome"]["enum"] == [
        "keep",
        "free",
        "express",
        "session",
        "ai",
        "keep-then-session",
        "free-then-session",
    ]
    assert "seed-article" in scenarios["source"]["enum"]
    rule = schema_for("decision", read_ids(ROOT))["$defs"]["Rule"]["properties"]
    assert rule["to"]["enum"] == [
        "keep",
        "free",
        "express",
        "session",
        "ai",
        "keep-then-session",
        "free-then-session",
    ]
    assert rule["when"]["properties"]["deadline"]["items"]["enum"] == ["days", "weeks", "flexible"]
    favors = schema_for("comparison", read_ids(ROOT))["$defs"]["Attribute"]["properties"]["favors"]
    assert favors["items"]["enum"] == ["keep", "free", "express", "session", "ai"]
    lasts = schema_for("comparison", read_ids(ROOT))["$defs"]["Option"]["properties"]["lasts"]
    assert "headshot-life" in lasts["enum"]


def test_check_says_which_command_refreshes_schemas_when_an_id_is_added(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    decision = project / "content" / "decision.yaml"
    new_option = "      - id: today\n        short: Today\n        label: Today\n        weight: 0\n"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(
        text.replace(
            '      - id: weeks\n        short: "Weeks"\n        label: In two',
            new_option + '      - id: weeks\n        short: "Weeks"\n        label: In two',
            1,
        ),
        encoding="utf-8",
    )
    # a new answer changes the decision table, so the changelog records it (as EDITING.md asks)
    entry = fingerprint(recommendations(load_guide(project)))
    with decision.open("a", encoding="utf-8") as file:
        file.write(f"  - date: 2026-12-01\n    summary: Added an answer.\n    fingerprint: {entry}\n")
    stale = run_cli("--root", str(project), "check")
    assert stale.returncode == 0, stale.stderr
    warnings = [line for line in stale.stdout.splitlines() if line.startswith("warning:")]
    assert [w.split(":")[1].strip() for w in warnings] == [
        "content/schemas/scenarios.schema.json",
        "content/schemas/decision.schema.json",
    ]
    assert all(w.endswith("run `python -m generator schema` to refresh it") for w in warnings)
    assert run_cli("--root", str(project), "schema").returncode == 0
    assert not [
        line
        for line in run_cli("--root", str(project), "check").stdout.splitlines()
        if line.startswith("warning:")
    ]
    refreshed = json.loads(schema_path(project, "scenarios").read_text(encoding="utf-8"))
    assert (
        "today" in refreshed["$defs"]["Scenario"]["properties"]["answers"]["properties"]["deadline"]["enum"]
    )
