"""Read content files: safe YAML with the line and column of every node, and Markdown bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem
from ..text import fill, line_column

Path_ = tuple[str | int, ...]

MAX_NODES = 50_000  # an alias bomb expands far past this; the real content is ~3,000 nodes
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# YAML 1.1 (PyYAML, many older tools) reads these plain words as true/false; YAML 1.2 (editors'
# tools, yaml-language-server) reads them as text. Refused, so every reader agrees.
_YAML11_BOOLS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}


@dataclass
class Document:
    """One YAML file as plain data, with the (line, col) of every key and value by path."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The place of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message)


def _place(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain data, refusing what editors should not write."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")
        self._open: set[int] = set()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _place(node.start_mark)
            raise ContentError.one(
                self.doc.file,
                line,
                col,
                f"aliases expand to more than {MAX_NODES} values; "
                "expected plain content (write the values out instead of nesting aliases)",
            )
        self.doc.values.setdefault(path, _place(node.start_mark))
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self._open:
                line, col = _place(node.start_mark)
                raise ContentError.one(
                    self.doc.file,
                    line,
                    col,
                    "an alias refers to the value that contains it; expected plain content "
                    "(write the values out instead)",
                )
            self._open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self._open.discard(id(node))
        return self._scalar(node)

    def _collection(self, node: yaml.CollectionNode, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if node.tag != "tag:yaml.org,2002:seq":
            self._refuse(node, "a plain list")
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode) and not node.style and node.value.lower() in _YAML11_BOOLS:
            self._ambiguous(node)
            return node.value
        if node.tag not in _PLAIN_TAGS:
            self._refuse(node, "plain text, numbers, dates, true/false, lists and mappings")
            return node.value
        try:
            value = self._scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            # only a date can match its pattern and still be impossible, like 2026-02-30
            line, col = _place(node.start_mark)
            self.problems.append(
                Problem(
                    self.doc.file,
                    line,
                    col,
                    f"{node.value!r} is not a real date; expected a date written YYYY-MM-DD "
                    "(quote it if it is meant as text)",
                )
            )
            return node.value
        if isinstance(value, dt.datetime):
            value = value.date()
        return value

    def _ambiguous(self, node: yaml.ScalarNode) -> None:
        line, col = _place(node.start_mark)
        meant = "true" if _YAML11_BOOLS[node.value.lower()] else "false"
        self.problems.append(
            Problem(
                self.doc.file,
                line,
                col,
                f"{node.value!r} is read as {meant} by some YAML tools and as text by others; "
                "expected true or false (or the word in quotes if it is meant as text)",
            )
        )

    def _refuse(self, node: yaml.Node, expected: str) -> None:
        line, col = _place(node.start_mark)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
        self.problems.append(
            Problem(self.doc.file, line, col, f"the tag {tag!r} is not allowed; expected {expected}")
        )

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self._refuse(node, "a plain mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _place(key_node.start_mark)
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        col,
                        "merge keys ('<<') are not allowed; expected each key written out",
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _place(key_node.start_mark)
                self.problems.append(
                    Problem(self.doc.file, line, col, "a key must be plain text; expected a name")
                )
                continue
            key = str(key_node.value)
            if key in result:
                line, col = _place(key_node.start_mark)
                first = self.doc.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.doc.file,
                        line,
                        col,
                        f"duplicate key {key!r} (first at line {first[0]}); "
                        "expected each key once per mapping",
                    )
                )
                continue
            self.doc.keys[(*path, key)] = _place(key_node.start_mark)
            result[key] = self.build(value_node, (*path, key))
        return result


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = line_column(raw, error.start)
        raise ContentError.one(
            file,
            line,
            col,
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; expected the file saved as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def _tabs(text: str, file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    file,
                    number,
                    indent.index("\t") + 1,
                    "a tab is used for indentation; expected spaces (YAML does not allow tabs)",
                )
            )
    return problems


_SYNTAX = [  # PyYAML's problem (start) -> what it means to an editor; what to do
    (
        "mapping values are not allowed",
        "a ':' where no new key can start",
        "a value that contains ': ' in quotes, or the key on its own line at the right indentation",
    ),
    (
        "expected <block end>",
        "this line does not fit the indentation{context}",
        "each key under its parent at the same indentation, and every quote closed",
    ),
    ("expected ',' or ']'", "a '[' list{context} is not closed", "',' between items and a closing ']'"),
    ("expected ',' or '}'", "a '{' mapping{context} is not closed", "',' between items and a closing '}'"),
    (
        "could not find expected ':'",
        "a line without 'key: value'{context}",
        "'key: value', or more indentation to continue the text above",
    ),
    ("found unexpected end of stream", "the file ends inside a quoted value{context}", "the closing quote"),
    ("found undefined alias", "{problem}", "an anchor '&name' defined earlier in the file"),
    (
        "found unknown escape character",
        "{problem} in a double-quoted value",
        'a valid escape such as \\n or \\", or the value in single quotes',
    ),
    ("found character", "{problem}", "the value in quotes"),
    ("but found another document", "a second document ('---') in the file", "one document per file"),
]


def _content_lines(lines: list[str], before: int) -> Iterator[tuple[int, int, str]]:
    """(line number, indentation, text) of the lines above line `before`, nearest first, skipping blank
    lines and comments; a list item's indentation is its dash's."""
    for number in range(before - 1, 0, -1):
        text = lines[number - 1]
        stripped = text.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            yield number, len(text) - len(stripped), stripped


def _misplaced(text: str, mark: yaml.Mark) -> str | None:
    """For a line that starts at an indentation no open block has: which entry it breaks, and how."""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    if mark.column != indent:
        return _unclosed(lines, mark)
    items = [(n, col, s) for n, col, s in _content_lines(lines, mark.line + 1) if s.startswith("- ")]
    entry = next((item for item in items if item[1] < indent), items[0] if items else None)
    if entry is None:
        return None
    number, dash, stripped = entry
    keys = dash + 2 + len(stripped[2:]) - len(stripped[2:].lstrip(" "))
    spaces = f"{indent} space{'s' * (indent != 1)}"
    return (
        f"this line is indented {spaces}, but the keys of the entry that starts at line {number} are "
        f"indented {keys}; expected {keys} spaces before each key of that entry (fewer only to end it)"
    )


def _unclosed(lines: list[str], mark: yaml.Mark) -> str | None:
    """Text right after a closing quote: the nearest line above with an odd number of those quotes
    opened a value that ran on to here."""
    line = lines[mark.line]
    quote = line[mark.column - 1] if 0 < mark.column <= len(line) else ""
    if quote != '"':  # an apostrophe in text makes single quotes unreliable to count
        return None
    opened = next((n for n, _, s in _content_lines(lines, mark.line + 1) if s.count(quote) % 2), None)
    if opened is None:
        return None
    return (
        f"a quote opened on line {opened} is not closed there, so every line down to this one was read "
        f"as one value; expected the closing {quote} at the end of line {opened}"
    )


def _syntax(error: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's error in an editor's words: 'what is wrong; what is expected'."""
    problem = (error.problem or "invalid YAML").strip()
    if problem.startswith("expected <block end>") and error.problem_mark:
        misplaced = _misplaced(text, error.problem_mark)
        if misplaced:
            return misplaced
    context = f" (from line {error.context_mark.line + 1})" if error.context_mark else ""
    for start, what, expected in _SYNTAX:
        if problem.startswith(start):
            return f"{fill(what, problem=problem, context=context)}; expected {expected}"
    return f"{problem}{context}; expected well-formed YAML (check indentation, colons and quotes)"


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when present (about 15 times faster); on any error, compose again with
    the pure-Python parser, whose messages the editors' error texts are written against."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, file: str) -> Document:
    """Parse one YAML text into a `Document`, or raise `ContentError` with every place found."""
    problems = _tabs(text, file)
    if problems:
        raise ContentError(problems)
    doc = Document(file, None)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _place(mark) if mark else (1, 1)
        raise ContentError.one(file, line, col, f"YAML syntax error: {_syntax(error, text)}") from None
    except yaml.reader.ReaderError as error:
        line, col = line_column(text, error.position)
        raise ContentError.one(
            file,
            line,
            col,
            f"the control character U+{error.character:04X} is not allowed; expected printable text "
            "(delete the invisible character here)",
        ) from None
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise ContentError.one(file, 1, 1, f"YAML error: {first}; expected well-formed YAML") from None
    except RecursionError:
        raise ContentError.one(file, 1, 1, "the YAML is nested too deeply; expected plain content") from None
    if node is None:
        raise ContentError.one(file, 1, 1, "the file is empty; expected a mapping of this file's fields")
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return doc


def _read(root: Path, relative: str, expected: str) -> str:
    try:
        raw = (root / relative).read_bytes()
    except FileNotFoundError:
        raise ContentError.one(relative, 1, 1, f"the file is missing; expected {expected}") from None
    return _decode(raw, relative)


def read_yaml(root: Path, relative: str) -> Document:
    """Read `root/relative` as content YAML; the file is named by `relative` in every message."""
    return parse_yaml(_read(root, relative, "it in content/"), relative)


def read_text(root: Path, relative: str) -> str:
    """Read a Markdown body as UTF-8 text."""
    text = _read(root, relative, "a Markdown file")
    if not text.strip():
        raise ContentError.one(relative, 1, 1, "the file is empty; expected Markdown text")
    return text
