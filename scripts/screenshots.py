"""Screenshots of built pages at desktop and phone widths, light and dark, for a human to look at.

Usage: python scripts/screenshots.py SITE_DIR OUT_DIR [page-path ...] [--dark]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from helpers import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    site, out = Path(args[0]), Path(args[1])
    paths = args[2:] or ["", "comparison/", "scenarios/", "decision-tool/"]
    schemes = ["dark"] if "--dark" in sys.argv else ["light"]
    if "--both" in sys.argv:
        schemes = ["light", "dark"]
    out.mkdir(parents=True, exist_ok=True)
    url, server = serve(site)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for scheme in schemes:
            for width in (1280, 390):
                context = browser.new_context(
                    viewport={"width": width, "height": 900},
                    color_scheme=scheme,  # type: ignore[arg-type]
                )
                tab = context.new_page()
                for path in paths:
                    tab.goto(url + path)
                    tab.wait_for_load_state("networkidle")
                    name = path.strip("/").replace("/", "-").split("?")[0] or "home"
                    tab.screenshot(path=str(out / f"{name}-{width}-{scheme}.png"), full_page=True)
                context.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
