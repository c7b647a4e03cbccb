"""Our pages are valid HTML (Nu HTML Checker) and carry correct metadata for sharing and search. (Hostile
text in that metadata: test_escaping.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import head, vnu_errors


def our_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/"))


def test_pages_are_valid_html(built_site: Path) -> None:
    errors = vnu_errors(our_pages(built_site))
    assert not errors, "\n".join(errors)


def test_every_page_has_sharing_and_search_metadata(built_site: Path) -> None:
    for file in our_pages(built_site):
        if file.name == "404.html":
            continue
        page = head(file)
        where = file.relative_to(built_site).as_posix()
        assert page.meta.get("description"), where
        assert page.canonical.startswith("https://"), where
        for key in ("og:title", "og:description", "og:type", "og:url", "twitter:card", "twitter:title"):
            assert page.meta.get(key), f"{where}: no {key}"
        assert page.meta["og:url"] == page.canonical, where
        assert len(page.json_ld) == 1, where
        data = json.loads(page.json_ld[0])
        assert data["@context"] == "https://schema.org"
        assert data["description"] == page.meta["og:description"] == page.meta["description"]
        if data["@type"] == "Article":
            assert data["headline"] == page.meta["og:title"] == page.h1[0].strip().rstrip("¶").strip()
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["dateModified"])
            assert data["publisher"]["name"]
        else:
            assert where == "index.html" and data["@type"] == "WebSite"
