"""Broken sources: each gives its exact file:line:col message from the CLI, no traceback, exit 1.

Every case applies one small mutation to a copy of the real content. Expected lines are golden; `{L}`
is the line where the mutated text starts in the shipped file (`{L+1}` the one after), so edits
elsewhere in content/ do not move the goalposts.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

PAGES = (
    "home, what-is-a-headshot, ai-headshots, photographer, comparison, scenarios, decision-tool, "
    "experts, prepare-for-a-session, linkedin-headshots-2026, ai-headshot-ethics, method"
)
SOURCES = "seed-article, wikipedia-headshot, wikipedia-photographer, video-adapt, video-think-again, editorial"
BOMB = "b0: &b0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]\n" for i in range(1, 7)
)
METHOD_DESCRIPTION = (
    "    description: >-\n"
    "      How the guide's recommendations are made and checked, who maintains the rules, the full\n"
    "      decision table, every source with its review date and the changelog.\n"
)
COMPANY = (
    "        weight: 2\n        reason: Company pages and press material present you with authority, "
    "so the photo should look polished and real.\n"
)


@dataclass(frozen=True)
class Case:
    """Replace `old` (first occurrence) by `new` in content/`file`; `old=None` replaces the whole file."""

    name: str
    file: str
    old: str | None
    new: str | bytes | None  # None deletes the file
    expected: tuple[str, ...]


CASES = [
    # --- YAML itself -------------------------------------------------------------------------
    Case("syntax-colon-in-value", "comparison.yaml",
         "    label: AI headshot generator\n", "    label: AI headshot generator: the fast one\n",
         ("content/comparison.yaml:{L}:33: YAML syntax error: a ':' where no new key can start; expected a "
          "value that contains ': ' in quotes, or the key on its own line at the right indentation",)),
    Case("syntax-unclosed-flow-mapping", "comparison.yaml", "price: {min: 20, max: 80}", "price: {min: 20, max: 80",
         ("content/comparison.yaml:{L+1}:11: YAML syntax error: a '{' mapping (from line {L}) is not closed; "
          "expected ',' between items and a closing '}'",)),
    Case("syntax-unclosed-quote", "experts.yaml", "Who Don't Do THIS\"", "Who Don't Do THIS",
         ("content/experts.yaml:{L+11}:19: YAML syntax error: this line does not fit the indentation "
          "(from line {L-1}); expected each key under its parent at the same indentation, and every quote closed",)),
    Case("syntax-bad-indentation", "sources.yaml", "    publisher: Wikipedia\n", "     publisher: Wikipedia\n",
         ("content/sources.yaml:{L}:15: YAML syntax error: a ':' where no new key can start; expected a value "
          "that contains ': ' in quotes, or the key on its own line at the right indentation",)),
    Case("syntax-undefined-alias", "site.yaml", "language: en\n", "language: *lang\n",
         ("content/site.yaml:{L}:11: YAML syntax error: found undefined alias 'lang'; expected an anchor "
          "'&name' defined earlier in the file",)),
    Case("syntax-two-documents", "experts.yaml", "video_label: Video\n", "video_label: Video\n---\n",
         ("content/experts.yaml:{L+1}:1: YAML syntax error: a second document ('---') in the file; "
          "expected one document per file",)),
    Case("tab-indentation", "comparison.yaml", "    short: AI generator", "  \tshort: AI generator",
         ("content/comparison.yaml:{L}:3: a tab is used for indentation; expected spaces (YAML does not allow tabs)",)),
    Case("duplicate-key", "comparison.yaml", "    short: AI generator\n", "    short: AI generator\n    label: Again\n",
         ("content/comparison.yaml:{L+1}:5: duplicate key 'label' (first at line {L-1}); "
          "expected each key once per mapping",)),
    Case("python-object-tag", "decision.yaml", "threshold: 3", 'threshold: !!python/object/apply:os.system ["echo hi"]',
         ("content/decision.yaml:{L}:12: the tag '!!python/object/apply:os.system' is not allowed; "
          "expected a plain list",)),
    Case("custom-tag", "site.yaml", 'currency: "$"', "currency: !env CURRENCY",
         ("content/site.yaml:{L}:11: the tag '!env' is not allowed; expected plain text, numbers, dates, "
          "true/false, lists and mappings",)),
    Case("merge-key", "comparison.yaml", "  - id: photographer\n", "  - <<: {short: x}\n    id: photographer\n",
         ("content/comparison.yaml:{L}:5: merge keys ('<<') are not allowed; expected each key written out",)),
    Case("non-utf8-byte", "site.yaml", "No tracking", "No tr\xe4cking".encode("latin-1"),
         ("content/site.yaml:{L}:80: byte 0xe4 is not valid UTF-8; expected the file saved as UTF-8",)),
    Case("control-character", "site.yaml", "No tracking", "No\x07tracking",
         ("content/site.yaml:{L}:77: the control character U+0007 is not allowed; expected printable text "
          "(delete the invisible character here)",)),
    Case("empty-file", "experts.yaml", None, "",
         ("content/experts.yaml:1:1: the file is empty; expected a mapping of this file's fields",)),
    Case("comments-only-file", "experts.yaml", None, "# yaml-language-server: $schema=schemas/experts.schema.json\n",
         ("content/experts.yaml:1:1: the file is empty; expected a mapping of this file's fields",)),
    Case("missing-file", "experts.yaml", None, None,
         ("content/experts.yaml:1:1: the file is missing; expected it in content/",)),
    Case("file-is-a-list", "experts.yaml", None, "- video_label: Video\n",
         ("content/experts.yaml:1:1: the file holds a list; expected a mapping of this file's fields "
          "('key: value' lines)",)),
    Case("alias-bomb", "experts.yaml", "video_label: Video\n", "video_label: Video\n" + BOMB,
         ("content/experts.yaml:{L+1}:5: aliases expand to more than 50000 values; expected plain content "
          "(write the values out instead of nesting aliases)",)),
    Case("self-referring-alias", "experts.yaml", "video_label: Video\n", "video_label: Video\nloop: &loop [*loop]\n",
         ("content/experts.yaml:{L+1}:7: an alias refers to the value that contains it; expected plain content "
          "(write the values out instead)",)),
    Case("impossible-date", "sources.yaml", "reviewed: 2026-11-20", "reviewed: 2026-02-30",
         ("content/sources.yaml:{L}:15: '2026-02-30' is not a real date; expected a date written YYYY-MM-DD "
          "(quote it if it is meant as text)",)),
    # --- fields --------------------------------------------------------------------------------
    Case("unknown-key-close", "comparison.yaml", "    favours: ai\n    why: A generator", "    favour: ai\n    why: A generator",
         ("content/comparison.yaml:{L}:5: unknown key 'favour' (did you mean 'favours'?); expected one of: "
          "id, label, kind, values, favours, why, source",)),
    Case("unknown-key-far", "sources.yaml", "    publisher: Wikipedia\n", "    publisher: Wikipedia\n    colour: blue\n",
         ("content/sources.yaml:{L+1}:5: unknown key 'colour'; expected one of: id, title, publisher, kind, url, "
          "reviewed, review_every_days, used_for",)),
    Case("wrong-type-number", "decision.yaml", "threshold: 3", "threshold: three",
         ("content/decision.yaml:{L}:12: wrong value for 'threshold': 'three'; expected a whole number",)),
    Case("wrong-type-list", "decision.yaml", "cost_parts: [ai]", "cost_parts: ai",
         ("content/decision.yaml:{L}:17: wrong value for 'cost_parts': 'ai'; expected a list ('- item' lines, or [a, b])",)),
    Case("wrong-type-mapping", "comparison.yaml", "price: {min: 20, max: 80}", "price: 20",
         ("content/comparison.yaml:{L}:12: wrong value for 'price': 20; expected a mapping ('key: value' lines)",)),
    Case("wrong-type-bool", "comparison.yaml", "open_ended: true", "open_ended: maybe",
         ("content/comparison.yaml:{L}:45: wrong value for 'open_ended': 'maybe'; expected true or false",)),
    Case("wrong-type-date", "sources.yaml", "reviewed: 2026-11-20", "reviewed: last week",
         ("content/sources.yaml:{L}:15: wrong value for 'reviewed': 'last week'; expected a date written YYYY-MM-DD",)),
    Case("missing-required-field", "sources.yaml", "    publisher: Wikipedia\n", "",
         ("content/sources.yaml:{L-2}:5: missing required field 'publisher'; expected it in this mapping",)),
    Case("empty-text", "sources.yaml", "title: Headshot\n", 'title: ""\n',
         ("content/sources.yaml:{L}:12: 'title' is empty; expected text",)),
    Case("null-text", "comparison.yaml", "    label: AI headshot generator\n", "    label:\n",
         ("content/comparison.yaml:{L}:11: 'label' is empty; expected text (quote it if it looks like a number, "
          "date or true/false)",)),
    Case("description-too-short", "pages.yaml", METHOD_DESCRIPTION, "    description: Too short.\n",
         ("content/pages.yaml:{L}:18: 'description' is 10 characters long; expected at least 50 characters",)),
    Case("not-a-page-kind", "pages.yaml", "kind: prose", "kind: essay",
         ("content/pages.yaml:{L}:11: 'essay' is not allowed for 'kind'; expected one of: 'home', 'prose', "
          "'comparison', 'scenarios', 'tool', 'experts' or 'method'",)),
    Case("invalid-id", "experts.yaml", "id: adapt", "id: Adapt Now",
         ("content/experts.yaml:{L}:9: 'Adapt Now' is not a valid id; expected lowercase letters, digits and "
          "single hyphens",)),
    Case("weight-out-of-range", "decision.yaml", COMPANY, COMPANY.replace("weight: 2", "weight: 20"),
         ("content/decision.yaml:{L}:17: 20 is too large for 'weight'; expected at most 10",)),
    Case("weight-without-reason", "decision.yaml", COMPANY, "        weight: 2\n",
         ("content/decision.yaml:{L-3}:9: option 'company' has weight 2 but no 'reason'; expected a 'reason' "
          "the reader sees when this answer drives the result",)),
    Case("negative-price", "comparison.yaml", "{min: 20, max: 80}", "{min: -5, max: 80}",
         ("content/comparison.yaml:{L}:18: -5 is too small for 'min'; expected at least 0",)),
    # --- references ----------------------------------------------------------------------------
    Case("unknown-source", "experts.yaml", "source: video-adapt", "source: video-adapted",
         (f"content/experts.yaml:{{L}}:13: unknown source 'video-adapted' (did you mean 'video-adapt'?); "
          f"expected one of: {SOURCES}",)),
    Case("unknown-page", "site.yaml", "    - page: experts\n", "    - page: expert\n",
         (f"content/site.yaml:{{L}}:13: unknown page 'expert' (did you mean 'experts'?); expected one of: {PAGES}",)),
    Case("unknown-answer", "scenarios.yaml", "deadline: days}", "deadline: dayz}",
         ("content/scenarios.yaml:{L}:116: unknown option for 'deadline' 'dayz' (did you mean 'days'?); "
          "expected one of: days, weeks, flexible",)),
    Case("duplicate-id", "sources.yaml", "  - id: wikipedia-photographer\n", "  - id: wikipedia-headshot\n",
         ("content/pages.yaml:53:15: unknown source 'wikipedia-photographer' (did you mean 'wikipedia-headshot'?); "
          "expected one of: seed-article, wikipedia-headshot, video-adapt, video-think-again, editorial",
          "content/sources.yaml:{L}:9: duplicate source id 'wikipedia-headshot' (first at line {L-8}); "
          "expected each id once")),
    Case("impossible-range", "comparison.yaml", "{min: 20, max: 80}", "{min: 90, max: 80}",
         ("content/comparison.yaml:{L}:18: price min 90 is above max 80; expected min <= max",)),
    Case("link-to-missing-page-in-yaml", "comparison.yaml", "why: A generator costs",
         "why: See [the tool](page:decision-tol). A generator costs",
         (f"content/comparison.yaml:{{L}}:10: unknown page in link 'decision-tol' (did you mean 'decision-tool'?); "
          f"expected one of: {PAGES}",)),
    Case("link-to-missing-page-in-markdown", "pages/photographer.md", "The [decision tool](page:decision-tool)",
         "The [decision tool](page:decison-tool)",
         (f"content/pages/photographer.md:{{L}}:74: unknown page in link 'decison-tool' (did you mean "
          f"'decision-tool'?); expected one of: {PAGES}",)),
    Case("missing-body-file", "pages.yaml", "body: pages/photographer.md", "body: pages/photographers.md",
         ("content/pages.yaml:{L}:11: body file 'content/pages/photographers.md' does not exist; "
          "expected a Markdown file under content/",)),
    Case("missing-label", "decision.yaml", "  submit: Show my recommendation\n", "",
         ("content/decision.yaml:{L-2}:3: missing label 'submit'; expected it under labels",)),
    # --- the decision model, verified over every combination -----------------------------------
    Case("scenario-with-the-wrong-outcome", "scenarios.yaml", "    outcome: ai\n    who: A founder",
         "    outcome: photographer\n    who: A founder",
         ("content/scenarios.yaml:{L}:14: scenario 'early-founder' claims 'photographer' but its answers "
          "(platform=professional, visibility=some, stakes=medium, lifespan=months, budget=tight, deadline=days) "
          "give 'ai'; expected the claimed outcome",)),
]


def _line(text: str, old: str | None) -> int:
    return text[: text.index(old)].count("\n") + 1 if old else 1


def _expand(line: str, at: int) -> str:
    return re.sub(r"\{L([+-]\d+)?\}", lambda m: str(at + int(m.group(1) or 0)), line)


def apply(project: Path, case: Case) -> list[str]:
    """Mutate the copy; return the expected stderr lines with `{L}` filled in."""
    path = project / "content" / case.file
    text = path.read_text(encoding="utf-8")
    at = _line(text, case.old)
    if case.new is None:
        path.unlink()
    elif case.old is None:
        path.write_bytes(case.new if isinstance(case.new, bytes) else case.new.encode())
    else:
        assert text.count(case.old) >= 1, f"{case.name}: the shipped {case.file} no longer has {case.old!r}"
        new = case.new if isinstance(case.new, bytes) else case.new.encode()
        path.write_bytes(text.encode().replace(case.old.encode(), new, 1))
    return [_expand(line, at) for line in case.expected]


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("content/")]


def test_the_corpus_covers_every_class() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_source_gives_its_exact_place_and_message(tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply(project, case)
    result = cli(project, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert _errors(result) == expected
    count = len(expected)
    assert result.stderr.splitlines()[-1] == f"{count} problem{'s' if count != 1 else ''} in content/"


def test_every_problem_of_a_run_is_listed_at_once_and_sorted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    by_name = {c.name: c for c in CASES}
    expected = []
    for name in ("wrong-type-bool", "unknown-key-far", "wrong-type-number", "invalid-id", "empty-text"):
        expected += apply(project, by_name[name])
    result = cli(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert _errors(result) == sorted(expected, key=_place)
    assert {line.split(":")[0] for line in expected} == {
        "content/comparison.yaml", "content/sources.yaml", "content/decision.yaml", "content/experts.yaml"
    }
    assert result.stderr.splitlines()[-1] == "5 problems in content/"


def _place(line: str) -> tuple[str, int, int]:
    file, row, col, _ = line.split(":", 3)
    return file, int(row), int(col)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.site import build_site

    return build_site(ROOT, tmp_path_factory.mktemp("previous") / "site")


@pytest.mark.parametrize("name", ["syntax-unclosed-quote", "duplicate-key", "unknown-page", "scenario-with-the-wrong-outcome"])
def test_a_failed_build_reports_the_same_and_leaves_site_intact(tmp_path: Path, previous_site: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(previous_site, project / "site")
    before = _tree(project / "site")
    expected = apply(project, next(c for c in CASES if c.name == name))
    result = cli(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert _errors(result) == expected
    assert result.stderr.splitlines()[-1].endswith("nothing was built; site/ is unchanged")
    assert _tree(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]
