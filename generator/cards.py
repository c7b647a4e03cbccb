"""Social cards: a 1200 × 630 PNG per page (title, description, site name) drawn offline with Pillow.

`card` is pure (words in, PNG bytes out, the same bytes every time); `write_cards` is the publishing
step: it reads each built page's Open Graph tags and writes the image its `og:image` names."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

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


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The guide's logo: a viewfinder's corners around a head and shoulders."""
    s = size / 24
    corners = [
        [(3, 7), (3, 3), (7, 3)],
        [(17, 3), (21, 3), (21, 7)],
        [(21, 17), (21, 21), (17, 21)],
        [(7, 21), (3, 21), (3, 17)],
    ]
    width = max(2, round(1.8 * s))
    for corner in corners:
        draw.line([(x + a * s, y + b * s) for a, b in corner], fill=ACCENT, width=width, joint="curve")
    draw.ellipse([x + 8.6 * s, y + 6.4 * s, x + 15.4 * s, y + 13.2 * s], outline=TEXT, width=width)
    draw.arc([x + 6.5 * s, y + 14.5 * s, x + 17.5 * s, y + 25 * s], 200, 340, fill=TEXT, width=width)


def card(title: str, description: str, site_name: str) -> bytes:
    """The page's social card as PNG bytes (no metadata chunks, so equal words give equal bytes)."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    text_width = SIZE[0] - 2 * MARGIN - 200
    name_font = ImageFont.load_default(size=34)
    title_font = ImageFont.load_default(size=64)
    body_font = ImageFont.load_default(size=32)
    draw.text((MARGIN, MARGIN), site_name, font=name_font, fill=ACCENT)
    y = MARGIN + 90
    for line in _wrap(draw, title, title_font, text_width, 3):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += 78
    y += 24
    for line in _wrap(draw, description, body_font, text_width, 3):
        draw.text((MARGIN, y), line, font=body_font, fill=MUTED)
        y += 44
    draw.rectangle([0, SIZE[1] - 16, SIZE[0], SIZE[1]], fill=ACCENT)
    _mark(draw, SIZE[0] - MARGIN - 160, MARGIN, 160)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def page_card(page_html: str, site_url: str) -> tuple[str, bytes] | None:
    """(path of the card under the site, its PNG) for a built page with an og:image, else None."""
    meta = {key: html.unescape(value) for key, value in _META.findall(page_html)}
    url = meta.get("image", "")
    base = site_url.rstrip("/") + "/"
    if not url.startswith(base) or "title" not in meta:
        return None
    png = card(meta["title"], meta.get("description", ""), meta.get("site_name", ""))
    return url[len(base) :], png


def write_cards(site: Path, site_url: str) -> list[str]:
    """Write the card every built page names in its og:image; the paths written, sorted."""
    written: dict[str, bytes] = {}
    for page in sorted(Path(site).rglob("*.html")):
        found = page_card(page.read_text(encoding="utf-8"), site_url)
        if found:
            written[found[0]] = found[1]
    for path, png in written.items():
        target = Path(site) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    return sorted(written)
