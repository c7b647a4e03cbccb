"""The whole core in one call: load, validate, verify, render. No MkDocs here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Guide, load_guide
from .render import render_pages, widget_data, widget_json
from .verify import verify


@dataclass
class Build:
    guide: Guide
    pages: dict[str, str]
    combinations: int

    def widget(self, url_for: Callable[[str], str] | None = None) -> str:
        return widget_json(widget_data(self.guide, url_for))


def check(root: Path) -> tuple[Guide, int]:
    """Validate everything, decision model included, without rendering."""
    guide = load_guide(root)
    return guide, verify(guide)


def run(root: Path) -> Build:
    """Load, validate, verify and render the guide under `root`; raise `ContentError` if broken."""
    guide, combinations = check(root)
    return Build(guide, render_pages(guide), combinations)
