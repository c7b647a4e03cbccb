"""Synthetic content: the shipped guide scaled up, kept valid (scenario outcomes come from the engine)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from generator.content import load_guide
from generator.decision import Engine

WORDS = [
    "light",
    "frame",
    "pose",
    "studio",
    "portrait",
    "likeness",
    "trust",
    "budget",
    "session",
    "profile",
    "camera",
    "color",
    "expression",
    "client",
    "editor",
    "retouch",
    "background",
    "audience",
    "platform",
    "review",
    "schedule",
    "lens",
    "moment",
]


def _read(root: Path, name: str) -> dict[str, Any]:
    return yaml.safe_load((root / "content" / f"{name}.yaml").read_text(encoding="utf-8"))


def _write(root: Path, name: str, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    (root / "content" / f"{name}.yaml").write_text(text, encoding="utf-8")


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def units(root: Path) -> dict[str, int]:
    """How many records of each kind the content under `root` holds."""
    return {
        "pages": len(_read(root, "pages")["pages"]),
        "scenarios": len(_read(root, "scenarios")["scenarios"]),
        "attributes": len(_read(root, "comparison")["attributes"]),
        "sources": len(_read(root, "sources")["sources"]),
        "experts": len(_read(root, "experts")["experts"]),
    }


def scale(root: Path, factor: int, seed: int = 7) -> None:
    """Grow the content under `root` about `factor` times: pages, scenarios, attributes, sources, experts."""
    if factor <= 1:
        return
    rng = random.Random(seed)
    before = units(root)
    sources = _read(root, "sources")
    new_sources = [
        {
            "id": f"synthetic-source-{i}",
            "title": f"Synthetic source {i}",
            "publisher": "Benchmark",
            "kind": "Article",
            "url": f"https://example.org/synthetic-source-{i}",
            "read": dt.date(2026, 11, 20),
            "reviewed": dt.date(2026, 11, 20),
            "review_every_days": 365,
            "used_for": _sentence(rng),
            "sells": [],
        }
        for i in range(before["sources"] * (factor - 1))
    ]
    sources["sources"] += new_sources
    _write(root, "sources", sources)
    ids = [s["id"] for s in new_sources]

    comparison = _read(root, "comparison")
    options = [o["id"] for o in comparison["options"]]
    comparison["attributes"] += [
        {
            "id": f"synthetic-attribute-{i}",
            "label": f"Synthetic attribute {i}",
            "values": {o: _sentence(rng, 5) for o in options},
            "favors": [rng.choice(options)],
            "why": _sentence(rng),
            "source": rng.choice(ids),
        }
        for i in range(before["attributes"] * (factor - 1))
    ]
    _write(root, "comparison", comparison)

    experts = _read(root, "experts")
    experts["experts"] += [
        {
            "id": f"synthetic-expert-{i}",
            "video_title": f"Synthetic video {i}",
            "paraphrase": " ".join(_sentence(rng) for _ in range(3)),
            "takeaway": _sentence(rng),
            "source": rng.choice(ids),
        }
        for i in range(before["experts"] * (factor - 1))
    ]
    _write(root, "experts", experts)

    _scale_pages(root, rng, before["pages"] * (factor - 1), ids)
    _scale_scenarios(root, rng, before["scenarios"] * (factor - 1))


def _scale_pages(root: Path, rng: random.Random, count: int, sources: list[str]) -> None:
    pages = _read(root, "pages")
    (root / "content" / "pages" / "synthetic").mkdir(exist_ok=True)
    for i in range(count):
        body = f"pages/synthetic/page-{i}.md"
        paragraphs = [" ".join(_sentence(rng) for _ in range(4)) for _ in range(4)]
        text = f"## Part one\n\n{paragraphs[0]}\n\n{paragraphs[1]} [The tool](page:decision-tool).\n\n"
        text += f"## Part two\n\n{paragraphs[2]}\n\n- {_sentence(rng, 6)}\n- {_sentence(rng, 6)}\n\n{paragraphs[3]}\n"
        (root / "content" / body).write_text(text, encoding="utf-8")
        pages["pages"].append(
            {
                "id": f"synthetic-page-{i}",
                "path": f"synthetic/page-{i}.md",
                "kind": "prose",
                "title": f"Synthetic page {i}",
                "nav": f"Synthetic page {i}",
                "in_nav": False,  # pages in bulk stay out of the nav, as EDITING.md asks
                "section": f"Synthetic section {i // 25}",
                "description": f"Synthetic page {i} of the benchmark: prose about headshots, sized like a real guide page.",
                "body": body,
                "takeaway": _sentence(rng),
                "sources": rng.sample(sources, 2),
            }
        )
    _write(root, "pages", pages)


def _scale_scenarios(root: Path, rng: random.Random, count: int) -> None:
    engine = Engine.of(load_guide(root))
    space = list(engine.combinations())
    data = _read(root, "scenarios")
    sources = [s["id"] for s in _read(root, "sources")["sources"]]
    for i in range(count):
        answers = rng.choice(space)
        data["scenarios"].append(
            {
                "id": f"synthetic-scenario-{i}",
                "title": f"Synthetic scenario {i}",
                "outcome": engine.outcome(answers)[0],
                "who": _sentence(rng),
                "why": " ".join(_sentence(rng) for _ in range(2)),
                "risk": _sentence(rng),
                "answers": dict(answers),
                "source": rng.choice(sources),
            }
        )
    _write(root, "scenarios", data)


def add_questions(root: Path, extra: int) -> None:
    """Add `extra` three-option questions to the decision model (scenarios answer them neutrally)."""
    decision = _read(root, "decision")
    scenarios = _read(root, "scenarios")
    for i in range(extra):
        qid = f"synthetic-question-{i}"
        decision["questions"].append(
            {
                "id": qid,
                "legend": f"Synthetic question {i}?",
                "short": f"Synthetic {i}",
                "help": "A question added by the benchmark.",
                "explain": "It weighs a little toward a session, or not at all.",
                "options": [
                    # no option leans away from a session: the shipped model's principles (high stakes
                    # never get a generated image) must keep holding however many questions are added
                    {"id": "less", "short": "Less", "label": "Less", "weight": 0},
                    {"id": "same", "short": "Same", "label": "Same", "weight": 0},
                    {
                        "id": "more",
                        "short": "More",
                        "label": "More",
                        "weight": 1,
                        "reason": "Leans toward a session.",
                    },
                ],
            }
        )
        for scenario in scenarios["scenarios"]:
            scenario["answers"][qid] = "same"  # weight 0: every scenario keeps its outcome
    _write(root, "decision", decision)
    _write(root, "scenarios", scenarios)
