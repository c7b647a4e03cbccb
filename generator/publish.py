"""Finishing touches on a built site folder: files for static hosts."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def finish(site: Path, config: Any) -> None:
    """Post-process a freshly built site in place (before it is swapped in)."""
