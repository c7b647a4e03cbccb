"""Command line: build, check, diff, render and schema, around the same core the plugin uses."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError
from .site.builders import BUILDERS

if TYPE_CHECKING:
    from .content.model import Guide


def _root(value: str) -> Path:
    return Path(value).resolve()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds content/ and mkdocs.yml: the project."""
    for folder in (start, *start.parents):
        if (folder / "content").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    return None


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _limit(value: str) -> int:
    """A size cap for the Markdown report: 0 (none) or enough for its headings and the closing note."""
    if not value.isdigit() or 0 < int(value) < 1000:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; expected 0 (no limit) or at least 1000")
    return int(value)


def _check(args: argparse.Namespace) -> int:
    from .content.overdue import overdue_reviews
    from .decision.verify import summarize
    from .pipeline import check

    guide, count = check(args.root, args.today)
    print(f"content OK: {len(guide.pages.pages)} pages, {count} answer combinations verified")
    for line in summarize(guide).lines():
        print(line)
    for problem in overdue_reviews(guide, args.today or dt.date.today()):
        print(problem)
    _check_schemas(args.root, guide)
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .content.load import load_guide
    from .editing.diff import compare
    from .editing.diff_report import MARKDOWN_LIMIT, markdown, text
    from .editing.revision import RevisionError, content_at, describe

    new = load_guide(args.root)
    against = args.rev
    try:
        against = describe(args.root, args.rev)
        with content_at(args.root, args.rev) as folder:
            old = load_guide(folder)
    except RevisionError as error:
        print(f"cannot compare with {args.rev}: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        print(
            f"content/ at {against} does not load with this version of the generator (written for an "
            f"older schema?), so there is nothing to compare with:\n{error}",
            file=sys.stderr,
        )
        return 2
    report = compare(old, new)
    limit = MARKDOWN_LIMIT if args.max_chars is None else args.max_chars or None
    print(markdown(report, against, limit) if args.markdown else text(report, against), end="")
    return 0


def _check_schemas(root: Path, guide: Guide) -> None:
    """Stale schemas are a warning, not a failure: the site is right, only the editor's underlines
    lag behind (an id just added is underlined as unknown). CI fails on them (tests/test_schema.py)."""
    from .editing.schema import stale_schemas

    for line in stale_schemas(root, {name: doc.data for name, doc in guide.docs.items()}):
        print(f"warning: {line}")


def _render(args: argparse.Namespace) -> int:
    from .pipeline import run

    build = run(args.root)
    out = Path(args.out)
    for path, text in build.pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (out / "decision-model.json").write_text(build.widget() + "\n", encoding="utf-8")
    print(f"wrote {len(build.pages)} pages and decision-model.json to {out}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .editing.schema import write_schemas

    written = write_schemas(args.root)
    for path in written:
        print(f"wrote {path.relative_to(args.root)}")
    if not written:
        print("content/schemas/ is up to date")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .site.swap import BuildFailed, build_site

    site_dir = Path(args.site_dir) if args.site_dir else None
    try:
        target = build_site(args.root, site_dir, builder=args.builder, offline=args.offline)
    except BuildFailed as error:
        print(f"build failed; the previous site is untouched:\n{error}", file=sys.stderr)
        return 1
    print(f"built {target} with {args.builder}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .editing.serve import serve

    return serve(args.root, args.builder, args.dev_addr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument(
        "--root",
        type=_root,
        help="project folder (holds content/ and mkdocs.yml); default: found upwards from here",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate content/ and the decision model without building")
    p.add_argument("--today", type=_date, help="date to judge review deadlines by (YYYY-MM-DD)")
    p.set_defaults(func=_check)
    p = sub.add_parser("diff", help="what the working copy changes for readers, compared with a git revision")
    p.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with (default: HEAD)")
    p.add_argument(
        "--markdown", action="store_true", help="Markdown, for a pull request's summary and comment"
    )
    p.add_argument(
        "--max-chars",
        type=_limit,
        help="shorten the Markdown report to this many characters, saying so in its last line "
        "(default: what fits a pull-request comment; 0: no limit)",
    )
    p.set_defaults(func=_diff)
    p = sub.add_parser("render", help="write the generated Markdown and widget data for review")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_render)
    p = sub.add_parser("schema", help="write content/schemas/*.schema.json from the model")
    p.set_defaults(func=_schema)
    p = sub.add_parser("build", help="build the site atomically into site/")
    p.add_argument("--site-dir", help="where to build (default: site/)")
    p.add_argument("--offline", action="store_true", help="build for opening from file:// (no server)")
    p.add_argument(
        "--builder", choices=BUILDERS, default="mkdocs", help="static-site builder (default: mkdocs)"
    )
    p.set_defaults(func=_build)
    p = sub.add_parser("serve", help="preview the site, rebuilt on every edit under content/")
    p.add_argument(
        "--builder", choices=BUILDERS, default="mkdocs", help="static-site builder (default: mkdocs)"
    )
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (IP:PORT)")
    p.set_defaults(func=_serve)
    args = parser.parse_args(argv)
    if args.root is None:
        args.root = find_root(Path.cwd())
        if args.root is None:
            print(
                f"no project found: neither {Path.cwd()} nor a folder above it holds content/ and "
                "mkdocs.yml; expected to run inside the project folder, or --root PROJECT",
                file=sys.stderr,
            )
            return 2
    try:
        return args.func(args)
    except ContentError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in content/"
        if args.command == "build":
            summary += "; nothing was built; site/ is unchanged"
        print(summary, file=sys.stderr)
        return 1
