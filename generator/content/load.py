"""Loading the guide: every content file read, validated and cross-checked, or every problem at once."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from .drawings import check as check_figures
from .ids import ids_in
from .model import FILES, Guide, PagesFile, Record
from .read import Document, read_text, read_yaml
from .reference_checks import check_references
from .validate import validate
from .values import resolve_guide


def load_guide(root: Path) -> Guide:
    """Load and validate everything in `root/content`; raise `ContentError` with every problem."""
    root = Path(root)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    records: dict[str, Record] = {}
    for name in FILES:
        try:
            docs[name] = read_yaml(root, f"content/{name}.yaml")
        except ContentError as error:
            problems += error.problems
    known = ids_in({name: doc.data for name, doc in docs.items()})
    for name, doc in docs.items():
        record, found = validate(doc, FILES[name], known)
        problems += found
        if record is not None:
            records[name] = record
    if problems:
        raise ContentError(problems)
    bodies, problems = _bodies(root, records["pages"], docs["pages"])  # type: ignore[arg-type]
    if problems:
        raise ContentError(problems)
    guide = Guide(**records, bodies=bodies, docs=docs)  # type: ignore[arg-type]
    problems = check_references(guide) + check_figures(guide)
    if problems:
        raise ContentError(problems)
    guide, problems = resolve_guide(guide, lambda relative: read_text(root, relative))
    if problems:
        raise ContentError(problems)
    return guide


def _bodies(root: Path, pages: PagesFile, doc: Document) -> tuple[dict[str, str], list[Problem]]:
    """Every page's Markdown body, by its path under content/; a missing one named where it is cited."""
    bodies: dict[str, str] = {}
    problems: list[Problem] = []
    for index, page in enumerate(pages.pages):
        if not page.body:
            continue
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
    return bodies, problems
