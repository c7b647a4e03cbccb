"""Post-build publishing, the same for every builder: files a static host needs beside the pages.

MkDocs runs `publish` from the plugin's last `on_post_build` (so `mkdocs build`, `mkdocs serve` and
`python -m generator build` all get it); the Zensical builder runs it on Zensical's output before the
swap. Each step gets a `Release` and adds or changes files in it:

- `_headers` (Netlify / Cloudflare Pages format) with a strict Content-Security-Policy: scripts only
  from the site itself plus the SHA-256 hashes of the theme's inline scripts, no `unsafe-inline`,
  no `unsafe-eval`, no inline styles, and no framing (`frame-ancestors 'none'`), except on the embed
  page, whose own block drops that policy and sends the same one with the sites allowed to frame it
  (the page names them in a meta tag, from site.yaml).
- `csp-hashes.txt`: the same hashes, each with the pages it appears on, for review and the README.
- `robots.txt` pointing at the sitemap, and the sitemap without the pages that ask not to be indexed
  (the embed page).
- a social card (PNG) for every page, drawn by `social_cards.py`.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin

from .docs_folder import WORK
from .social_cards import write_cards

# <script> types a browser runs; anything else (application/json, application/ld+json) is a data
# block that is never executed, so script-src does not apply to it.
JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "application/x-javascript",
    "text/jscript",
}

POLICY = (
    ("default-src", ["'self'"]),
    ("script-src", ["'self'"]),  # + hashes
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("frame-ancestors", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
)

OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The exact text of every executable inline <script> of one page (a script's text ends at the
    first </script>, so a pattern finds it as surely as a parser, and several times faster)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group(1)
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in JS_TYPES:
            found.append(match.group(2))
    return found


def sha256_source(text: str) -> str:
    """The CSP source expression for an inline script's text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(site: Path) -> dict[str, list[str]]:
    """{hash source: [pages that carry it]} over every HTML file of the site, sorted."""
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for text in inline_scripts(page.read_text(encoding="utf-8")):
            found.setdefault(sha256_source(text), set()).add(page.relative_to(site).as_posix())
    return {key: sorted(pages) for key, pages in sorted(found.items())}


# A stylesheet that a theme script puts into the page as a constant: `…("style",{},NAME.toString())`
# with `NAME='…css…'` in the same bundle (Zensical's search dialog does this in its shadow root).
_STYLE_USE = re.compile(r'\(\s*"style"\s*,\s*\{\s*\}\s*,\s*([\w$]+)\.toString\(\)\s*\)')


def _literal(js: str, name: str) -> str | None:
    """The text of the string literal first assigned to `name`; None if absent or with escapes
    (those would need a JS parser; none so far)."""
    found = re.search(r"(?<![\w$.])" + re.escape(name) + r"""\s*=\s*(['"`])""", js)
    if found is None:
        return None
    end = js.find(found.group(1), found.end())
    text = js[found.end() : end]
    return None if end < 0 or "\\" in text else text


def script_style_hashes(site: Path) -> dict[str, list[str]]:
    """{hash source: [scripts]} of the constant stylesheets the theme's page scripts insert (the
    bundles in assets/javascripts/; search workers and language packs below it touch no page)."""
    found: dict[str, set[str]] = {}
    for script in sorted((site / "assets" / "javascripts").glob("*.js")):
        js = script.read_text(encoding="utf-8", errors="replace")
        for name in set(_STYLE_USE.findall(js)):
            text = _literal(js, name)
            if text is not None:
                found.setdefault(sha256_source(text), set()).add(script.relative_to(site).as_posix())
    return {key: sorted(files) for key, files in sorted(found.items())}


def content_security_policy(
    hashes: list[str], style_hashes: Sequence[str] = (), ancestors: Sequence[str] = ("'none'",)
) -> str:
    """The policy; `ancestors` replaces frame-ancestors (only the embed page may be framed)."""
    parts = []
    for directive, sources in POLICY:
        if directive == "style-src":
            sources = sources + sorted(style_hashes)
        if directive == "script-src":
            sources = sources + sorted(hashes)
        if directive == "frame-ancestors":
            sources = list(ancestors)
        parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


# Netlify and Cloudflare Pages apply every rule whose path matches, in the file's order. Cloudflare
# joins two values of one header with a comma, which for CSP means two policies, both enforced: the
# site-wide frame-ancestors 'none' would still refuse the embed page. So its block first detaches the
# site-wide policy ("! Name", Cloudflare's syntax; Netlify's parser skips a line without a colon, and
# a later rule's value replaces an earlier one there), then sends its own. See README, "Publishing".
FRAMED_NOTE = (
    "# A page other sites may frame (the embed page): the policy above is dropped (!) and sent again\n"
    "# with the sites allowed to frame it. Keep this block after the /* block."
)


def headers_file(policy: str, framed: Sequence[tuple[str, str]] = ()) -> str:
    """`_headers`: every path gets `policy`; `framed` holds (path rule, policy) for the pages that may
    be framed."""
    lines = ["/*", f"  Content-Security-Policy: {policy}"]
    lines += [f"  {key}: {value}" for key, value in OTHER_HEADERS.items()]
    for path, own in framed:
        lines += ["", FRAMED_NOTE, path, "  ! Content-Security-Policy", f"  Content-Security-Policy: {own}"]
    return "\n".join(lines) + "\n"


# The embed page names the sites that may frame it (overrides/hdt-embed.html, from site.yaml).
_FRAMED = re.compile(r'<meta name="hdt-frame-ancestors" content="([^"]*)"')
_ANCESTOR = re.compile(r"\*|'self'|https?://[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]{1,5})?")


def framed_pages(site: Path) -> dict[str, list[str]]:
    """{path rule: frame-ancestors sources} of every page that may be framed, from the built pages."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        meta = _FRAMED.search(page.read_text(encoding="utf-8"))
        if meta is None:
            continue
        sources = html.unescape(meta.group(1)).split()
        bad = [s for s in sources if not _ANCESTOR.fullmatch(s)]
        if bad or not sources:
            raise ValueError(f"{page}: frame-ancestors {bad or sources!r}; expected *, 'self' or origins")
        url = "/" + page.relative_to(site).as_posix()
        found[url.removesuffix("index.html") + "*" if url.endswith("/index.html") else url] = sources
    return found


@dataclass(frozen=True)
class HeaderRule:
    """One block of a `_headers` file: a path pattern, the headers it sets, the ones it detaches (!)."""

    path: str
    set: tuple[tuple[str, str], ...] = ()
    unset: tuple[str, ...] = ()

    def matches(self, path: str) -> bool:
        """`*` matches anything (slashes too), `:name` one path segment, as on Netlify and Cloudflare."""
        parts = re.split(r"(\*|:\w+)", self.path)
        pattern = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
        return re.fullmatch(pattern, path) is not None


def header_rules(text: str) -> list[HeaderRule]:
    """The blocks of a `_headers` file, in order; comments and blank lines left out."""
    rules: list[HeaderRule] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not raw[0].isspace():
            rules.append(HeaderRule(line))
        elif line.startswith("!"):
            rules[-1] = dataclasses.replace(rules[-1], unset=(*rules[-1].unset, line[1:].strip()))
        elif ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            rules[-1] = dataclasses.replace(rules[-1], set=(*rules[-1].set, (key, value)))
    return rules


def headers_for(rules: list[HeaderRule], path: str) -> dict[str, str]:
    """The headers sent for a URL path, as Cloudflare Pages documents it (the strictest of the two
    hosts): every matching rule in order; "!" removes a header earlier rules set; a header set again
    is joined to the earlier value with ", "."""
    sent: dict[str, str] = {}
    for rule in rules:
        if not rule.matches(path):
            continue
        for key in rule.unset:
            sent = {k: v for k, v in sent.items() if k.lower() != key.lower()}
        for key, value in rule.set:
            old = next((k for k in sent if k.lower() == key.lower()), None)
            sent[old or key] = f"{sent[old]}, {value}" if old else value
    return sent


def _hashes_report(hashes: dict[str, list[str]], style_hashes: dict[str, list[str]] | None = None) -> str:
    lines = ["# SHA-256 of every inline script the site runs (script-src in _headers)."]
    for key, pages in hashes.items():
        lines.append(f"{key}  {len(pages)} page(s): {', '.join(pages[:3])}{' …' if len(pages) > 3 else ''}")
    if style_hashes:
        lines.append("# SHA-256 of each stylesheet the theme's scripts insert (style-src in _headers).")
        lines += [f"{key}  from {', '.join(files)}" for key, files in style_hashes.items()]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Release:
    """A freshly built site folder, before it is swapped in or served."""

    site: Path  # the built pages
    site_url: str  # where it will be published ("" if unknown)
    root: Path  # the project folder: the social cards are cached under its build/ (kept between builds)


def csp_headers(release: Release) -> None:
    """`_headers` with the policy for this build's inline scripts, and `csp-hashes.txt`."""
    hashes = inline_script_hashes(release.site)
    styles = script_style_hashes(release.site)
    policy = content_security_policy(list(hashes), list(styles))
    framed = [
        (path, content_security_policy(list(hashes), list(styles), ancestors))
        for path, ancestors in framed_pages(release.site).items()
    ]
    (release.site / "_headers").write_text(headers_file(policy, framed), encoding="utf-8")
    (release.site / "csp-hashes.txt").write_text(_hashes_report(hashes, styles), encoding="utf-8")


def robots_txt(release: Release) -> None:
    robots = "User-agent: *\nAllow: /\n"
    if release.site_url:
        robots += f"Sitemap: {release.site_url.rstrip('/')}/sitemap.xml\n"
    (release.site / "robots.txt").write_text(robots, encoding="utf-8")


_NOINDEX = re.compile(r"""<meta\s+name=["']robots["']\s+content=["'][^"']*\bnoindex""", re.IGNORECASE)
_SITEMAP_URL = re.compile(r"\s*<url>.*?<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def sitemap_of_indexed_pages(release: Release) -> None:
    """The sitemap lists what search engines should show: a page marked `noindex` (the embed page,
    which is the tool alone for other sites' frames) leaves `sitemap.xml` and `sitemap.xml.gz`, so the
    two signals never disagree. The gzip copy keeps the builder's timestamp (SOURCE_DATE_EPOCH)."""
    sitemap = release.site / "sitemap.xml"
    if not sitemap.exists():
        return
    hidden = set()
    for page in release.site.rglob("*.html"):
        if _NOINDEX.search(page.read_text(encoding="utf-8")):
            rel = page.relative_to(release.site).as_posix()
            hidden.add("/" + rel.removesuffix("index.html"))
    text = sitemap.read_text(encoding="utf-8")
    kept = _SITEMAP_URL.sub(
        lambda m: "" if any(urlsplit(m.group(1).strip()).path.endswith(h) for h in hidden) else m.group(0),
        text,
    )
    if kept == text:
        return
    sitemap.write_text(kept, encoding="utf-8")
    packed = release.site / "sitemap.xml.gz"
    if packed.exists():
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        with (
            packed.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, filename=str(packed), mode="wb", mtime=mtime) as out,
        ):
            out.write(kept.encode("utf-8"))


# The guide's own scripts and styles (not the vendored ones beside them), served without comments.
OWN_ASSETS = "assets/hdt"


def minify(text: str, suffix: str) -> str:
    """A script or stylesheet as served: comments and needless whitespace gone (rjsmin, rcssmin),
    so the source keeps its comments and readers download only the code."""
    if suffix == ".js":
        return rjsmin.jsmin(text)
    return rcssmin.cssmin(text)


def minified_assets(release: Release) -> None:
    """Every .js and .css file of the guide's own under assets/hdt/, minified in place."""
    for path in sorted((release.site / OWN_ASSETS).glob("*")):
        if path.suffix in (".js", ".css"):
            path.write_text(minify(path.read_text(encoding="utf-8"), path.suffix), encoding="utf-8")


def social_cards(release: Release) -> None:
    """A 1200 x 630 Open Graph image per page (the pages name it in their meta tags); cards whose
    words did not change since the last build are taken from build/cards/."""
    write_cards(release.site, release.site_url, release.root / WORK / "cards")


# The post-build steps, in order. A step that writes or changes HTML (pages, inline scripts) must
# come before `csp_headers`, which hashes the final inline scripts; files beside the pages (images,
# text) can go anywhere.
STEPS: list[Callable[[Release], None]] = [
    minified_assets,
    robots_txt,
    sitemap_of_indexed_pages,
    social_cards,
    csp_headers,
]


def publish(release: Release) -> None:
    """Run every post-build step on the built site folder."""
    for step in STEPS:
        step(release)
