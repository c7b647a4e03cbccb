"""Stage 3, render: the guide as Markdown pages and the decision tool's data, pure ({path: text})."""

from ..text import script_json
from . import charts
from .citations import relied_on
from .embed import OEMBED, embed_page, tool_page
from .lookup import DIGITS, answer_lookup, column
from .metadata import page_url
from .pages import (
    cost_assumptions,
    cost_defaults,
    link_version,
    number_inputs,
    relative_link,
    render_pages,
    static_files,
    widget_data,
)

__all__ = [
    "DIGITS",
    "OEMBED",
    "answer_lookup",
    "column",
    "charts",
    "cost_assumptions",
    "cost_defaults",
    "embed_page",
    "link_version",
    "number_inputs",
    "page_url",
    "relative_link",
    "relied_on",
    "render_pages",
    "script_json",
    "static_files",
    "tool_page",
    "widget_data",
]
