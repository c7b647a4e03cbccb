"""The builders: MkDocs (in-process, with the plugin) and Zensical (its own process), each building the
guide into a given empty folder and running the same post-build publishing. `swap.py` stages and swaps.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..pipeline import run
from .docs_folder import WORK, write_docs, zensical_config
from .publish import Release, publish

BUILDERS = ("mkdocs", "zensical")


class BuildFailed(Exception):
    """The builder refused to build; the message says why."""


def build_with(builder: str, root: Path, out: Path, *, strict: bool = True, offline: bool = False) -> None:
    """Build the guide under `root` into the empty folder `out` with `builder`. Raises BuildFailed."""
    if builder not in BUILDERS:
        raise BuildFailed(f"unknown builder {builder!r}; expected one of {', '.join(BUILDERS)}")
    build: Callable[..., None] = mkdocs_build if builder == "mkdocs" else zensical_build
    build(Path(root), Path(out), strict=strict, offline=offline)


# --- MkDocs -------------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def _template_failure(error: Exception) -> str:
    """A theme template error with its place, as a template author needs it."""
    import jinja2

    where = ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name or 'template'}:{error.lineno}: "
    message = getattr(error, "message", None)
    return f"{where}{type(error).__name__}: {message or error}"


def mkdocs_build(root: Path, out: Path, *, strict: bool = True, offline: bool = False) -> None:
    """MkDocs with mkdocs.yml into `out`; the plugin writes the docs folder and publishes."""
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=strict)
        if offline:
            config.plugins["material/offline"].config.enabled = True
        build(config)
        if strict and collect.records:
            raise BuildFailed("\n".join(collect.records))
    except (Abort, ConfigurationError, PluginError) as error:
        raise BuildFailed("\n".join([*collect.records, str(error)])) from None
    except jinja2.TemplateError as error:
        raise BuildFailed(_template_failure(error)) from error
    finally:
        logger.removeHandler(collect)


# --- Zensical -----------------------------------------------------------------------------------


def zensical_command(config: Path, command: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "zensical", command, "--config-file", str(config), *options]


def zensical_env(offline: bool) -> dict[str, str]:
    """The environment for the Zensical process (ours is left as it is)."""
    env = dict(os.environ)
    if offline:
        env["HDT_OFFLINE"] = "true"  # mkdocs.yml: offline plugin enabled: !ENV [HDT_OFFLINE, false]
    return env


def zensical_build(root: Path, out: Path, *, strict: bool = True, offline: bool = False) -> None:
    """Zensical with mkdocs.yml (through a generated config in build/) into `out`, then publishing.

    Zensical writes only inside the folder of its config, so it builds into build/ and the result
    moves to `out`."""
    build = run(root)
    write_docs(root, build, not offline)
    work = root / WORK
    staging = Path(tempfile.mkdtemp(prefix=".zensical-site-", dir=work))
    config = staging.with_suffix(".yml")
    config.write_text(zensical_config(root, build, staging.name, not offline), encoding="utf-8")
    try:
        done = subprocess.run(
            zensical_command(config, "build", *(["--strict"] if strict else [])),
            cwd=work,
            env=zensical_env(offline),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BuildFailed(f"zensical build failed:\n{done.stderr.strip() or done.stdout.strip()}")
        publish(Release(staging, build.guide.site.url, root))
        out.rmdir()
        shutil.move(staging, out)
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
