"""Small text helpers every stage shares, each written once: where an offset falls (line, column), the
"did you mean" hint, a label's {placeholders} filled, and JSON safe inside an HTML <script> element."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Characters that could end a <script> element or start an HTML comment, and the two line separators
# older JavaScript parsers refuse in a string, as JSON escapes.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of the character, or byte, at `offset` in `text`."""
    if isinstance(text, bytes):
        return line_column(text[:offset].decode("latin-1"), offset)
    before = text[:offset]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def did_you_mean(word: str, choices: Iterable[str], fallback: str | None = None) -> str:
    """The hint an editor's message carries: ` (did you mean 'x'?)` with the choice closest to `word`
    (else `fallback`), or nothing when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    guess = close[0] if close else fallback
    return f" (did you mean {guess!r}?)" if guess else ""


def fill(template: str, **values: object) -> str:
    """A label's {placeholders} filled, as plain text (escaped later, where it reaches HTML); a
    placeholder with no value stays as it is."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> element (`<`, `>`, `&`, U+2028 and U+2029 escaped);
    sorted keys keep builds byte-identical."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(
        _SCRIPT_SAFE
    )
