"""The generated docs folder both builders read, and the review rule in the core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from helpers import ROOT, copy_project, run_cli

from generator import run
from generator.content import overdue_reviews
from generator.render import page_url
from generator.site import docs_dir, relative_url, write_docs, zensical_config


def test_page_urls_and_links_follow_the_builders_rules() -> None:
    assert [page_url(p, True) for p in ("index.md", "method.md", "guides/x.md", "a/index.md")] == [
        "",
        "method/",
        "guides/x/",
        "a/",
    ]
    assert page_url("guides/x.md", False) == "guides/x.html"
    assert relative_url("method/", "decision-tool/") == "../method/"
    assert relative_url("", "decision-tool/") == ".."
    assert relative_url("method.html", "decision-tool.html") == "method.html"


def test_pages_carry_their_metadata_and_the_tool_its_data_in_front_matter(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folder = write_docs(project, run(project))
    tool = (folder / "decision-tool.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(tool.split("---\n")[1])
    assert meta["hdt_meta"]["title"] == meta["title"] and '"@type":"Article"' in meta["hdt_meta"]["json_ld"]
    assert '"href":"../ai-headshots/"' in meta["hdt_data"]
    home = yaml.safe_load((folder / "index.md").read_text(encoding="utf-8").split("---\n")[1])
    assert "hdt_data" not in home and '"@type":"WebSite"' in home["hdt_meta"]["json_ld"]


def test_only_changed_pages_are_rewritten_and_removed_pages_go(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folder = write_docs(project, run(project))
    stale = folder / "gone" / "old.md"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.md") if p != stale}
    write_docs(project, run(project))
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*.md")} == before
    assert not stale.parent.exists()


def test_the_zensical_config_inherits_mkdocs_yml_and_adds_what_the_plugin_would(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    build = run(project)
    config = yaml.safe_load(zensical_config(project, build, "out"))
    assert config["INHERIT"] == "../mkdocs.yml" and config["site_dir"] == "out"
    assert (project / "build" / config["docs_dir"]) == docs_dir(project)
    assert config["site_name"] == build.guide.site.name and config["nav"]
    assert config["theme"] == {"custom_dir": "../overrides"}


def test_overdue_reviews_point_at_the_reviewed_date() -> None:
    guide = run(ROOT).guide
    newest = max(s.reviewed for s in guide.sources.sources)
    assert overdue_reviews(guide, newest) == []
    late = overdue_reviews(guide, newest + dt.timedelta(days=10_000))
    assert len(late) == len(guide.sources.sources)
    assert all(p.file == "content/sources.yaml" and "review overdue" in p.message for p in late)


def test_zensical_build_refuses_broken_content_and_keeps_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("previous", encoding="utf-8")
    text = (project / "content/decision.yaml").read_text(encoding="utf-8")
    (project / "content/decision.yaml").write_text(text.replace("threshold: 3", "threshold: three"), "utf-8")
    result = run_cli("build", "--builder", "zensical", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/decision.yaml:10:12:" in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["keep.txt"]


def test_front_matter_keeps_characters_yaml_would_fold_or_refuse() -> None:
    from generator.site.docs_folder import _yaml_json

    value = {"description": 'line\u2028separator, next\x85line, control\x90, emoji 😀, quote "'}
    assert yaml.safe_load("key: " + _yaml_json(value))["key"] == value
