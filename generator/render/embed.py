"""The decision tool on other sites: the snippet hosts copy, its oEmbed description, and which sites
may frame the embed page. Pure: the guide in, text and data out; no MkDocs here.

The snippet is an `<iframe>` of the embed page (the theme in its fragment, `#theme=dark`, so that the
tool's own query string stays the reader's answers), a plain link to the tool for pages where frames
are blocked, and our host script, which sizes the frame from the heights the embed page reports.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urljoin

from ..content.model import Guide, Page
from ..text import fill
from .metadata import page_url

THEMES = ("auto", "light", "dark")
HOST_SCRIPT = "assets/hdt/embed.js"  # the script hosts load from the guide (overrides/assets/hdt/)
OEMBED = "oembed.json"  # the static oEmbed description, at the site's root


def embed_page(guide: Guide) -> Page | None:
    """The page of kind 'embed', if the guide has one."""
    return next((p for p in guide.pages.pages if p.kind == "embed"), None)


def tool_page(guide: Guide) -> Page:
    return next(p for p in guide.pages.pages if p.kind == "tool")


def address(guide: Guide, page: Page) -> str:
    """Where a page is published (directory URLs, as on the web host)."""
    return urljoin(guide.site.url, page_url(page.path, True))


def _attributes(values: dict[str, str]) -> str:
    return " ".join(
        name if value == "" else f'{name}="{html.escape(value)}"' for name, value in values.items()
    )


def snippet(guide: Guide, theme: str) -> str:
    """The HTML a host copies into their page for one theme (auto, light or dark)."""
    site, words, page = guide.site, guide.site.embed, embed_page(guide)
    assert page is not None and theme in THEMES
    frame = {
        "src": f"{address(guide, page)}#theme={theme}",
        "title": fill(words.frame_title, site=site.name),
        "width": "100%",
        "height": str(words.height),
        "loading": "lazy",
        "allow": "clipboard-write",
        "data-hdt-embed": "",
    }
    link = {"href": address(guide, tool_page(guide))}
    script = {"src": urljoin(site.url, HOST_SCRIPT), "async": ""}
    return "\n".join(
        [
            f"<iframe {_attributes(frame)}></iframe>",
            f"<p><a {_attributes(link)}>{html.escape(fill(words.fallback, site=site.name))}</a></p>",
            f"<script {_attributes(script)}></script>",
        ]
    )


def share(guide: Guide) -> dict[str, Any] | None:
    """What the tool page's "put this tool on your site" section shows; None without an embed page."""
    page, words = embed_page(guide), guide.site.embed
    if page is None:
        return None
    return {
        "page": page,
        "words": words,
        "themes": [(theme, getattr(words.themes, theme)) for theme in THEMES],
        "codes": [(theme, snippet(guide, theme)) for theme in THEMES],
    }


def frame_ancestors(guide: Guide) -> list[str]:
    """CSP frame-ancestors for the embed page: any site, or the listed ones and the guide itself (the
    preview on the tool page)."""
    listed = guide.site.embed.frame_ancestors
    return ["*"] if "*" in listed else ["'self'", *listed]


def oembed(guide: Guide) -> dict[str, Any]:
    """The oEmbed description (type rich) of the tool: https://oembed.com/#section2.3"""
    page, words = embed_page(guide), guide.site.embed
    assert page is not None
    return {
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": guide.site.name,
        "provider_url": guide.site.url,
        "html": snippet(guide, "auto"),
        "width": words.width,
        "height": words.height,
    }
