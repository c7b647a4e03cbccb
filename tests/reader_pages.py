"""Helpers shared by the reader-quality tests: the built pages and their URLs."""

from __future__ import annotations

from pathlib import Path


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root ('' is the home page)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths
