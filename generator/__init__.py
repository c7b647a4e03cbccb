"""Headshot Decision Guide generator: content YAML to Markdown pages and decision-tool data."""

from .decide import Engine, Result
from .errors import ContentError, Problem
from .guide import load_guide
from .model import Guide
from .pipeline import Build, check, run
from .render import render_pages, widget_data, widget_json

__all__ = [
    "Build",
    "ContentError",
    "Engine",
    "Guide",
    "Problem",
    "Result",
    "check",
    "load_guide",
    "render_pages",
    "run",
    "widget_data",
    "widget_json",
]
