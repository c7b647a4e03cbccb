"""Section 2: the generator alone at ×1, ×10, ×100 content; answer-space verification; MkDocs with bulk pages."""

from __future__ import annotations

import itertools
import shutil
import tracemalloc
from functools import partial
from pathlib import Path

from generator import forget, run
from generator.content import load_guide
from generator.decision import verify
from generator.site import WORK, build_site

from . import synthetic
from .project import mkdocs_build, plain_project
from .report import Section, median, timed
from .weight import gz

LINEAR_SLACK = 1.5  # time per unit may grow this much from one size to the next and still count as linear
VERIFY_TARGET = 1.0


def _peak_mib(root: Path) -> float:
    forget()
    tracemalloc.start()
    try:
        run(root)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _sized(base: Path, work: Path, factor: int) -> Path:
    root = work / f"x{factor}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(base, root, ignore=shutil.ignore_patterns("site", ".site-*"))
    synthetic.scale(root, factor)
    return root


def measure(
    base: Path,
    work: Path,
    factors: list[int],
    runs: int,
    mkdocs_factors: list[int],
    question_counts: list[int],
) -> Section:
    section = Section("scaling", "2. Scaling: the generator alone (load, validate, verify, render)")
    sizes: dict[int, tuple[int, float]] = {}
    roots: dict[int, Path] = {}
    for factor in factors:
        root = roots[factor] = _sized(base, work, factor)
        total = sum(synthetic.units(root).values())
        seconds = median([timed(lambda: (forget(), run(root))) for _ in range(runs)])  # noqa: B023
        sizes[factor] = (total, seconds)
        section.add(f"×{factor}: {total:,} records, run()", seconds, "s", headline=factor == factors[-1])
        section.add(f"×{factor}: peak memory (tracemalloc)", _peak_mib(root), "MiB")
    _marginal(section, sizes, "record", "run()")
    section.notes.append(
        f"records = pages + scenarios + comparison attributes + sources + experts; medians of {runs} runs; "
        "memory measured in a separate run (tracemalloc slows the code it traces)"
    )
    section.notes.append(
        "the decision model is the shipped one at every size, so verification is a fixed cost"
    )
    _verification(section, base, work, question_counts, runs)
    _mkdocs(section, roots, work, mkdocs_factors, runs)
    return section


def _verification(section: Section, base: Path, work: Path, question_counts: list[int], runs: int) -> None:
    shipped = len(load_guide(base).decision.questions)
    for count in question_counts:
        root = work / f"q{count}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(base, root, ignore=shutil.ignore_patterns("site", ".site-*"))
        synthetic.add_questions(root, count - shipped)
        guide = load_guide(root)
        combinations = verify(guide)
        seconds = median([timed(partial(verify, guide)) for _ in range(runs)])
        label = "shipped" if count == shipped else "synthetic"
        if count == shipped:
            section.add(
                f"verify(), {count} questions ({label}): {combinations:,} combinations",
                seconds,
                "s",
                f"< {VERIFY_TARGET:.0f} s",
                seconds < VERIFY_TARGET,
            )
        else:
            section.add(f"verify(), {count} questions ({label}): {combinations:,} combinations", seconds, "s")
        section.add(f"verify(), {count} questions: time per combination", seconds / combinations * 1e6, "µs")
    section.notes.append(
        "verification walks the product of the option counts: each added 3-option question triples the "
        "combinations and the time; the time per combination stays flat"
    )


def _mkdocs(section: Section, roots: dict[int, Path], work: Path, factors: list[int], runs: int) -> None:
    """Build scaled content with MkDocs: through the plugin (bulk pages in_nav: false) and plain."""
    sizes: dict[str, dict[int, tuple[int, float]]] = {"full": {}, "small": {}}
    for factor in factors:
        root = roots[factor]
        build = run(root)
        pages = len(build.pages)
        shipped_nav = [p for p in build.guide.pages.pages if not p.id.startswith("synthetic-")]
        config = plain_project(
            root, build, work / f"plain-x{factor}", nav=[{p.nav: p.path} for p in shipped_nav]
        )
        times: dict[str, list[float]] = {"full": [], "small": []}
        repeat = min(runs, 3) if pages < 500 else 2  # a thousand pages with the full nav take a minute
        for index in range(repeat + (factor == factors[0])):  # the first size gets a warm-up round
            forget()
            shutil.rmtree(root / WORK / "cards", ignore_errors=True)  # every size draws all its cards
            full = timed(partial(build_site, root, work / f"site-x{factor}"))
            small = timed(partial(mkdocs_build, config, work / f"plain-x{factor}" / "site"))
            if index or factor != factors[0]:
                times["full"].append(full)
                times["small"].append(small)
        for kind, values in times.items():
            sizes[kind][factor] = (pages, median(values))
        section.add(
            f"MkDocs ×{factor}, {pages} pages, with the plugin (bulk pages in_nav: false)",
            sizes["full"][factor][1],
            "s",
            headline=factor == factors[-1],
        )
        section.add(
            f"MkDocs ×{factor}, {pages} pages, plugin off, same small nav",
            sizes["small"][factor][1],
            "s",
            headline=factor == factors[-1],
        )
        index_file = work / f"site-x{factor}" / "search" / "search_index.json"
        section.add(
            f"MkDocs ×{factor}: search index every reader downloads, gzipped",
            gz(index_file.read_bytes()),
            "B",
        )
        for folder in (work / f"site-x{factor}", work / f"plain-x{factor}"):
            shutil.rmtree(folder, ignore_errors=True)
    for kind, label in (("full", "MkDocs with the plugin"), ("small", "MkDocs, plugin off")):
        _marginal(section, sizes[kind], "page", label)
    section.notes.append(
        "synthetic pages carry in_nav: false, so the nav keeps the shipped 12 entries: a nav listing every "
        "page makes Material builds grow with the square of the page count (measured before in_nav existed: "
        "1,200 pages 57.9 s with every page in the nav against 7.4 s with a small one; DESIGN.md: 500 pages "
        "17 s, 2000 pages 192 s); the plugin-off build is the same Markdown with the same small nav; "
        "MkDocs builds alternate plugin on / off, medians of up to 3 runs (2 above 500 pages); each build "
        "with the plugin starts without build/cards/, so it draws every page's social card (a rebuild "
        "would reuse them)"
    )


def _marginal(section: Section, sizes: dict[int, tuple[int, float]], unit: str, label: str) -> None:
    """Time per added unit between consecutive sizes; linear growth keeps it flat."""
    factors = sorted(sizes)
    steps = []
    for small, large in itertools.pairwise(factors):
        (n0, t0), (n1, t1) = sizes[small], sizes[large]
        steps.append((t1 - t0) / (n1 - n0))
        section.add(f"{label}: time per added {unit}, ×{small} → ×{large}", steps[-1] * 1e3, "ms")
    if len(steps) > 1:
        ratio = steps[-1] / steps[0]
        section.add(
            f"{label}: time per added {unit}, last step / first step",
            ratio,
            "×",
            f"≤ {LINEAR_SLACK} × (1 = linear)",
            ratio <= LINEAR_SLACK,
        )
