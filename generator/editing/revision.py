"""A git revision's content/ in a temporary folder, read by `git archive` (the working tree is untouched)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path


class RevisionError(Exception):
    """The revision's content cannot be read; the message says why and what to do."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError(
            "git is not installed; expected git on the PATH to compare with a revision"
        ) from None
    if done.returncode:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def describe(root: Path, rev: str) -> str:
    """The revision as people name it: short hash and subject line."""
    line = _git(root, "log", "-1", "--format=%h %s", rev, "--").decode(errors="replace").strip()
    return line if len(line) <= 72 else line[:71] + "…"


@contextlib.contextmanager
def content_at(root: Path, rev: str) -> Iterator[Path]:
    """A temporary project folder holding `content/` as it was at `rev`."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    try:
        archive = _git(root, "archive", "--format=tar", f"{rev}:{prefix}", "content")
    except RevisionError as error:
        raise RevisionError(
            f"no content/ at {rev!r} ({error}); expected a revision of this project"
        ) from None
    with tempfile.TemporaryDirectory(prefix="hdt-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            _extract(tar, Path(folder))
        yield Path(folder)


def _extract(tar: tarfile.TarFile, folder: Path) -> None:
    """Files and folders only, each inside `folder`. (Debian's Python 3.11.2 predates
    `extractall(filter="data")`, so the check is made here.)"""
    for member in tar.getmembers():
        target = (folder / member.name).resolve()
        if not (member.isfile() or member.isdir()) or not target.is_relative_to(folder.resolve()):
            raise RevisionError(
                f"unexpected entry {member.name!r} in the archive; expected files under content/"
            )
        if member.isdir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        target.write_bytes(source.read() if source else b"")
