"""Shared fixtures: built sites (each built once per session), a local HTTP server and system Chromium.

The helpers themselves live in tests/helpers.py, the one module tests import them from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, chromium, chromium_path, once, serve


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once, with directory URLs, as a web host would serve it. Read only:
    a test that needs to change it copies it first."""
    from generator.site import build_site

    return once(tmp_path_factory, "built", lambda site: build_site(ROOT, site))


BUILDERS = ("mkdocs", "zensical")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built by Zensical, as a web host would serve it."""
    from generator.site import build_site

    return once(tmp_path_factory, "zensical", lambda site: build_site(ROOT, site, builder="zensical"))


@pytest.fixture(scope="session", params=BUILDERS)
def builder_site(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(builder, site) for each builder in turn: `built_site` for MkDocs, `zensical_site` for Zensical."""
    return request.param, request.getfixturevalue(
        {"mkdocs": "built_site"}.get(request.param, "zensical_site")
    )


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built for opening from file:// (offline plugin on). Read only."""
    from generator.site import build_site

    return once(tmp_path_factory, "offline", lambda site: build_site(ROOT, site, offline=True))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """`built_site` served over HTTP on a free loopback port."""
    url, server = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One system Chromium for the session; a missing Chromium fails the test, never skips it."""
    try:
        chromium_path()
    except FileNotFoundError as error:
        pytest.fail(str(error))
    from playwright.sync_api import expect

    # Awaited conditions, not sleeps: a longer limit costs nothing when the page is quick, and spares
    # a false failure on a loaded machine (CI shares its cores).
    expect.set_options(timeout=15_000)
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh tab in its own context (no cookies, storage or history shared with other tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print pytest-randomly's seed even under -q, so a failure in one random order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int):
        terminalreporter.write_line(
            f"tests ran in random order; replay it with: -p randomly --randomly-seed={seed}"
        )
