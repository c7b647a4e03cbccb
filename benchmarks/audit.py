"""Lighthouse audit of the built site: home, comparison and decision tool, mobile and desktop.

    python benchmarks/audit.py [--runs N] [--pages home,comparison,decision-tool]

Lighthouse's mobile performance score moves by several points from run to run on the same build
(its simulated blocking time depends on whether Material's script ran before or after the first
paint in the observed load), so the score is the median of N runs (default 5) and every run's score
is printed beside it.

Builds the site as it would be published on its own domain (site_url = the loopback server, so the
canonical URLs and sitemap match the host), serves it with the headers from the build's `_headers`
(the Content-Security-Policy included) with gzip as any static host does, runs Lighthouse 12 from node_modules with system Chromium,
and prints the four category scores per page and preset (the median over N runs). Needs
`scripts/setup.sh --tests` (npm ci). Results land in benchmarks/results/lighthouse-*.json.
Targets: accessibility, best practices and SEO 100; performance >= 95 on mobile, 100 on desktop.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site import build_site  # noqa: E402
from tests.helpers import free_port, parse_headers_file  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"home": "", "comparison": "comparison/", "decision-tool": "decision-tool/"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking --disable-component-update"
TARGET = {"mobile": {"performance": 95}, "desktop": {"performance": 100}}


def build_for(url: str, work: Path) -> Path:
    """Build a copy of the project whose site_url is `url`."""
    project = work / "project"
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [f"site_url: {url}" if line.startswith("site_url:") else line for line in config.splitlines()]
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return build_site(project, work / "site")


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def serve(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve like a static host: HTTP/1.1 keep-alive, gzip for text, the build's `_headers`."""
    headers = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", self.path.split("?")[0] + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = path / "index.html"
            if not path.is_file():
                path, status = site / "404.html", 404
            else:
                status = 200
            body = path.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, 6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int]:
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def shortfalls(report: dict) -> list[str]:
    """The audits that cost points, for the categories that are not at 100."""
    found = []
    for category in CATEGORIES:
        data = report["categories"][category]
        if (data["score"] or 0) >= 1:
            continue
        for ref in data["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(
                    f"{category}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}"
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page and preset (median)")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run scripts/setup.sh --tests", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    results_dir = ROOT / "benchmarks" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    failed = False
    with tempfile.TemporaryDirectory(prefix="hdt-audit-") as tmp:
        site = build_for(base, Path(tmp))
        server = serve(site, port)
        try:
            print(f"{'page':<15}{'preset':<9}" + "".join(f"{c:>16}" for c in CATEGORIES))
            for name in args.pages.split(","):
                for preset in ("mobile", "desktop"):
                    runs = []
                    for run in range(args.runs):
                        out = results_dir / f"lighthouse-{name}-{preset}-{run}.json"
                        runs.append(lighthouse(base + PAGES[name], preset, out))
                    median = {c: int(statistics.median(scores(r)[c] for r in runs)) for c in CATEGORIES}
                    print(f"{name:<15}{preset:<9}" + "".join(f"{median[c]:>16}" for c in CATEGORIES), end="")
                    perf = sorted(scores(r)["performance"] for r in runs)
                    print(f"   performance per run: {', '.join(map(str, perf))}" if len(runs) > 1 else "")
                    want = {"accessibility": 100, "best-practices": 100, "seo": 100, **TARGET[preset]}
                    if any(median[c] < want[c] for c in want):
                        failed = True
                        for line in shortfalls(runs[-1]):
                            print(f"    {line}")
        finally:
            server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
