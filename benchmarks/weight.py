"""Section 4: what a reader downloads per page type, the widget's own bytes, and a bare Material page."""

from __future__ import annotations

import gzip
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .project import ROOT, bare_material, mkdocs_build
from .report import Section

WIDGET_TARGET = 10 * 1024
EMBED_SCRIPT_TARGET = 1024  # the script hosts load with the snippet (overrides/assets/hdt/embed.js)
PAGES = {
    "home": "index.html",
    "comparison": "comparison/index.html",
    "decision tool": "decision-tool/index.html",
}


class _Assets(HTMLParser):
    """Stylesheets, scripts and icons a page asks for, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.found.append(("css", a["href"]))
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.found.append(("other", a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag == "img" and a.get("src"):
            self.found.append(("other", a["src"]))


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: str) -> dict[str, float]:
    """Bytes raw and gzipped per kind (html, css, js, other), requests, and requests to other origins."""
    html = (site / page).read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    totals = {"html": len(html), "html_gz": gz(html), "requests": 1, "external": 0}
    for kind in ("css", "js", "other"):
        totals[kind] = totals[f"{kind}_gz"] = 0
    seen: set[str] = set()
    for kind, url in parser.found:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            totals["external"] += 1
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        if path in seen:
            continue
        seen.add(path)
        data = (site / path).read_bytes()
        totals[kind] += len(data)
        totals[f"{kind}_gz"] += gz(data)
        totals["requests"] += 1
    totals["total"] = sum(totals[k] for k in ("html", "css", "js", "other"))
    totals["total_gz"] = sum(totals[f"{k}_gz"] for k in ("html", "css", "js", "other"))
    return totals


def other_pages(site: Path) -> dict[str, str]:
    """Every other page of the built site, named by its address (`guides/prepare-for-a-session/`)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return {p.removesuffix("index.html"): p for p in pages if p not in PAGES.values()}


def measure(site: Path, work: Path) -> Section:
    section = Section("weight", "4. Page weight: what a reader downloads (gzip -6)")
    bare_site = mkdocs_build(bare_material(work / "bare"), work / "bare" / "site")
    bare = page_weight(bare_site, "index.html")
    results = {name: page_weight(site, path) for name, path in PAGES.items()}
    results.update({name: page_weight(site, path) for name, path in other_pages(site).items()})
    for name, w in [*results.items(), ("bare Material page", bare)]:
        if name not in PAGES and name != "bare Material page":  # the other pages: one line each
            section.add(f"{name}: total gzipped (HTML {w['html_gz'] / 1024:.1f} KiB)", w["total_gz"], "B")
            continue
        parts = " + ".join(
            f"{k.upper() if k != 'other' else 'icons'} {w[k + '_gz'] / 1024:.1f}"
            for k in ("html", "css", "js", "other")
        )
        section.add(f"{name}: total gzipped ({parts} KiB)", w["total_gz"], "B", headline=True)
        section.add(f"{name}: total raw", w["total"], "B")
        section.add(f"{name}: requests (HTML, CSS, JS, icons)", w["requests"], "")
        if name != "bare Material page":
            section.add(
                f"{name}: gzipped, relative to the bare Material page", w["total_gz"] / bare["total_gz"], "×"
            )
    loaded = _loaded(site, PAGES)
    loaded.update(_loaded(bare_site, {"bare Material page": "index.html"}))
    for name, w in loaded.items():
        section.add(
            f"{name}, loaded in Chromium: everything fetched by the load, gzipped ({w['requests']:.0f} requests)",
            w["total_gz"],
            "B",
            headline=name != "bare Material page",
        )
        section.add(f"{name}, loaded in Chromium: of which the search index, gzipped", w["search_gz"], "B")
    external = sum(w["external"] for w in [*results.values(), bare, *loaded.values()])
    section.add("requests to other origins, every page", external, "", "0", external == 0)
    # the widget as the built site serves it (minified by the publishing step), and its source
    assets, source = site / "assets" / "hdt", ROOT / "overrides" / "assets" / "hdt"
    raw = {suffix: (assets / f"decision-tool.{suffix}").read_bytes() for suffix in ("js", "css")}
    for suffix, data in raw.items():
        text = (source / f"decision-tool.{suffix}").read_bytes()
        section.add(
            f"widget decision-tool.{suffix} as served, gzipped ({len(data):,} B; source with its comments "
            f"{gz(text):,} B gzipped)",
            gz(data),
            "B",
        )
    own = sum(gz(data) for data in raw.values())
    section.add("widget's own JS + CSS as served, gzipped", own, "B", "≤ 10 KiB", own <= WIDGET_TARGET)
    script = (assets / "embed.js").read_bytes()
    size = gz(script)
    section.add(
        f"embed snippet's resize script embed.js as served, gzipped ({len(script):,} B)",
        size,
        "B",
        "≤ 1 KiB",
        size <= EMBED_SCRIPT_TARGET,
    )
    section.notes += [
        (
            "assets found by parsing the built HTML for <link rel=stylesheet|icon>, <script src> and <img src>; "
            "each file gzipped on its own, counted once per page"
        ),
        (
            "loaded in Chromium: the page served over loopback HTTP and opened in Chromium until the network "
            "is idle; every request it makes (Material also fetches the search worker, the search index "
            "and sitemap.xml at load) is mapped to its file in the site and gzipped from disk"
        ),
        "bare Material page: a one-page MkDocs project with the material theme and font: false, built in this run",
    ]
    if not any(raw.values()):
        section.notes.append(
            "the widget files are empty in this checkout (the widget is written on another branch)"
        )
    return section


def _loaded(site: Path, pages: dict[str, str]) -> dict[str, dict[str, float]]:
    """Every request each page makes while loading in Chromium, with the gzipped size of each local file."""
    from tests.helpers import chromium, served

    requested: dict[str, list[str]] = {}
    with served(site) as url, chromium() as browser:
        for name, page in pages.items():
            seen = requested[name] = []
            context = browser.new_context()  # a first visit: empty cache
            tab = context.new_page()
            tab.on("request", lambda request, seen=seen: seen.append(request.url))
            tab.goto(url + page.removesuffix("index.html"), wait_until="networkidle")
            tab.wait_for_timeout(500)  # late fetches (the search worker asks for its index)
            context.close()
    return {name: _sizes(site, url, addresses) for name, addresses in requested.items()}


def _sizes(site: Path, url: str, addresses: list[str]) -> dict[str, float]:
    totals = {"requests": len(addresses), "external": 0, "total_gz": 0, "search_gz": 0}
    for address in addresses:
        if not address.startswith(url):
            totals["external"] += 1
            continue
        path = urlsplit(address).path.lstrip("/")
        file = site / path
        if file.is_dir() or not path:
            file = file / "index.html"
        if not file.is_file():
            continue
        size = gz(file.read_bytes())
        totals["total_gz"] += size
        if path.startswith("search/"):
            totals["search_gz"] += size
    return totals
