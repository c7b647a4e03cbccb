"""The whole core in one call: load, validate, verify, render. No MkDocs here."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .content.load import load_guide
from .content.model import Guide
from .decision.changelog import check_history
from .decision.engine import Engine
from .decision.verify import verify
from .errors import ContentError
from .render.lookup import answer_lookup
from .render.pages import render_pages, static_files, widget_data
from .text import script_json


@dataclass
class Build:
    guide: Guide
    pages: dict[str, str]
    combinations: int
    files: dict[str, str] = field(default_factory=dict)  # other files for the site, as they are

    @functools.cached_property
    def answers(self) -> dict[str, object]:
        """Every answer set's result for the tool (`lookup.answer_lookup`), worked out once per build."""
        return answer_lookup(Engine.of(self.guide))

    def widget(self, url_for: Callable[[str], str] | None = None, **extra: object) -> str:
        """The tool's data as JSON; `extra` adds keys (the embed page's `embed`)."""
        return script_json({**widget_data(self.guide, url_for, self.answers), **extra})


def check(root: Path, today: dt.date | None = None) -> tuple[Guide, int]:
    """Validate everything, decision model and history included, without rendering."""
    guide = load_guide(root)
    count = verify(guide)
    problems = check_history(guide, today)
    if problems:
        raise ContentError(problems)
    return guide, count


def content_fingerprint(root: Path) -> str:
    """One hash over every file under content/ (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted((root / "content").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_last: tuple[Path, str, Build] | None = None


def forget() -> None:
    """Drop the reused result, so the next `run` does the whole work (for measurements)."""
    global _last
    _last = None


def run(root: Path) -> Build:
    """Load, validate, verify and render the guide under `root`; raise `ContentError` if broken.

    The last result is reused while the content files are byte-for-byte the same, so the CLI's
    up-front check and the MkDocs plugin do the work once per build.
    """
    global _last
    root = Path(root).resolve()
    fingerprint = content_fingerprint(root)
    if _last is not None and _last[0] == root and _last[1] == fingerprint:
        return _last[2]
    with _gc_paused():
        guide, combinations = check(root)
        build = Build(guide, render_pages(guide), combinations, static_files(guide))
    _last = (root, fingerprint, build)
    return build


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building the model allocates many small objects that live on; Python's cyclic collector would
    walk the growing heap again and again, which made the cost grow faster than the content
    (benchmarks/: time per record ×1.9 from ×1 to ×100 with it, flat without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
