"""Random damage to the real content never produces a traceback: only success or placed messages."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import ContentError, check

FILES = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*.yaml"))
FILES += ["pages/photographer.md"]
PROBLEM = re.compile(r"^content/\S+:\d+:\d+: .+; .+")
SNIPPETS = [
    b"\t",
    b":",
    b": ",
    b'"',
    b"'",
    b"&x",
    b"*x",
    b"&x ",
    b" *x",
    b"- ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"#",
    b"!!",
    b"!x ",
    b"!!python/object:os.system ",
    b"\n",
    b"<<: ",
    b"? ",
    b"|",
    b">",
    b"---\n",
    b"%",
    b"@",
    b"`",
    b"\\",
    b"\x00",
    b"\xff",
    b"\xe9",
    b"\r",
    b"  ",
    b"null",
    b"~",
    b"2026-13-45",
    b"1e999",
    b"0x",
    b"[page](page:",
]


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="hdt-fuzz-"))
    yield copy_project(folder / "project")
    shutil.rmtree(folder, ignore_errors=True)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "bytes"]))
    lines = _lines(data)
    if kind in ("delete", "duplicate") and lines:
        i = draw(st.integers(0, len(lines) - 1))
        return b"".join(lines[:i] + ([] if kind == "delete" else [lines[i], lines[i]]) + lines[i + 1 :])
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if kind == "swap" and len(data) > 1:
        at = min(at, len(data) - 2)
        return data[:at] + data[at + 1 : at + 2] + data[at : at + 1] + data[at + 2 :]
    if kind == "truncate":
        return data[:at]
    if kind == "bytes":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data[:at] + draw(st.sampled_from(SNIPPETS)) + data[at:]


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    data = (ROOT / "content" / name).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return name, data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage())
def test_damaged_content_gives_placed_messages_or_passes(project: Path, case: tuple[str, bytes]) -> None:
    name, data = case
    path = project / "content" / name
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        check(project)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM.match(str(problem)), str(problem)
            assert problem.line >= 1 and problem.col >= 1
    finally:
        path.write_bytes(original)
