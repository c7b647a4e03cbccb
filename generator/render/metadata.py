"""Page metadata for sharing and search engines: Open Graph / Twitter values and JSON-LD. No MkDocs here."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ..content.model import Guide, Page
from ..text import fill, script_json


def page_url(path: str, directory_urls: bool) -> str:
    """A page's URL relative to the site root, as MkDocs and Zensical make it from its file path."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def modified(guide: Guide, page: Page) -> dt.date:
    """When the page's facts were last checked: its newest source review, else SOURCE_DATE_EPOCH,
    else the newest review of any source (never the wall clock, so builds stay reproducible)."""
    reviews = {s.id: s.reviewed for s in guide.sources.sources}
    own = [reviews[i] for i in page.sources if i in reviews]
    if own:
        return max(own)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return max(reviews.values())


def page_metadata(guide: Guide, page: Page, url: str | None) -> dict[str, str]:
    """Raw (unescaped) values for the templates' meta tags, and the JSON-LD text for the page."""
    site = guide.site
    publisher = {"@type": "Organization", "name": site.author, "url": site.url}
    if page.kind == "home":
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.name,
            "description": page.description,
            "inLanguage": site.language,
            "publisher": publisher,
        }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": page.title,
            "description": page.description,
            "dateModified": modified(guide, page).isoformat(),
            "inLanguage": site.language,
            "author": publisher,
            "publisher": publisher,
            "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        }
    if url:
        data["url"] = url
        if page.kind != "home":
            data["mainEntityOfPage"] = url
    return {
        **social_card(guide, page),
        "type": "website" if page.kind == "home" else "article",
        "title": page.title,
        "description": page.description,
        "site_name": site.name,
        "json_ld": script_json(data),
    }


def social_card(guide: Guide, page: Page) -> dict[str, str]:
    """Where the page's social card goes (relative to the site; generator/site/social_cards.py draws it) and its
    alt text, from the `card-alt` label."""
    alt = fill(guide.site.labels["card-alt"], title=page.title, site=guide.site.name)
    return {"image": "assets/cards/" + page.path.removesuffix(".md") + ".png", "image_alt": alt}
