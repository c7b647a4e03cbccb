"""The MkDocs adapter: writes the generated docs folder and builds from it, nav and site strings from
content, post-build publishing at the very end, reload on content edits.

Zensical runs no MkDocs plugins; it reads the same generated folder through the config that
`generator/site/builders.py` writes, so nothing a reader sees may depend on a hook here beyond what that
config also carries (docs folder, nav, site strings) and `publish`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from ..errors import ContentError
from ..pipeline import run
from .docs_folder import hidden_pages, nav, site_strings, write_docs
from .publish import Release, publish

log = logging.getLogger("mkdocs.plugins." + __name__)


class GuideConfig(Config):
    root = c.Type(str, default="")


class GuidePlugin(BasePlugin[GuideConfig]):
    """Builds the guide's generated pages with MkDocs."""

    def __init__(self) -> None:
        self.hidden: set[str] = set()

    def _root(self, config: Any) -> Path:
        base = Path(config.config_file_path).parent
        return base / self.config.root if self.config.root else base

    # after the offline plugin has switched directory URLs off, since links depend on them
    @event_priority(-50)
    def on_config(self, config: Any) -> Any:
        root = self._root(config)
        try:
            build = run(root)
        except ContentError as error:
            raise PluginError(f"content/ has problems:\n{error}") from None
        config.docs_dir = str(write_docs(root, build, config.use_directory_urls))
        for key, value in site_strings(build.guide).items():
            config[key] = value
        config.nav = nav(build.guide)
        self.hidden = set(hidden_pages(build.guide))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for file in files:
            if file.src_uri in self.hidden:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    # last, after the theme's own post-build work (search index, offline bundle)
    @event_priority(-1000)
    def on_post_build(self, config: Any) -> None:
        publish(Release(Path(config.site_dir), str(config.site_url or ""), self._root(config)))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self._root(config) / "content"))
        # docs_dir (build/docs) holds the pages this plugin writes from content/ during a build: a
        # change there is never an editor's, and watching it made every edit build the site twice.
        with contextlib.suppress(KeyError):
            server.unwatch(config.docs_dir)
        server.builder = _keep_last_good(builder)
        return server


def _keep_last_good(builder: Callable[..., None]) -> Callable[..., None]:
    """A rebuild that fails on content errors keeps serving the last good site instead of hanging.

    MkDocs' server holds every page request while the newest build is unfinished, so one broken
    edit would stall the preview. Content errors are raised in `on_config`, before anything is
    written, so the site folder still holds the last good build; the error is already logged.
    """

    def build(config: Any = None) -> None:
        try:
            builder(config)
        except Abort:
            log.error("the preview keeps the last good build; fix the problem above and save to rebuild")

    return build
