"""Stage 5, editing: the editors' and reviewers' tools around a build: live preview, what a change does
for readers (`diff`), a git revision's content, and the JSON Schemas their editors complete from."""

from .diff import compare, visible
from .diff_report import MARKDOWN_LIMIT, shorten
from .revision import content_at
from .schema import read_ids, schema_for, schema_path, schema_text, write_schemas

__all__ = [
    "MARKDOWN_LIMIT",
    "compare",
    "content_at",
    "read_ids",
    "schema_for",
    "schema_path",
    "schema_text",
    "shorten",
    "visible",
    "write_schemas",
]
