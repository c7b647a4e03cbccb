"""Command line: build, check, render and schema, around the same core the plugin uses."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .builders import BUILDERS
from .errors import ContentError


def _root(value: str) -> Path:
    return Path(value).resolve()


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _check(args: argparse.Namespace) -> int:
    from .pipeline import check
    from .review import overdue_reviews

    guide, count = check(args.root)
    print(f"content OK: {len(guide.pages.pages)} pages, {count} answer combinations verified")
    for problem in overdue_reviews(guide, args.today or dt.date.today()):
        print(problem)
    return 0


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
    from .schema import write_schemas

    for path in write_schemas(args.root):
        print(f"wrote {path.relative_to(args.root)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .site import BuildFailed, build_site

    site_dir = Path(args.site_dir) if args.site_dir else None
    try:
        target = build_site(args.root, site_dir, builder=args.builder, offline=args.offline)
    except BuildFailed as error:
        print(f"build failed; the previous site is untouched:\n{error}", file=sys.stderr)
        return 1
    print(f"built {target} with {args.builder}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.root, args.builder, args.dev_addr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=_root, default=Path.cwd(), help="project folder (holds content/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate content/ and the decision model without building")
    p.add_argument("--today", type=_date, help="date to judge review deadlines by (YYYY-MM-DD)")
    p.set_defaults(func=_check)
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
