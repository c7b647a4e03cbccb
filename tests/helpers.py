"""Helpers shared by the tests and the benchmarks: project copies, the CLI in process or as a
subprocess, a static server on a free port, system Chromium, the axe options and the CSP watcher,
built-page HTML parsing, and waiting on a condition.

Tests import it as `helpers` (pytest puts tests/ on the path); benchmarks as `tests.helpers`. It
imports no pytest, and Playwright and axe only inside the functions that drive a browser, so either
can use every function.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- project copies -----------------------------------------------------------------------------


def copy_project(target: Path) -> Path:
    """A private copy of everything a build reads, to edit without touching the real sources."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file by `new`; returns the line `old` started on (1-based)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def once(temp: Any, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)` run once per test run, whatever the number of pytest-xdist workers; `temp` is
    pytest's tmp_path_factory. The first worker to ask makes it under a lock in the run's shared
    temporary folder; the others wait for it and read the same result. `make` must put the folder in
    place only when it is complete (build_site's swap does), so a failed attempt leaves nothing a
    later one would take as done. Read only, like every session fixture: copy it to change it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(temp.mktemp(name) / "site")
    from filelock import FileLock

    shared = temp.getbasetemp().parent / name
    shared.mkdir(exist_ok=True)
    with FileLock(str(shared) + ".lock"):
        if not (shared / "site").is_dir():
            make(shared / "site")
    return shared / "site"


# --- the command line -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    """What a run of `python -m generator` left: its exit status and both output streams."""

    returncode: int
    stdout: str
    stderr: str

    def problems(self) -> list[str]:
        """The `content/file:line:col: message` lines it printed on stderr, in its order."""
        return [line for line in self.stderr.splitlines() if line.startswith("content/")]


def run_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """Run the CLI's entry point (`generator.cli.main`) in this process, capturing its output; `cwd`
    is the folder it runs from (as an editor's shell would be), restored afterward.

    An uncaught exception propagates, so a traceback fails the calling test; argparse's usage errors
    (SystemExit) become their exit status as they would in a subprocess. Use `run_cli_process` only
    where the test is about the process itself (its exit status end to end, another entry point)."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    folder = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    with folder, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, cwd: Path | None = None, timeout: float = 300, env: dict[str, str] | None = None
) -> CliResult:
    """Run `python -m <args>` as a real subprocess (for exit status and "no traceback" end to end);
    `env` adds to or overrides this process's environment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


def stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """End a server process politely, then firmly."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- serving and waiting ------------------------------------------------------------------------


def git(project: Path, *args: str) -> str:
    """Run git in `project` as an editor would, with a name and address of its own (no global config
    needed); returns what it printed, stripped."""
    done = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def free_port() -> int:
    """A loopback port free right now (for servers that cannot bind port 0 themselves)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse_headers_file(text: str) -> dict[str, str]:
    """The headers of a `_headers` file's `/*` block: what every page gets (the policy the tests check)."""
    from generator.site import header_rules

    return next((dict(r.set) for r in header_rules(text) if r.path == "/*"), {})


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    rules: list[Any] = []  # the blocks of a `_headers` file (generator.publish.HeaderRule)

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        headers = dict(self.extra_headers)
        if self.rules:
            from generator.site import headers_for

            headers.update(headers_for(self.rules, urlsplit(self.path).path))
        for key, value in headers.items():
            self.send_header(key, value)
        super().end_headers()


def serve(
    directory: Path, headers: dict[str, str] | None = None, *, headers_file: Path | None = None
) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` on a free loopback port; returns (base URL, server). Call `server.shutdown()`.

    `headers` go with every response; `headers_file` (a build's `_headers`) is honored as a static host
    honors it, path by path (`generator.publish.headers_for`)."""
    rules: list[Any] = []
    if headers_file is not None:
        from generator.site import header_rules

        rules = header_rules(headers_file.read_text(encoding="utf-8"))
    handler = type("Handler", (_Quiet,), {"extra_headers": headers or {}, "rules": rules})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@contextlib.contextmanager
def served(
    directory: Path, headers: dict[str, str] | None = None, *, headers_file: Path | None = None
) -> Iterator[str]:
    """`serve` as a context manager: yields the base URL, shuts the server down afterward."""
    url, server = serve(directory, headers, headers_file=headers_file)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def until(condition: Callable[[], bool], seconds: float, every: float = 0.1) -> bool:
    """Poll `condition` until it holds (True) or `seconds` pass (its last answer). For conditions
    outside a browser, e.g. a server's output; in a page, await with Playwright's `expect` instead."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


# --- Chromium -----------------------------------------------------------------------------------


def chromium_path() -> str:
    """System Chromium: $CHROMIUM_PATH, else chromium on the PATH. Raises if there is none."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise FileNotFoundError("no Chromium found: install Debian's chromium or set CHROMIUM_PATH")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """System Chromium under Playwright, closed afterward; yields the `Browser`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- what a browser test checks -------------------------------------------------------------------

# The one set of axe-core options, for every page, state and builder: WCAG 2.0, 2.1 and 2.2 at A and
# AA, and axe's best practices; only violations are reported.
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page: Any, context: str | None = None) -> list[dict[str, Any]]:
    """What axe-core (with `AXE_OPTIONS`) finds on the page as it is now, in `context` if given."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


def describe_violation(where: str, violation: dict[str, Any]) -> str:
    """One axe violation on one line: where, the rule, how many nodes, the first node and its fix."""
    node = violation["nodes"][0]
    return (
        f"{where}: {violation['id']} ({len(violation['nodes'])}x) {node['target']}: {node['failureSummary']}"
    )


# Collects every Content-Security-Policy violation of a page in `window.__csp`; add it to a context
# with `add_init_script` before the first page loads.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
"""
# Addresses a page may use without a request leaving the site.
LOCAL_SCHEMES = ("data:", "blob:", "about:")
SEARCH_QUERY = "photographer"


def search(page: Any, builder: str = "mkdocs") -> None:
    """Search as a reader does and wait for results: Material shows an input, Zensical a button that
    opens its dialog."""
    if builder == "zensical":
        page.locator(".md-search__button").click()
        page.keyboard.type(SEARCH_QUERY, delay=20)
        page.get_by_text(re.compile(r"^\d+ results?$")).first.wait_for(state="visible", timeout=15000)
        return
    page.locator(".md-search__input").click()
    page.keyboard.type(SEARCH_QUERY, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)


# --- built pages ----------------------------------------------------------------------------------


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root ('' is the home page)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths


class PageParser(HTMLParser):
    """A built page's element ids, link targets and visible text (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse_page(path: Path) -> PageParser:
    """Parse a built HTML file."""
    page = PageParser()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# --- the Nu HTML Checker and page metadata --------------------------------------------------------

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material for MkDocs' own markup, not ours; each names the theme file it comes from.
THEME_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    r"^Attribute “autocomplete” is only allowed when the input type is",
    # partials/nav-item.html: section labels get tabindex="" when navigation.sections is on.
    r"^Bad value “” for attribute “tabindex” on element “label”",
]


def vnu_errors(files: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker reports for `files`, minus the theme's own (THEME_ERRORS)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        raise AssertionError(
            "the Nu HTML Checker needs Java 17 and node_modules/vnu-jar: run scripts/setup.sh --tests"
        )
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(re.search(pattern, m["message"]) for pattern in THEME_ERRORS)
    ]


class _Head(HTMLParser):
    """A page's sharing and search metadata: meta tags, canonical link, JSON-LD and h1s."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.json_ld: list[str] = []
        self.h1: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        elif tag == "h1":
            self._in = "h1"
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1[-1] += data


def head(path: Path) -> _Head:
    """Parse a built page's metadata."""
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "th", "td"}


def words(text: str) -> str:
    """`text` with every run of whitespace made one space (to compare text across line breaks)."""
    return " ".join(text.split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SCREEN_READER_ONLY = "hdt-sr"  # the class of text only screen readers get (a chart's table of numbers)


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[list[str]] = []
        self._in_article = False
        self._hidden = 0  # depth inside a screen-reader-only element; 0 when outside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_article = self._in_article or tag == "article"
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self._hidden or SCREEN_READER_ONLY in classes:
            self._hidden += 1
        elif self._in_article and tag in BLOCKS:
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._hidden:
            self._hidden -= 1
        elif tag == "article":
            self._in_article = False
        elif self._open and tag in BLOCKS:
            self.blocks.append(words("".join(self._open.pop()).replace("¶", "")))

    def handle_data(self, data: str) -> None:
        if self._open and not self._hidden:
            self._open[-1].append(data)


def article_blocks(path: Path) -> list[str]:
    """The text of each heading, paragraph, list item and table cell in a built page's <article>,
    whitespace collapsed and permalink marks dropped: what a reader reads on screen (text only
    screen readers get is left out)."""
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.blocks
