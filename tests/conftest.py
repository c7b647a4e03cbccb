"""Shared fixtures: a copy of the project, built sites, a local HTTP server and system Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(target: Path) -> Path:
    """A private copy of everything a build reads, to edit without touching the real sources."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once, with directory URLs, as a web host would serve it."""
    from generator.site import build_site

    return build_site(ROOT, tmp_path_factory.mktemp("built") / "site")


BUILDERS = ("mkdocs", "zensical")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built by Zensical, as a web host would serve it."""
    from generator.site import build_site

    return build_site(ROOT, tmp_path_factory.mktemp("zensical") / "site", builder="zensical")


@pytest.fixture(scope="session", params=BUILDERS)
def builder_site(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(builder, site) for each builder in turn: `built_site` for MkDocs, `zensical_site` for Zensical."""
    return request.param, request.getfixturevalue(
        {"mkdocs": "built_site"}.get(request.param, "zensical_site")
    )


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built for opening from file:// (offline plugin on)."""
    from generator.site import build_site

    return build_site(ROOT, tmp_path_factory.mktemp("offline") / "site", offline=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for key, value in self.extra_headers.items():
            self.send_header(key, value)
        super().end_headers()


def serve(
    directory: Path, headers: dict[str, str] | None = None
) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` on a free loopback port; returns (base URL, server)."""
    handler = type("Handler", (_Quiet,), {"extra_headers": headers or {}})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    url, server = serve(built_site)
    yield url
    server.shutdown()


def stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """End a server process politely, then firmly."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def chromium_path() -> str:
    """System Chromium: $CHROMIUM_PATH, else chromium on the PATH. Missing is a failure, not a skip."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("no Chromium found: install Debian's chromium or set CHROMIUM_PATH")


CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()
