"""Builds are atomic (a failure leaves the previous site/ byte for byte) and reproducible."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, once, replace_once, run_cli_process

from generator import ContentError
from generator.content import load_guide
from generator.site import BuildFailed, build_site

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, built_site: Path) -> Path:
    """A copy of the project with a previous build (the session's `built_site`) in its site/."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_site, project / "site")
    return project


def _leftovers(project: Path) -> list[str]:
    return [p.name for p in project.iterdir() if p.name.startswith(".site")]


# --- atomic ----------------------------------------------------------------------------------


def test_broken_yaml_leaves_the_previous_site_identical(project: Path) -> None:
    before = tree(project / "site")
    replace_once(
        project / "content/comparison.yaml",
        "    short: AI generator\n",
        "    short: AI generator\n    short: x\n",
    )
    with pytest.raises(ContentError, match=r"content/comparison\.yaml:\d+:5: duplicate key 'short'"):
        build_site(project)
    assert tree(project / "site") == before and not _leftovers(project)


def test_broken_theme_template_leaves_the_previous_site_identical(project: Path) -> None:
    before = tree(project / "site")
    replace_once(project / "overrides/main.html", "{% block content %}", "{% block content %}{% if %}")
    with pytest.raises(BuildFailed, match=r"main\.html:\d+: TemplateSyntaxError"):
        build_site(project)
    assert tree(project / "site") == before and not _leftovers(project)


def test_mkdocs_strict_failure_leaves_the_previous_site_identical(project: Path) -> None:
    before = tree(project / "site")
    page = project / "content/pages/photographer.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the archive](archive.md).\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"archive\.md"):
        build_site(project)
    assert tree(project / "site") == before and not _leftovers(project)


def test_cli_build_with_a_broken_template_fails_without_traceback(project: Path) -> None:
    before = tree(project / "site")
    replace_once(project / "overrides/main.html", "{% block content %}", "{% block content %}{% if %}")
    result = run_cli_process("generator", "build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "build failed; the previous site is untouched:" in result.stderr
    assert "main.html" in result.stderr and "TemplateSyntaxError" in result.stderr
    assert tree(project / "site") == before


def test_mkdocs_build_shows_the_content_errors_without_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    threshold = replace_once(project / "content/decision.yaml", "threshold: 3", "threshold: three")
    expert = replace_once(project / "content/experts.yaml", "id: adapt", "id: Adapt")
    result = run_cli_process("mkdocs", "build", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert lines == [
        f"content/decision.yaml:{threshold}:12: wrong value for 'threshold': 'three'; expected a whole number",
        f"content/experts.yaml:{expert}:9: 'Adapt' is not a valid id; expected lowercase letters, digits and single hyphens",
    ]
    assert not (project / "site").exists()


# --- reproducible ----------------------------------------------------------------------------


def _epoch_build(offline: bool) -> Callable[[Path], Path]:
    def build(site: Path) -> Path:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
            return build_site(copy_project(site.parent / "project"), site, offline=offline)

    return build


@pytest.fixture(scope="session")
def epoch_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The project built with SOURCE_DATE_EPOCH set, served and offline (keyed by `offline`)."""
    return {
        offline: once(tmp_path_factory, f"epoch-{'offline' if offline else 'served'}", _epoch_build(offline))
        for offline in (False, True)
    }


@pytest.mark.parametrize("offline", [False, True], ids=["served", "offline"])
def test_two_builds_of_the_same_sources_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch_builds: dict[bool, Path], offline: bool
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    second = build_site(copy_project(tmp_path / "b" / "deeper"), tmp_path / "b" / "out", offline=offline)
    one, two = tree(epoch_builds[offline]), tree(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert len(one) > len(load_guide(ROOT).pages.pages)


def test_sitemap_dates_come_from_source_date_epoch(epoch_builds: dict[bool, Path]) -> None:
    site = epoch_builds[False]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = len([p for p in load_guide(ROOT).pages.pages if p.kind != "embed"])  # the embed page: noindex
    assert sitemap.count("<lastmod>2026-01-01</lastmod>") == sitemap.count("<url>") == pages
    raw = (site / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == int(EPOCH)  # the gzip header's mtime
    assert gzip.decompress(raw).decode("utf-8") == sitemap
