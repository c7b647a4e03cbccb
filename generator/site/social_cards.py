"""Social cards: a 1200 × 630 PNG per page (title, description, site name) drawn offline with Pillow.

`card` is pure (words in, PNG bytes out, the same bytes every time); `write_cards` is the publishing
step: it reads each built page's Open Graph tags and writes the image its `og:image` names."""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 80
# The guide's palette (overrides/assets/hdt/guide.css): deep teal, warm accent, light text.
BACKGROUND = (29, 91, 87)
ACCENT = (242, 166, 110)
TEXT = (255, 255, 255)
MUTED = (214, 234, 231)

_META = re.compile(r'<meta\s+property="og:(\w+(?::\w+)?)"\s+content="([^"]*)"', re.IGNORECASE)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int
) -> list[str]:
    """Words broken into at most `lines` lines that fit `width`; an ellipsis marks a cut."""
    out: list[str] = []
    for word in text.split():
        if out and draw.textlength(f"{out[-1]} {word}", font=font) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(".,;:") + "…"
    return out


def _mark(corners: ImageDraw.ImageDraw, head: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The guide's logo: a viewfinder's corners (drawn on `corners`) around a head and shoulders."""
    s = size / 24
    lines = [
        [(3, 7), (3, 3), (7, 3)],
        [(17, 3), (21, 3), (21, 7)],
        [(21, 17), (21, 21), (17, 21)],
        [(7, 21), (3, 21), (3, 17)],
    ]
    width = max(2, round(1.8 * s))
    for line in lines:
        corners.line([(x + a * s, y + b * s) for a, b in line], fill=255, width=width, joint="curve")
    head.ellipse([x + 8.6 * s, y + 6.4 * s, x + 15.4 * s, y + 13.2 * s], outline=255, width=width)
    head.arc([x + 6.5 * s, y + 14.5 * s, x + 17.5 * s, y + 25 * s], 200, 340, fill=255, width=width)


# The card has one background and three inks. Each ink is drawn as a gray coverage mask (Pillow's
# anti-aliased text), and each mask's coverage becomes one of LEVELS blends of that ink over the
# background: a palette PNG of 1 + 3 × 16 colors, a third of the bytes of an RGB one and four times
# quicker to encode, which looks the same.
INKS = (ACCENT, TEXT, MUTED)
LEVELS = 16


def _palette() -> list[int]:
    colors = [BACKGROUND]
    for ink in INKS:
        for k in range(1, LEVELS + 1):
            colors.append(
                tuple(round(b + (i - b) * k / LEVELS) for b, i in zip(BACKGROUND, ink, strict=True))
            )
    return [channel for color in colors for channel in color]


PALETTE = _palette()


def card(title: str, description: str, site_name: str) -> bytes:
    """The page's social card as PNG bytes (no metadata chunks, so equal words give equal bytes)."""
    masks = {ink: Image.new("L", SIZE, 0) for ink in INKS}
    ink = {color: ImageDraw.Draw(mask) for color, mask in masks.items()}
    text_width = SIZE[0] - 2 * MARGIN - 200
    name_font = ImageFont.load_default(size=34)
    title_font = ImageFont.load_default(size=64)
    body_font = ImageFont.load_default(size=32)
    ink[ACCENT].text((MARGIN, MARGIN), site_name, font=name_font, fill=255)
    y = MARGIN + 90
    for line in _wrap(ink[TEXT], title, title_font, text_width, 3):
        ink[TEXT].text((MARGIN, y), line, font=title_font, fill=255)
        y += 78
    y += 24
    for line in _wrap(ink[MUTED], description, body_font, text_width, 3):
        ink[MUTED].text((MARGIN, y), line, font=body_font, fill=255)
        y += 44
    ink[ACCENT].rectangle([0, SIZE[1] - 16, SIZE[0], SIZE[1]], fill=255)
    _mark(ink[ACCENT], ink[TEXT], SIZE[0] - MARGIN - 160, MARGIN, 160)
    image = Image.new("P", SIZE, 0)
    image.putpalette(PALETTE)
    for n, color in enumerate(INKS):
        first = 1 + n * LEVELS  # this ink's lightest blend; coverage 255 is the ink itself
        index = masks[color].point([0] + [first + v * LEVELS // 256 for v in range(1, 256)])
        image.paste(index, mask=masks[color].point([0] + [255] * 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


Draw = Callable[[str, str, str], bytes]  # (title, description, site name) -> PNG


def page_card(page_html: str, site_url: str, draw: Draw = card) -> tuple[str, bytes] | None:
    """(path of the card under the site, its PNG) for a built page with an og:image, else None."""
    meta = {key: html.unescape(value) for key, value in _META.findall(page_html)}
    url = meta.get("image", "")
    base = site_url.rstrip("/") + "/"
    if not url.startswith(base) or "title" not in meta:
        return None
    png = draw(meta["title"], meta.get("description", ""), meta.get("site_name", ""))
    return url[len(base) :], png


# What a card's bytes depend on besides its words: this file's drawing code and the Pillow running it.
RENDERER = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).hexdigest()[:16]


class CardCache:
    """Cards drawn by earlier builds, filed by their words: a rebuild draws only the cards whose
    title, description or site name changed (the same bytes either way). `prune` drops the cards no
    page used this time, so the folder holds one build's cards."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.used: set[str] = set()

    def __call__(self, title: str, description: str, site_name: str) -> bytes:
        key = hashlib.sha256("\0".join([RENDERER, title, description, site_name]).encode()).hexdigest()
        name = key[:32] + ".png"
        self.used.add(name)
        path = self.folder / name
        if path.is_file():
            return path.read_bytes()
        png = card(title, description, site_name)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(png)
        partial.replace(path)  # whole or absent, never half written
        return png

    def prune(self) -> None:
        for path in self.folder.glob("*.png"):
            if path.name not in self.used:
                path.unlink()


def write_cards(site: Path, site_url: str, cache: Path | None = None) -> list[str]:
    """Write the card every built page names in its og:image; the paths written, sorted. With a
    `cache` folder, cards drawn by an earlier build with the same words are reused."""
    cached = CardCache(cache) if cache else None
    written: dict[str, bytes] = {}
    for page in sorted(Path(site).rglob("*.html")):
        found = page_card(page.read_text(encoding="utf-8"), site_url, cached or card)
        if found:
            written[found[0]] = found[1]
    for path, png in written.items():
        target = Path(site) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    if cached:
        cached.prune()
    return sorted(written)
