"""The generated docs folder that every builder reads: pages with their front matter, nav, site strings.

`python -m generator` and the MkDocs plugin both write `build/docs/` (or `build/docs-files/` for a
build without directory URLs, as the offline build is) from the core's result. Each page's front
matter carries what the theme templates print beyond the Markdown: the sharing metadata and JSON-LD
(`hdt_meta`); on the tool page, the decision model (`hdt_data`) and the oEmbed description's address
(`hdt_oembed`); on the embed page, the model with the `embed` flag and who may frame it (`hdt_embed`).
So MkDocs and Zensical render the same pages from the same files, through the same templates in
`overrides/`. No MkDocs here.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from ..content.model import Guide
from ..pipeline import Build
from ..render.embed import OEMBED, embed_page, frame_ancestors, tool_page
from ..render.metadata import page_metadata, page_url

WORK = "build"  # git-ignored; everything a build derives lives here


def docs_dir(root: Path, directory_urls: bool = True) -> Path:
    """Where the generated pages go; links inside them depend on the URL style, hence two folders."""
    return Path(root) / WORK / ("docs" if directory_urls else "docs-files")


def relative_url(url: str, base: str) -> str:
    """The link from page URL `base` to page URL `url` (the rule of MkDocs' get_relative_url)."""
    head, tail = posixpath.split(base)
    base = head if "." in tail else base
    rel = posixpath.relpath("/" + url, "/" + base)
    return rel + "/" if url.endswith("/") else rel


def site_strings(guide: Guide) -> dict[str, str]:
    """The config values that come from content/site.yaml; the theme prints them raw, some inside
    attributes, so they are HTML-escaped (quotes too)."""
    site = guide.site
    return {
        "site_name": html.escape(site.name),
        "site_description": html.escape(site.description),
        "site_author": html.escape(site.author),
        "copyright": html.escape(site.copyright),
        "site_url": site.url,
    }


def nav(guide: Guide) -> list[Any]:
    """The navigation from content/pages.yaml, in the `nav:` form both builders read."""
    entries: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in guide.pages.pages:
        if not page.in_nav:
            continue
        entry = {html.escape(page.nav): page.path}
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                entries.append({html.escape(page.section): sections[page.section]})
            sections[page.section].append(entry)
        else:
            entries.append(entry)
    return entries


def hidden_pages(guide: Guide) -> list[str]:
    """Pages that exist but stay out of the navigation (`in_nav: false`)."""
    return [p.path for p in guide.pages.pages if not p.in_nav]


def _front_matter(build: Build, path: str, directory_urls: bool) -> dict[str, Any]:
    guide = build.guide
    page = next(p for p in guide.pages.pages if p.path == path)
    url = page_url(path, directory_urls)
    extra: dict[str, Any] = {"hdt_meta": page_metadata(guide, page, urljoin(guide.site.url, url))}
    paths = {p.id: p.path for p in guide.pages.pages}

    def link(page_id: str) -> str:
        return relative_url(page_url(paths[page_id], directory_urls), url)

    if page.kind == "tool":
        extra["hdt_data"] = build.widget(link)
        if embed_page(guide):
            extra["hdt_oembed"] = OEMBED  # from the site's root (the theme's `url` filter)
    if page.kind == "embed":  # the tool's data, and the flag that tells it where the whole tool lives
        extra["hdt_data"] = build.widget(link, embed={"tool": link(tool_page(guide).id)})
        extra["hdt_embed"] = {"ancestors": " ".join(frame_ancestors(guide))}
    return extra


# Characters YAML reads as line breaks (NEL, LS, PS) or refuses (C1 controls, non-characters):
# inside the JSON strings of the front matter they are written as \u escapes, which both read back.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def page_text(build: Build, path: str, directory_urls: bool) -> str:
    """A generated page with the builder-facing values added to its front matter (as JSON, which
    YAML reads as it is)."""
    text = build.pages[path]
    end = text.index("\n---\n", 3)
    lines = [
        f"{key}: {_yaml_json(value)}" for key, value in _front_matter(build, path, directory_urls).items()
    ]
    return text[: end + 1] + "\n".join(lines) + text[end:]


def _write(path: Path, text: str, spare: Path) -> bool:
    """Write only when the text differs, so a watcher sees only real changes; whole or not at all, so
    a builder (or a second build of the same sources) reading the folder never sees half a page. The
    text goes first to a file in `spare`, outside the folder, then is moved into place."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    spare.mkdir(parents=True, exist_ok=True)
    partial = spare / f".page-{os.getpid()}-{threading.get_ident()}.tmp"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return True


def write_docs(root: Path, build: Build, directory_urls: bool = True) -> Path:
    """Bring the generated docs folder up to date with `build`; returns the folder.

    Files whose text is unchanged are left alone (mtimes too); pages no longer in the guide go."""
    folder = docs_dir(root, directory_urls)
    for path in build.pages:
        _write(folder / path, page_text(build, path, directory_urls), folder.parent)
    for path, text in build.files.items():
        _write(folder / path, text, folder.parent)
    for stale in sorted(folder.rglob("*"), reverse=True):
        relative = stale.relative_to(folder).as_posix()
        if stale.is_file() and relative not in build.pages and relative not in build.files:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return folder


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml for the few values the Zensical config rebases; tags become plain values."""


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def zensical_config(root: Path, build: Build, site_dir: str, directory_urls: bool = True) -> str:
    """A config for Zensical in build/: mkdocs.yml (inherited as it is) plus what the MkDocs plugin
    would add (site strings, nav, generated pages) and this build's output folder, paths rebased."""
    root = Path(root)
    base = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant) or {}
    theme = base.get("theme") if isinstance(base.get("theme"), dict) else {}
    config: dict[str, Any] = {
        "INHERIT": "../mkdocs.yml",
        **site_strings(build.guide),
        "docs_dir": docs_dir(root, directory_urls).relative_to(root / WORK).as_posix(),
        "site_dir": site_dir,
        "nav": nav(build.guide),
    }
    hidden = hidden_pages(build.guide)
    if hidden:
        config["not_in_nav"] = "\n".join("/" + path for path in hidden)
    if theme.get("custom_dir"):
        config["theme"] = {"custom_dir": posixpath.join("..", theme["custom_dir"])}
    header = "# Written by python -m generator for Zensical from mkdocs.yml and content/; do not edit.\n"
    return header + json.dumps(config, ensure_ascii=False, indent=1) + "\n"
