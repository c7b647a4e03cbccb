"""Render the validated guide into Markdown pages: pure, deterministic, {path: text}."""

from __future__ import annotations

import functools
import json
import math
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..content import drawings
from ..content.model import LINK, Guide, Page
from ..content.values import fact_text, money
from ..decision.engine import Engine
from ..decision.verify import summarize
from ..text import fill
from . import charts, embed
from .citations import relied_on
from .lookup import answer_lookup

TEMPLATES = Path(__file__).parent.parent / "templates"


def _text(value: object) -> Markup:
    """HTML-escaped text that Markdown extensions cannot read as syntax either: braces are entities,
    so a `{#id}` or `{ .class }` inside an editor's words never rewrites a heading's anchor."""
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


def _body(text: str) -> Markup:
    """Editors' Markdown, with raw HTML shown as text rather than run."""
    return Markup(text.replace("<", "&lt;"))


def _cell(text: str) -> Markup:
    return Markup(str(_text(text)).replace("|", "&#124;").replace("\n", " "))


def _meta(text: str) -> Markup:
    """A front-matter string: HTML-escaped (the theme prints it raw), then quoted as JSON."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else ("−" + str(-number) if number < 0 else "0")


def _number(value: object) -> object:
    """Whole numbers as readers write them: 1,944 (but true/false stay as they are)."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


def _fill(template: str, **values: object) -> Markup:
    """Put values into a label's {placeholders}, escaping both (already-safe Markup is kept)."""
    return Markup(fill(str(escape(template)), **{k: _text(_number(v)) for k, v in values.items()}))


def _basis(guide: Guide, source: str) -> str:
    """How a cost assumption names its basis: a named source, or the editors' estimate."""
    labels = guide.decision.labels
    if source == guide.decision.cost.estimate:
        return labels["basis-estimate"]
    title = next(s.title for s in guide.sources.sources if s.id == source)
    return fill(labels["basis-source"], source=title)


def cost_assumptions(guide: Guide) -> list[str]:
    """Each cost assumption as a sentence: what one purchase of a route includes and how long it
    lasts, each with its basis (a named source, or the editors' estimate)."""
    labels = guide.decision.labels
    facts = {f.id: (f, s.id) for s in guide.sources.sources for f in s.figures}
    words = guide.site.number_words
    routes = {o.id: o for o in guide.comparison.options}
    lines = []
    for a in guide.decision.cost.assumptions:
        route = routes[a.option]
        basis = _basis(guide, a.includes_source)
        lines.append(fill(labels["cost-includes"], option=route.short, includes=a.includes, basis=basis))
        fact, source = facts[route.lasts]
        life = fact_text(fact, guide.site.currency, words)
        lines.append(fill(labels["cost-redo"], option=route.short, life=life, basis=_basis(guide, source)))
    return lines


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=_text,
    )
    env.filters.update(body=_body, cell=_cell, signed=_signed, fill=_fill, meta=_meta)
    return env


def relative_link(source: str, target: str) -> str:
    """The relative Markdown link from page file `source` to page file `target`."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _resolve_links(text: str, page: Page, paths: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        target = relative_link(page.path, paths[match.group(1)])
        return f"]({target}{match.group(2) or ''}{match.group(3) or ''}{match.group(4) or ''})"

    return LINK.sub(replace, text)


def link_version(guide: Guide) -> int:
    """The version of the questions that links made today answer (1 before any change said so)."""
    return max((c.version for c in guide.decision.changelog if c.version), default=1)


def tool_query(answers: dict[str, str], version: int = 1) -> Markup:
    """The tool's address query for a set of answers, with the version of the questions they answer
    (ids are validated: letters, digits, hyphens)."""
    return Markup(f"?v={version}&" + "&".join(f"{escape(q)}={escape(a)}" for q, a in answers.items()))


def render_pages(guide: Guide) -> dict[str, str]:
    """Every page of the site as Markdown, keyed by its path under the site root."""
    env = environment()
    engine = Engine.of(guide)
    paths = {p.id: p.path for p in guide.pages.pages}
    context = {
        "guide": guide,
        "site": guide.site,
        "labels": guide.site.labels,
        "d": guide.decision,
        "dl": guide.decision.labels,
        "engine": engine,
        "money": lambda price: money(price, guide.site.currency),
        "pages": {p.id: p for p in guide.pages.pages},
        "sources": {s.id: s for s in guide.sources.sources},
        "options": {o.id: o for o in guide.comparison.options},
        "outcomes": {o.id: o for o in guide.decision.outcomes},
        "tool_query": functools.partial(tool_query, version=link_version(guide)),
        "ordered": lambda answers: {q.id: answers[q.id] for q in guide.decision.questions},
        "option_labels": lambda q, ids: [engine.choices[q][i].label for i in ids],
        "decision_table": functools.partial(decision_table, guide, engine),
        "summary": summarize(guide),
        "assumptions": cost_assumptions(guide),
        "cost_chart": functools.partial(comparison_chart, guide, engine),
        "relied_on": functools.partial(relied_on, guide),
        "cost_defaults": functools.partial(cost_defaults, guide, engine),
        "route_names": lambda ids: ", ".join(o.short for o in guide.comparison.options if o.id in ids),
        "fact_text": lambda fact: fact_text(fact, guide.site.currency, guide.site.number_words),
        "embed": embed.share(guide),
    }
    result: dict[str, str] = {}
    for page in guide.pages.pages:
        template = env.get_template(f"{page.kind}.md.j2")
        figure = functools.partial(_figure, env, context, page)
        text = template.render(context, page=page, body=guide.bodies.get(page.body or ""), figure=figure)
        result[page.path] = _resolve_links(text, page, paths)
    return dict(sorted(result.items()))


def static_files(guide: Guide) -> dict[str, str]:
    """Files the site serves as they are, keyed by their path: the tool's oEmbed description."""
    if embed.embed_page(guide) is None:
        return {}
    return {
        embed.OEMBED: json.dumps(embed.oembed(guide), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    }


def _figure(
    env: jinja2.Environment,
    context: dict[str, object],
    page: Page,
    figure_id: str | None = None,
    text: str | None = None,
) -> Markup:
    """`figure(id)`: that figure of the page, or "" if the page has none by that id; `figure(text=...)`:
    the editors' Markdown with its figure lines replaced."""
    draw = functools.partial(drawings.render_figure, env, context=context)
    if text is not None:
        return drawings.place(text, page, draw)
    found = [f for f in page.figures if f.id == figure_id]
    return draw(found[0]) if found else Markup("")


def decision_table(guide: Guide, engine: Engine) -> list[tuple[str, list[Markup]]]:
    """The full decision table as Markdown rows, grouped by the first question's options.

    Built here rather than in the template: a thousand rows of Jinja loops cost more than the rest
    of the site together."""
    d = guide.decision
    first, rest = d.questions[0], d.questions[1:]
    shorts = {q.id: {c.id: str(_cell(c.short)) for c in q.options} for q in rest}
    labels = {o.id: str(_cell(o.label)) for o in d.outcomes}
    groups: dict[str, list[Markup]] = {c.id: [] for c in first.options}
    for answers in engine.combinations():
        cells = [shorts[q.id][answers[q.id]] for q in rest]
        cells += [_signed(engine.margin(answers)), labels[engine.outcome(answers)[0]]]
        groups[answers[first.id]].append(Markup("| " + " | ".join(cells) + " |"))
    return list(groups.items())


def comparison_chart(guide: Guide, engine: Engine) -> Markup:
    """The comparison page's cost-over-time figure: every route on its own, named as in the table."""
    d = guide.decision
    single = {o.routes[0]: o.id for o in d.outcomes if len(o.routes) == 1}
    labels = {single[o.id]: o.short for o in guide.comparison.options if o.id in single}
    chart = charts.cost_chart(engine, labels)
    return charts.figure(chart, "hdt-cost-chart", charts.chart_text(chart, d.labels, guide.site.currency))


WIDGET_SCRIPT = Path(__file__).parents[2] / "overrides" / "assets" / "hdt" / "decision-tool.js"


@functools.cache
def widget_labels() -> frozenset[str]:
    """The labels the widget's script reads (`L.name` or `L["name"]`): the only ones its data carries,
    so the page does not ship the worksheet's and the method page's words twice."""
    script = WIDGET_SCRIPT.read_text(encoding="utf-8")
    return frozenset(re.findall(r"\bL\.([a-z]+)\b", script) + re.findall(r"\bL\[\"([a-z-]+)\"\]", script))


def widget_data(
    guide: Guide,
    url_for: Callable[[str], str] | None = None,
    answers: dict[str, object] | None = None,
) -> dict[str, object]:
    """What the client-side tool shows, as data: the questions and every word, each answer set's
    result to look up (`answers`, from `lookup.answer_lookup` unless given) and the cost model it
    computes with the reader's own numbers; `url_for` maps a page id to a link."""
    tool = next(p for p in guide.pages.pages if p.kind == "tool")
    paths = {p.id: p.path for p in guide.pages.pages}
    link = url_for or (lambda page_id: relative_link(tool.path, paths[page_id]))
    sources = {s.id: s.title for s in guide.sources.sources}

    def cite(source: str | None) -> dict[str, str] | None:
        if source is None:
            return None
        return {"title": sources[source], "href": link("method") + f"#source-{source}"}

    d = guide.decision
    engine = Engine.of(guide)
    return {
        "positive": d.positive,
        "negative": d.negative,
        "answers": answers or answer_lookup(engine),
        "questions": [
            {
                "id": q.id,
                "short": q.short,
                "options": [
                    {
                        "id": c.id,
                        "label": c.label,
                        "reason": c.reason or "",
                        **({"source": cite(c.source)} if c.source else {}),
                        **({"months": c.months} if c.months else {}),
                    }
                    for c in q.options
                ],
            }
            for q in d.questions
        ],
        "rules": [
            {
                "id": r.id,
                "reason": r.reason,
                **({"source": cite(r.source)} if r.source else {}),
            }
            for r in d.rules
        ],
        "outcomes": [
            {
                "id": o.id,
                "label": o.label,
                "summary": o.summary,
                "parts": o.routes,
                "picture": sorted(engine.pictures(o.id)),
                "next": [{"text": s.text, "href": link(s.page)} for s in o.next_steps],
            }
            for o in d.outcomes
        ],
        "advice": [
            {
                "heading": a.heading,
                "text": a.text,
                "sources": [cite(s) for s in a.sources],
            }
            for a in d.advice
        ],
        "cost": {
            "horizon": d.cost.horizon,
            "life": {r: [life.shortest, life.longest] for r, life in engine.lives.items()},
            "fees": {r: list(fee) for r, fee in engine.fees.items()},
            "inputs": number_inputs(guide, engine),
            "note": d.cost.note,
            "assumptions": cost_assumptions(guide),
        },
        "version": link_version(guide),
        "links": [
            {"version": c.version, **c.links.model_dump()}
            for c in d.changelog
            if c.version is not None and c.links is not None
        ],
        "prices": {
            o.id: {
                "min": o.price.min,
                "max": o.price.max,
                "open": o.price.open_ended,
                "label": o.short,
                "picture": o.picture,
            }
            for o in guide.comparison.options
        },
        # within a sentence ("What you would publish: a generated image")
        "pictures": {k: v[0].lower() + v[1:] for k, v in guide.comparison.picture_labels.items()},
        "currency": guide.site.currency,
        "labels": {k: v for k, v in d.labels.items() if k in widget_labels()},
    }


def _ceiling(value: float) -> int:
    """A round upper bound for a slider: 1, 2 or 5 times a power of ten, at least `value`."""
    power = 10 ** math.floor(math.log10(max(value, 1)))
    return next(int(f * power) for f in (1, 2, 5, 10) if f * power >= value)


def cost_defaults(guide: Guide, engine: Engine) -> list[list[Markup]]:
    """The cost formula's defaults as table cells, for working it out by hand: each route's price,
    how long one purchase lasts and the fee for an extra, each with its basis."""
    labels = guide.decision.labels
    facts = {f.id: (f, s.id) for s in guide.sources.sources for f in s.figures}
    currency, words = guide.site.currency, guide.site.number_words
    extras = {e.option: e for e in guide.decision.cost.extras}
    rows = []
    for route in guide.comparison.options:
        life, source = facts[route.lasts]
        cells = [
            route.short,
            f"{money(route.price, currency)} ({_basis(guide, route.source)})",
            f"{fact_text(life, currency, words)} ({_basis(guide, source)})",
        ]
        if route.id in extras:
            fee = engine.fees[route.id]
            cells.append(fill(labels["number-fee"], fee=money((fee[0], fee[1], False), currency)))
        else:
            cells.append(labels["formula-none"])
        rows.append([_cell(c) for c in cells])
    return rows


def number_inputs(guide: Guide, engine: Engine) -> list[dict[str, object]]:
    """The reader's own numbers the tool offers: for each route that costs money, its price, how long
    one purchase lasts and any extras; then how long the photo will be used. Each with its name as
    links carry it, its bounds, its default and the basis of that default."""
    d, labels = guide.decision, guide.decision.labels
    facts = {f.id: s.id for s in guide.sources.sources for f in s.figures}
    extras = {e.option: e for e in d.cost.extras}
    horizon = next(q for q in d.questions if q.id == d.cost.horizon)
    most = max(c.months or 1 for c in horizon.options)
    found: list[dict[str, object]] = []

    def add(
        key: str, label: str, unit: str, default: int | None, bounds: tuple[int, int], basis: str
    ) -> None:
        found.append(
            {
                "id": key,
                "label": label,
                "unit": labels[f"unit-{unit}"],
                "def": default,
                "min": bounds[0],
                "max": bounds[1],
                "basis": basis,
            }
        )

    for route in guide.comparison.options:
        if route.price.max == 0:
            continue  # a free route costs nothing whatever the numbers
        name = route.short
        top = _ceiling(max([2 * route.price.max, *(p.max for p in route.other_prices)]))
        price_basis = _basis(guide, route.source)
        add(
            f"{route.id}-low",
            fill(labels["number-low"], route=name),
            "dollars",
            route.price.min,
            (0, top),
            price_basis,
        )
        add(
            f"{route.id}-high",
            fill(labels["number-high"], route=name),
            "dollars",
            route.price.max,
            (0, top),
            price_basis,
        )
        life = engine.lives[route.id]
        life_basis = _basis(guide, facts[route.lasts])
        add(
            f"{route.id}-soonest",
            fill(labels["number-soonest"], route=name),
            "months",
            life.shortest,
            (1, 120),
            life_basis,
        )
        add(
            f"{route.id}-latest",
            fill(labels["number-latest"], route=name),
            "months",
            life.longest,
            (1, 120),
            life_basis,
        )
        if route.id in extras:
            fee = engine.fees[route.id]
            basis = fill(labels["number-fee"], fee=money((fee[0], fee[1], False), guide.site.currency))
            add(f"{route.id}-extras", fill(labels["number-extras"], route=name), "images", 0, (0, 20), basis)
    add("months", labels["number-months"], "months", None, (1, max(120, most)), labels["number-months-basis"])
    return found
