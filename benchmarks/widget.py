"""Section 5: the widget's engine in Chromium: one answer set, and the whole answer space."""

from __future__ import annotations

import json
from pathlib import Path

from generator.content import load_guide
from generator.decision import Engine

from .report import Section, median, timed

ONE_TARGET = "< 16 ms (one frame)"
SPACE_TARGET = "< 1 s"

# Runs inside the page: times `iterations` evaluations of the first answer set, then `spaces` passes
# over every combination of answers, all in one page.evaluate so the figures leave out Playwright.
SCRIPT = """([iterations, spaces]) => {
  const engine = window.hdtEngine;
  if (!engine || typeof engine.evaluate !== "function") return null;
  const data = JSON.parse(document.getElementById("hdt-data").textContent);
  let space = [{}];
  for (const q of data.questions) {
    space = space.flatMap((partial) => q.options.map((o) => ({...partial, [q.id]: o.id})));
  }
  const one = space[0];
  let sink = 0;
  let start = performance.now();
  for (let i = 0; i < iterations; i++) sink += engine.evaluate(data, one) ? 1 : 0;
  const oneMs = (performance.now() - start) / iterations;
  start = performance.now();
  for (let s = 0; s < spaces; s++) for (const answers of space) sink += engine.evaluate(data, answers) ? 1 : 0;
  const spaceMs = (performance.now() - start) / spaces;
  return {oneMs, spaceMs, combinations: space.length, sink};
}"""


def measure(site: Path, root: Path, iterations: int, spaces: int) -> Section:
    from tests.helpers import chromium, served

    section = Section("widget", "5. The widget's engine in Chromium")
    guide = load_guide(root)
    engine = Engine.of(guide)
    space = list(engine.combinations())
    python_space = median([timed(lambda: [engine.decide(a) for a in space]) for _ in range(3)])
    with served(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "decision-tool/", wait_until="load")
        data = page.locator("#hdt-data").text_content() or "{}"
        result = page.evaluate(SCRIPT, [iterations, spaces])
    section.add("answer combinations in the page's data", len(space), "")
    section.add("decision-model JSON on the tool page", len(data.encode()), "B")
    section.add("Python Engine.decide(), whole answer space (for scale)", python_space, "s")
    if result is None:
        note = "widget engine not present"
        section.add("one answer set, window.hdtEngine.evaluate", None, "µs", ONE_TARGET, note=note)
        section.add("whole answer space, window.hdtEngine.evaluate", None, "s", SPACE_TARGET, note=note)
        section.notes.append(
            "window.hdtEngine is undefined on the tool page of this build, so nothing was timed"
        )
    else:
        if result["combinations"] != len(space):
            section.notes.append(
                f"the page's data gives {result['combinations']} combinations, Python {len(space)}"
            )
        one, whole = result["oneMs"] * 1000, result["spaceMs"] / 1000
        section.add("one answer set, window.hdtEngine.evaluate", one, "µs", ONE_TARGET, one < 16_000)
        section.add("whole answer space, window.hdtEngine.evaluate", whole, "s", SPACE_TARGET, whole < 1)
        section.add("whole answer space, JS / Python", result["spaceMs"] / 1000 / python_space, "×")
        section.notes.append(
            f"{iterations:,} evaluations of one answer set and {spaces} passes over the space, in one "
            "page.evaluate, timed with performance.now()"
        )
    json.loads(data)
    return section
