"""Headshot Decision Guide generator: content YAML to Markdown pages and decision-tool data."""

from .content.load import load_guide
from .content.model import Guide
from .decision.engine import Engine, Result
from .errors import ContentError, Problem
from .pipeline import Build, check, forget, run
from .render.pages import render_pages, widget_data
from .text import script_json

__all__ = [
    "Build",
    "ContentError",
    "Engine",
    "Guide",
    "Problem",
    "Result",
    "check",
    "forget",
    "load_guide",
    "render_pages",
    "run",
    "script_json",
    "widget_data",
]
