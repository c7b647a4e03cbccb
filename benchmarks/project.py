"""Throw-away copies of the project to measure on, and the MkDocs projects to compare it with."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import yaml

from generator import Build, ContentError, check

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(target: Path) -> Path:
    """The test suite's copy of everything a build reads (content/, overrides/, mkdocs.yml)."""
    from tests.helpers import copy_project as copy

    return copy(target)


def usable_copy(target: Path) -> tuple[Path, list[str]]:
    """A copy of the shipped project that passes `check`, and notes on anything patched to get there.

    Only missing Markdown body files are patched (with a one-line stub, in the copy only), so the
    benchmark still runs on a branch where another helper has not yet added a page's body.
    """
    root = copy_project(target)
    notes: list[str] = []
    try:
        check(root)
    except ContentError as error:
        missing = [re.search(r"body file '([^']+)' does not exist", p.message) for p in error.problems]
        if not all(missing):
            raise
        for match in missing:
            assert match is not None
            (root / match.group(1)).write_text(
                "Placeholder body written by the benchmark.\n", encoding="utf-8"
            )
            notes.append(f"{match.group(1)} is missing in this checkout; measured with a one-line stub")
        check(root)
    return root, notes


def mkdocs_config(root: Path) -> dict:
    """Our mkdocs.yml as plain data, `!ENV` tags resolved as MkDocs resolves them."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml_load(handle)


def plain_project(root: Path, build: Build, target: Path, *, nav: list | None = None) -> Path:
    """The same generated Markdown as ordinary docs, built by our mkdocs.yml minus the plugin.

    Returns the config file. `nav` defaults to the plugin's nav; the site name, description and
    nav are written in statically. The tool page gets no `hdt_data` here (only the plugin adds it).
    """
    from generator.site import hidden_pages
    from generator.site import nav as _nav

    docs = target / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    for path, text in build.pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    for extra in (root / "content" / "pages").rglob("*"):
        if extra.is_file() and extra.suffix != ".md":
            (docs / extra.relative_to(root / "content" / "pages")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(extra, docs / extra.relative_to(root / "content" / "pages"))
    config = mkdocs_config(root)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if p != "headshot-guide" and not (isinstance(p, dict) and "headshot-guide" in p)
    ]
    config["docs_dir"] = str(docs)
    config.pop("site_dir", None)
    config["theme"]["custom_dir"] = str(root / "overrides")
    guide = build.guide
    config["site_name"] = html.escape(guide.site.name)
    config["site_description"] = guide.site.description
    config["site_author"] = guide.site.author
    config["copyright"] = html.escape(guide.site.copyright)
    config["nav"] = _nav(guide) if nav is None else nav
    hidden = hidden_pages(guide)
    if hidden:  # what the plugin's on_files does: built, linked, kept out of the nav (the embed page)
        config["not_in_nav"] = "\n".join("/" + path for path in hidden)
    if nav is not None:
        config["strict"] = False  # pages left out of the nav are then reported, not fatal
        config["validation"]["omitted_files"] = "info"
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return target / "mkdocs.yml"


def bare_material(target: Path) -> Path:
    """The smallest Material site: one page, fonts off. Returns its config file."""
    (target / "docs").mkdir(parents=True, exist_ok=True)
    (target / "docs" / "index.md").write_text("# Hello\n\nOne paragraph of text.\n", encoding="utf-8")
    config = {"site_name": "Bare", "theme": {"name": "material", "font": False}, "docs_dir": "docs"}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target / "mkdocs.yml"


def mkdocs_build(config_file: Path, site_dir: Path, *, strict: bool | None = None) -> Path:
    """One in-process `mkdocs build` of `config_file` into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_dir": str(site_dir)}
    if strict is not None:
        overrides["strict"] = strict
    config = load_config(str(config_file), **overrides)
    build(config)
    return site_dir
