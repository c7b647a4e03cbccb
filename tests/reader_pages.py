"""Kept for older imports: `page_paths` now lives in tests/helpers.py."""

from helpers import page_paths

__all__ = ["page_paths"]
