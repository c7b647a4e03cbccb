"""Live preview with either builder, rebuilt on every edit under content/.

MkDocs: `mkdocs serve` (the plugin watches content/). Zensical watches its docs folder and config, so
this process watches content/ and rewrites the generated docs folder and config when the content
changes; a broken edit prints its problems and the preview keeps the last good pages.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from ..errors import ContentError
from ..pipeline import content_fingerprint, run
from ..site.builders import zensical_command, zensical_env
from ..site.docs_folder import WORK, write_docs, zensical_config

POLL_SECONDS = 0.5


def serve(root: Path, builder: str, address: str) -> int:
    """Serve until interrupted; returns the server's exit status."""
    root = Path(root).resolve()
    if builder == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(root / "mkdocs.yml")]
        return subprocess.call([*command, "--dev-addr", address], cwd=root)
    config = root / WORK / "zensical-serve.yml"
    _regenerate(root, config)
    server = subprocess.Popen(
        zensical_command(config, "serve", "--dev-addr", address), cwd=config.parent, env=zensical_env(False)
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopping this process stops Zensical too
    try:
        _watch(root, config, server)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return server.returncode or 0


def _regenerate(root: Path, config: Path) -> None:
    build = run(root)
    write_docs(root, build)
    text = zensical_config(root, build, "serve-site")
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")


def _watch(root: Path, config: Path, server: subprocess.Popen[bytes]) -> None:
    seen = content_fingerprint(root)
    while server.poll() is None:
        time.sleep(POLL_SECONDS)
        now = content_fingerprint(root)
        if now == seen:
            continue
        seen = now
        try:
            _regenerate(root, config)
        except ContentError as error:
            print(
                f"{error}\nthe preview keeps the last good pages; fix the problem and save", file=sys.stderr
            )
