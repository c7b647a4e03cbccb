"""One truth with editors' tools: plain YAML 1.1 booleans and quoted numbers are refused, while what
every YAML reader agrees on (quoted words, quoted ISO dates, true/false) is accepted."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import ContentError
from generator.content import Price, Source, parse_yaml, validate


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off", "y", "N"])
def test_a_plain_yaml11_boolean_is_refused_asking_for_true_or_false(word: str) -> None:
    with pytest.raises(ContentError) as failure:
        parse_yaml(f"open_ended: {word}\n", "content/x.yaml")
    (problem,) = failure.value.problems
    assert (problem.line, problem.col) == (1, 13)
    assert f"{word!r} is read as " in problem.message and "expected true or false" in problem.message


@pytest.mark.parametrize("text", ['"yes"', "'no'", ">-\n  on\n", "yes please", "true", "False"])
def test_quoted_words_and_real_booleans_are_read_as_every_reader_reads_them(text: str) -> None:
    doc = parse_yaml(f"value: {text}\n", "content/x.yaml")
    assert doc.data["value"] in ("yes", "no", "on", "yes please", True, False)


def test_a_yes_or_no_as_a_key_stays_a_key() -> None:
    assert parse_yaml("labels:\n  no: None\n", "content/x.yaml").data == {"labels": {"no": "None"}}


def test_a_quoted_number_is_text_and_refused_where_a_number_is_expected() -> None:
    record, problems = validate(parse_yaml('min: 20\nmax: "80"\n', "content/x.yaml"), Price)
    assert record is None
    assert [str(p) for p in problems] == [
        "content/x.yaml:2:6: '80' is text; expected a whole number (remove the quotes)"
    ]


def test_a_quoted_date_is_still_a_date_as_editors_tools_read_it() -> None:
    doc = parse_yaml(
        'id: a\ntitle: T\npublisher: P\nkind: K\nurl: https://example.org/\nread: "2026-11-20"\nreviewed: "2026-11-20"\nused_for: U\nsells: []\n',
        "content/x.yaml",
    )
    record, problems = validate(doc, Source)
    assert problems == [] and record is not None and record.reviewed == dt.date(2026, 11, 20)
