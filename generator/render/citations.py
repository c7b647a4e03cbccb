"""Which sources each page relies on: the ones its editor lists, and every one its content names.

A page's "Sources" list is what this returns, so the promise on the sources page holds by
construction: every figure a page shows, every row of the comparison and every rule of the tool
brings its source into the list of the page that shows it."""

from __future__ import annotations

from collections.abc import Iterator

from ..content.model import Guide, Page
from ..content.values import PLACEHOLDER, figures


def _comparison(guide: Guide) -> Iterator[str]:
    for option in guide.comparison.options:
        yield option.source
        yield from (p.source for p in option.other_prices)
    for attribute in guide.comparison.attributes:
        yield attribute.source
        yield from (v.source for v in attribute.values.values() if not isinstance(v, str))
    yield from guide.cites.get("comparison", ())


def _tool(guide: Guide) -> Iterator[str]:
    d = guide.decision
    facts = {f.id: s.id for s in guide.sources.sources for f in s.figures}
    yield from (c.source for q in d.questions for c in q.options if c.source)
    yield from (r.source for r in d.rules if r.source)
    yield from (s for a in d.advice for s in a.sources)
    yield from (a.includes_source for a in d.cost.assumptions)
    for option in guide.comparison.options:
        yield option.source
        yield facts[option.lasts]
    yield from guide.cites.get("decision", ())


def _home(guide: Guide) -> Iterator[str]:
    shown = {route for o in guide.decision.outcomes for route in o.routes}
    yield from (o.source for o in guide.comparison.options if o.id in shown)
    yield from guide.cites.get("site", ())


def _by_kind(guide: Guide, page: Page) -> Iterator[str]:
    if page.kind == "comparison":
        yield from _comparison(guide)
    elif page.kind == "tool":
        yield from _tool(guide)
    elif page.kind == "scenarios":
        yield from (s.source for s in guide.scenarios.scenarios)
        yield from guide.cites.get("scenarios", ())
    elif page.kind == "experts":
        yield from (e.source for e in guide.experts.experts)
    elif page.kind == "home":
        yield from _home(guide)
    elif page.kind == "method":
        yield from (s.id for s in guide.sources.sources)


def _own_words(guide: Guide, page: Page) -> Iterator[str]:
    """The sources of the figures named in the page's own entry of pages.yaml (intro, takeaway...)."""
    known = figures(guide)
    entries = guide.docs["pages"].data.get("pages", [])
    entry = next((e for e in entries if isinstance(e, dict) and e.get("id") == page.id), {})
    for value in entry.values():
        for match in PLACEHOLDER.finditer(value if isinstance(value, str) else ""):
            figure = known.get(match.group(1)[0].lower() + match.group(1)[1:])
            if figure and figure.source:
                yield figure.source


def relied_on(guide: Guide, page: Page) -> list[str]:
    """The ids of every source the page relies on: the listed ones first, then the ones its content
    names, each once."""
    found = [*page.sources, *_own_words(guide, page)]
    found += guide.cites.get(page.body or "", ())
    found += _by_kind(guide, page)
    return list(dict.fromkeys(found))
