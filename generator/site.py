"""Build the published site with MkDocs, atomically: a failed build leaves `site/` untouched."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .pipeline import run


class BuildFailed(Exception):
    """MkDocs refused to build; the message says why."""


def _template_failure(error: jinja2.TemplateError) -> str:
    """A theme template error with its place, as a template author needs it."""
    where = ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name or 'template'}:{error.lineno}: "
    return f"{where}{type(error).__name__}: {error.message or error}"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def build_site(
    root: Path, site_dir: Path | None = None, *, strict: bool = True, offline: bool = False
) -> Path:
    """Build into a fresh folder beside `site_dir`, then swap it in. Raises on any problem."""
    root = Path(root).resolve()
    run(root)  # content errors first, before anything is written; the plugin reuses the result
    target = Path(site_dir or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    previous = {k: os.environ.get(k) for k in ("HDT_OFFLINE", "HDT_DIRECTORY_URLS")}
    if offline:
        os.environ["HDT_OFFLINE"] = "true"
        os.environ["HDT_DIRECTORY_URLS"] = "false"
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
        if strict and collect.records:
            raise BuildFailed("\n".join(collect.records))
        from .publish import finish

        finish(staging, config)
    except (Abort, ConfigurationError, PluginError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed("\n".join([*collect.records, str(error)])) from None
    except jinja2.TemplateError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_template_failure(error)) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collect)
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target
