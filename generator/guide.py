"""Loading the guide: every content file read, validated and cross-checked, or every problem at once."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem
from .load import Document, read_text, read_yaml
from .model import FILES, Guide, Record
from .references import check_references
from .validate import validate


def load_guide(root: Path) -> Guide:
    """Load and validate everything in `root/content`; raise `ContentError` with every problem."""
    root = Path(root)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    records: dict[str, Record] = {}
    for name, model in FILES.items():
        relative = f"content/{name}.yaml"
        try:
            doc = read_yaml(root, relative)
        except ContentError as error:
            problems += error.problems
            continue
        docs[name] = doc
        record, found = validate(doc, model)
        problems += found
        if record is not None:
            records[name] = record
    if problems:
        raise ContentError(problems)
    bodies = _read_bodies(root, records["pages"], docs["pages"], problems)
    if problems:
        raise ContentError(problems)
    guide = Guide(**records, bodies=bodies, docs=docs)  # type: ignore[arg-type]
    problems = check_references(guide)
    if problems:
        raise ContentError(problems)
    return guide


def _read_bodies(root: Path, pages: Record, doc: Document, problems: list[Problem]) -> dict[str, str]:
    """The Markdown body of every page that names one; a missing or unreadable file is a problem."""
    bodies: dict[str, str] = {}
    for index, page in enumerate(pages.pages):  # type: ignore[attr-defined]
        if page.body:
            relative = f"content/{page.body}"
            try:
                bodies[page.body] = read_text(root, relative)
            except ContentError as error:
                if error.problems[0].message.startswith("the file is missing"):
                    problems.append(
                        doc.problem(
                            ("pages", index, "body"),
                            f"body file {relative!r} does not exist; expected a Markdown file under content/",
                        )
                    )
                else:
                    problems += error.problems
    return bodies
