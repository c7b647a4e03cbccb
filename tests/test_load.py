"""The YAML loader: plain data with positions, and refusals of what editors should not write."""

from __future__ import annotations

import pytest

from generator import ContentError
from generator.content import parse_yaml


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "content/x.yaml")
    return [str(p) for p in caught.value.problems]


def test_positions_of_keys_and_values() -> None:
    doc = parse_yaml("a:\n  b: [1, 2]\n  c: text\n", "content/x.yaml")
    assert doc.data == {"a": {"b": [1, 2], "c": "text"}}
    assert doc.keys[("a", "c")] == (3, 3)
    assert doc.values[("a", "c")] == (3, 6)
    assert doc.values[("a", "b", 1)] == (2, 10)
    assert doc.where(("a", "missing", 3)) == (2, 3)


def test_duplicate_key_names_both_lines() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == [
        "content/x.yaml:3:1: duplicate key 'a' (first at line 1); expected each key once per mapping"
    ]


def test_tab_indentation() -> None:
    assert problems("a:\n\tb: 1\n") == [
        "content/x.yaml:2:1: a tab is used for indentation; expected spaces (YAML does not allow tabs)"
    ]


def test_object_constructing_tag_is_refused_not_run() -> None:
    [message] = problems("a: !!python/object/apply:os.system ['echo hi']\n")
    assert message.startswith("content/x.yaml:1:4: the tag '!!python/object/apply:os.system'")


def test_empty_file() -> None:
    assert problems("# only a comment\n") == [
        "content/x.yaml:1:1: the file is empty; expected a mapping of this file's fields"
    ]


def test_syntax_error_has_place() -> None:
    [message] = problems("a: [1, 2\nb: 3\n")
    assert message == (
        "content/x.yaml:2:2: YAML syntax error: a '[' list (from line 1) is not closed; "
        "expected ',' between items and a closing ']'"
    )


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    [message] = problems("\n".join(lines) + "\n")
    assert "aliases expand to more than" in message


def test_dates_become_dates() -> None:
    import datetime as dt

    assert parse_yaml("d: 2026-11-20\n", "content/x.yaml").data == {"d": dt.date(2026, 11, 20)}


def test_non_utf8_bytes(tmp_path) -> None:
    from generator.content import read_yaml

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.yaml").write_bytes(b"a: ok\nb: caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        read_yaml(tmp_path, "content/x.yaml")
    assert str(caught.value) == (
        "content/x.yaml:2:7: byte 0xe9 is not valid UTF-8; expected the file saved as UTF-8"
    )
