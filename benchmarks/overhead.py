"""Section 1: the full build against a plain MkDocs build of the same generated Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import forget, run
from generator.content import load_guide
from generator.decision import verify
from generator.render import render_pages
from generator.site import BUILDERS, WORK, build_site

from .project import mkdocs_build, plain_project
from .report import Section, median, timed

TARGET = 1.10


def measure(root: Path, work: Path, runs: int) -> tuple[Section, Path]:
    """Returns the section and the fully built site (reused by the page-weight and widget sections)."""
    section = Section("overhead", "1. Build overhead: full build vs plain MkDocs on the same Markdown")
    config = plain_project(root, run(root), work / "plain")
    site = work / "full" / "site"
    full: list[float] = []
    plain: list[float] = []
    generator: list[float] = []
    for index in range(runs + 1):  # round 0 warms imports and caches and is not counted
        times = (
            timed(lambda: (forget(), build_site(root, site))),
            timed(lambda: mkdocs_build(config, work / "plain" / "site")),
            timed(lambda: (forget(), run(root))),
        )
        if index:
            full.append(times[0])
            plain.append(times[1])
            generator.append(times[2])
    # each round's full and plain builds ran back to back, under the same load: the median of the
    # per-round ratios resists a machine that gets busier or quieter during the run
    ratio = median([f / p for f, p in zip(full, plain, strict=True)])
    section.add("full build (generator.site.build_site)", median(full), "s")
    section.add("plain mkdocs build, plugin off", median(plain), "s")
    section.add("full / plain", ratio, "×", f"≤ {TARGET:.2f} ×", ratio <= TARGET)
    section.add(
        "added by the generator", (ratio - 1) * 100, "%", f"≤ {(TARGET - 1) * 100:.0f} %", ratio <= TARGET
    )
    share = median([g / f for g, f in zip(generator, full, strict=True)]) * 100
    section.add("generator's own work (run: load, validate, verify, render)", median(generator), "s")
    section.add("generator's share of the full build", share, "%", headline=True)
    _stages(section, root, runs)
    _builders(section, root, work / "builders", runs)
    section.notes += [
        (
            f"{runs} rounds of full, plain and generator-only runs after one warm-up round; times are medians, "
            "ratios the median of each round's ratio; on a busy machine the generator's share (measured "
            "in process) is the steadier figure"
        ),
        (
            "build_site runs the core once: its up-front run() is reused by the plugin's on_config "
            "(cached by a fingerprint of content/); each timed build starts with the cache dropped"
        ),
        (
            "the full build reuses the social cards the previous round drew (build/cards/), as an editor's "
            "rebuild does; 'from scratch' below deletes build/ and draws them all"
        ),
        (
            "the plain build's tool page has no decision-model JSON (only the plugin adds hdt_data); "
            "that is a few KB of HTML and does not change the timing"
        ),
    ]
    return section, site


def _builders(section: Section, root: Path, work: Path, runs: int) -> None:
    """Each builder side by side (build_site, as `python -m generator build --builder X` runs it,
    publishing and swap included): a full build from scratch, and a rebuild with nothing changed."""
    full: dict[str, list[float]] = {b: [] for b in BUILDERS}
    again: dict[str, list[float]] = {b: [] for b in BUILDERS}
    warm = 1 if runs > 2 else 0  # a warm-up round, except in --quick runs
    for index in range(runs + warm):
        for builder in BUILDERS:
            site = work / builder / "site"

            def scratch(builder: str = builder, site: Path = site) -> None:
                forget()  # the core's cached result
                shutil.rmtree(root / WORK, ignore_errors=True)  # docs folder, Zensical's cache
                build_site(root, site, builder=builder)

            times = (timed(scratch), timed(lambda b=builder, s=site: build_site(root, s, builder=b)))
            if index >= warm:
                full[builder].append(times[0])
                again[builder].append(times[1])
    for builder in BUILDERS:
        section.add(
            f"{builder}: full build from scratch (build_site, builder={builder})", median(full[builder]), "s"
        )
    ratio = median([z / m for z, m in zip(full["zensical"], full["mkdocs"], strict=True)])
    section.add("zensical / mkdocs, full build", ratio, "×", headline=True)
    for builder in BUILDERS:
        section.add(f"{builder}: rebuild with nothing changed", median(again[builder]), "s", headline=True)
    section.notes.append(
        f"builders: {runs} rounds{' after a warm-up' if warm else ''}, alternating; from scratch = the core's cache dropped and "
        "build/ (generated docs, social cards, Zensical's cache) deleted; rebuild = the same build again at once. "
        "Zensical runs as its own process (Python start-up included); MkDocs in process"
    )


def _stages(section: Section, root: Path, runs: int) -> None:
    """Where the generator's time goes: one run() split into its stages."""
    load, check_, render = [], [], []
    for _ in range(runs):
        load.append(timed(lambda: load_guide(root)))
        guide = load_guide(root)
        check_.append(timed(lambda: verify(guide)))  # noqa: B023 (called at once)
        render.append(timed(lambda: render_pages(guide)))  # noqa: B023
    section.add("  of which load + validate (load_guide)", median(load), "s")
    section.add("  of which verify the answer space", median(check_), "s")
    section.add(
        "  of which render Markdown (Jinja2, templates compiled once per process)", median(render), "s"
    )
