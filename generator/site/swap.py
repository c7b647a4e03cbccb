"""Build the published site atomically: stage into a fresh folder, swap it in; a failed build leaves
`site/` untouched. Which builder runs and what is published is `builders.py`'s and `publish.py`'s."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..pipeline import run
from .builders import BuildFailed, build_with

__all__ = ["BuildFailed", "build_site"]


def build_site(
    root: Path,
    site_dir: Path | None = None,
    *,
    builder: str = "mkdocs",
    strict: bool = True,
    offline: bool = False,
) -> Path:
    """Build into a fresh folder beside `site_dir`, then swap it in. Raises on any problem."""
    root = Path(root).resolve()
    run(root)  # content errors first, before anything is written; the builders reuse the result
    target = Path(site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        build_with(builder, root, staging, strict=strict, offline=offline)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    return target


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is, keeping the old one until the new one is in place."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
