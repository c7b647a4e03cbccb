"""The editor and the build agree: Red Hat's yaml-language-server (what VS Code's YAML extension runs),
driven over its stdio protocol with the committed schemas, underlines what `check` reports, at the
same line and column, and completes the content's own ids.

One server process serves the whole module; each test opens its documents under fresh names beside
the real files (so `$schema=schemas/...` resolves to the committed schemas) and awaits the server's
diagnostics for exactly that document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, copy_project
from language_server import LanguageServer, available

from generator import ContentError, check
from generator.content import FILES, load_guide

GOLDEN = Path(__file__).parent / "golden" / "errors" / "cases.yaml"
CASES = {case["name"]: case for case in yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))}

# Mistakes the editor must underline where `check` reports them (the golden cases hold the mutation).
CROSS_REFERENCES = [
    "unknown-outcome-in-rule",  # to: hybird
    "unknown-option-in-answers",  # platform: tinder
    "unknown-option-in-favours",
    "unknown-source",
    "unknown-page",
    "answer-missing-from-scenario",
    "unknown-question-in-answers",
    "unknown-answer",
    "unknown-route-in-a-row",  # a mapping's key: underlined at the key
    "unknown-question-an-old-link-asks-again",
    "unknown-option-an-old-link-is-renamed-to",
    "unknown-source-of-a-cell",
]
BLOCK = [("platform", ""), ("visibility", "some"), ("stakes", "medium"), ("lifespan", "months")]
BLOCK += [("photo", "none"), ("budget", "tight"), ("deadline", "days")]
TYPES = ["quoted-number", "quoted-negative-weight", "quoted-true", "yaml11-bool-yes", "wrong-type-number"]
# Other mistakes the schemas know enough to underline at check's place.
SHARED = [
    "missing-label",
    "weight-without-reason",
    "unknown-key-far",
    "invalid-id",
    "not-a-page-kind",
    "duplicate-key",
    "syntax-undefined-alias",
    "weight-out-of-range",
    "negative-price",
    "wrong-type-list",
    "wrong-type-mapping",
    "wrong-type-bool",
    "wrong-type-date",
    "null-text",
    "empty-text",
    "description-too-short",
    "invalid-label-key",
    "number-where-text-is-expected",
    "missing-required-field",
]

_names = itertools.count()


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    missing = available()
    if missing:  # never skipped: the editor's checks are part of what editors are promised
        pytest.fail(f"{missing}; run scripts/setup.sh --tests")
    process = LanguageServer()
    process.initialize(ROOT)
    yield process
    process.stop()


def _open(server: LanguageServer, name: str, text: str) -> tuple[Path, list[dict[str, Any]]]:
    """Open `text` as a new document beside content/<name>.yaml; its path and diagnostics."""
    path = ROOT / "content" / f"{name}.editor-test-{next(_names)}.yaml"
    diagnostics = server.open(path, text)
    return path, diagnostics


def _mutated(case: dict[str, Any]) -> str:
    text = (ROOT / "content" / case["file"]).read_text(encoding="utf-8")
    assert case["old"] in text, f"{case['name']}: the shipped {case['file']} no longer has {case['old']!r}"
    return text.replace(case["old"], case["new"], 1)


def _check_reports(tmp_path: Path, case: dict[str, Any]) -> list[tuple[int, int, str]]:
    """What `python -m generator check` reports for the mutated copy: (line, column, message)."""
    project = copy_project(tmp_path / "project")
    (project / "content" / case["file"]).write_text(_mutated(case), encoding="utf-8")
    with pytest.raises(ContentError) as failure:
        check(project)
    return [(p.line, p.col, p.message) for p in failure.value.problems]


def _underlined(diagnostics: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """The editor's underlines as 1-based (line, column, message), like `check`'s."""
    return sorted(
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"])
        for d in diagnostics
    )


@pytest.mark.parametrize("name", list(FILES))
def test_shipped_content_gives_no_diagnostics(server: LanguageServer, name: str) -> None:
    text = (ROOT / "content" / f"{name}.yaml").read_text(encoding="utf-8")
    _, diagnostics = _open(server, name, text)
    assert diagnostics == []


@pytest.mark.parametrize("name", CROSS_REFERENCES)
def test_cross_reference_mistake_is_underlined_where_check_reports_it(
    server: LanguageServer, tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    reported = _check_reports(tmp_path, case)
    _, diagnostics = _open(server, case["file"].removesuffix(".yaml"), _mutated(case))
    underlined = _underlined(diagnostics)
    assert [(line, col) for line, col, _ in underlined] == [(line, col) for line, col, _ in reported]
    for (_, _, editor), (_, _, build) in zip(underlined, reported, strict=True):
        if editor.startswith("unknown "):  # the schema words an unknown id as `check` does
            assert build.startswith(editor.split(";")[0]) and build.endswith(editor.split(";")[1])


@pytest.mark.parametrize("name", TYPES + SHARED)
def test_a_wrong_type_or_value_is_refused_by_both_at_the_same_place(
    server: LanguageServer, tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    reported = _check_reports(tmp_path, case)
    _, diagnostics = _open(server, case["file"].removesuffix(".yaml"), _mutated(case))
    assert [(line, col) for line, col, _ in _underlined(diagnostics)] == [(li, co) for li, co, _ in reported]


@pytest.mark.parametrize(
    "answers",
    [
        "{platform: , visibility: some, stakes: medium, lifespan: months, photo: none, budget: tight, deadline: days}",
        "".join(f"\n      {q}: {a}" for q, a in BLOCK),
    ],
    ids=["flow", "block"],
)
def test_completion_in_a_scenarios_answers_offers_the_questions_options(
    server: LanguageServer, answers: str
) -> None:
    shipped = (ROOT / "content" / "scenarios.yaml").read_text(encoding="utf-8")
    old = (
        "{platform: professional, visibility: some, stakes: medium, lifespan: months, photo: none, "
        "budget: tight, deadline: days}"
    )
    text = shipped.replace(old, answers, 1)
    path, _ = _open(server, "scenarios", text)
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "platform: ," in line or line.strip() == "platform:")
    column = lines[row].index("platform:") + len("platform: ")
    labels = [item["label"] for item in server.completion(path, row, column)]
    assert labels == ["professional", "company", "dating", "chat", "social"]


def test_completion_offers_outcome_ids_after_to(server: LanguageServer) -> None:
    text = (ROOT / "content" / "decision.yaml").read_text(encoding="utf-8").replace("to: keep\n", "to: \n", 1)
    path, _ = _open(server, "decision", text)
    row = next(i for i, line in enumerate(text.splitlines()) if line == "    to: ")
    labels = {item["label"] for item in server.completion(path, row, len("    to: "))}
    assert labels == {o.id for o in load_guide(ROOT).decision.outcomes}


def test_hover_shows_what_a_key_is_for_with_an_example_and_its_title_once(server: LanguageServer) -> None:
    text = (ROOT / "content" / "decision.yaml").read_text(encoding="utf-8")
    path, _ = _open(server, "decision", text)
    row = next(i for i, line in enumerate(text.splitlines()) if line.strip().startswith("step:"))
    shown = server.hover(path, row, text.splitlines()[row].index("step") + 1)["contents"]["value"]
    assert shown.startswith("#### Step\n\nThe step number in the framework")
    assert "Example:" in shown and "||" not in shown
