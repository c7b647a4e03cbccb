"""Post-build publishing, the same for every builder: its steps and the stylesheet hashes."""

from __future__ import annotations

from pathlib import Path

from helpers import parse_headers_file

from generator.site import STEPS, Release, csp_headers, publish, sha256_source


def _site(tmp_path: Path, bundle: str) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.js").write_text(bundle, encoding="utf-8")
    (site / "index.html").write_text("<html><script>go()</script></html>", encoding="utf-8")
    return site


def test_a_stylesheet_the_theme_script_inserts_is_allowed_by_its_hash(tmp_path: Path) -> None:
    site = _site(tmp_path, "var a=1,Tc='.x{color:red}';o.appendChild(C(\"style\",{},Tc.toString()));")
    publish(Release(site, "https://example.org/", tmp_path))
    policy = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))["Content-Security-Policy"]
    style_src = next(d for d in policy.split("; ") if d.startswith("style-src"))
    assert style_src == f"style-src 'self' {sha256_source('.x{color:red}')}"
    assert sha256_source("go()") in policy
    assert (
        (site / "robots.txt")
        .read_text(encoding="utf-8")
        .endswith("Sitemap: https://example.org/sitemap.xml\n")
    )


def test_a_stylesheet_with_escapes_is_not_guessed(tmp_path: Path) -> None:
    site = _site(tmp_path, "Tc='.x{content:\\'a\\'}';o.appendChild(C(\"style\",{},Tc.toString()));")
    csp_headers(Release(site, "", tmp_path))
    policy = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))["Content-Security-Policy"]
    assert "style-src 'self';" in policy


def test_the_policy_is_written_last_after_any_step_that_changes_pages() -> None:
    assert STEPS[-1] is csp_headers
