"""The JSON Schemas editors' tools read: committed, up to date, and the shipped content passes them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import ROOT, copy_project

from generator.load import read_yaml
from generator.model import FILES
from generator.schema import schema_for, schema_path, schema_text, write_schemas


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
    import json

    schema = json.loads(schema_path(ROOT, name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name", list(FILES))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = schema_path(ROOT, name)
    assert committed.is_file(), f"run `python -m generator schema` and commit {committed.name}"
    assert committed.read_text(encoding="utf-8") == schema_text(name), (
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
    schema = schema_for(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"content/{name}.yaml" and schema["description"]
    assert all(d.get("description") for d in schema.get("$defs", {}).values())


def test_schema_command_rewrites_an_out_of_date_schema(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = schema_path(project, "site")
    path.write_text(path.read_text(encoding="utf-8").replace('"currency"', '"curency"'), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != schema_text("site")
    written = write_schemas(project)
    assert path in written and path.read_text(encoding="utf-8") == schema_text("site")
