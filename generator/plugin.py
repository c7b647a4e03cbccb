"""The MkDocs adapter: generated pages as in-memory files, nav from content, reload on YAML edits."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .errors import ContentError
from .metadata import page_metadata
from .model import Guide, Page
from .pipeline import Build, run

log = logging.getLogger("mkdocs.plugins." + __name__)


class GuideConfig(Config):
    root = c.Type(str, default="")


class GuidePlugin(BasePlugin[GuideConfig]):
    """Adds the guide's generated pages to a MkDocs build."""

    def __init__(self) -> None:
        self.build: Build | None = None
        self.files = Files([])
        self.records: dict[str, Page] = {}
        self.paths: dict[str, str] = {}

    def _root(self, config: Any) -> Path:
        base = Path(config.config_file_path).parent
        return base / self.config.root if self.config.root else base

    def on_config(self, config: Any) -> Any:
        try:
            self.build = run(self._root(config))
        except ContentError as error:
            raise PluginError(f"content/ has problems:\n{error}") from None
        guide = self.build.guide
        config.site_name = html.escape(guide.site.name)
        # the theme prints these raw, some inside attributes: escape quotes too
        config.site_description = html.escape(guide.site.description)
        config.site_author = html.escape(guide.site.author)
        config.copyright = html.escape(guide.site.copyright)
        config.nav = _nav(guide)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.build is not None
        kept = Files([f for f in files if not f.src_uri.endswith(".md")])
        hidden = {p.path for p in self.build.guide.pages.pages if not p.in_nav}
        for path, text in self.build.pages.items():
            inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
            kept.append(File.generated(config, path, content=text, inclusion=inclusion))
        self.files = kept
        self.records = {p.path: p for p in self.build.guide.pages.pages}
        self.paths = {p.id: p.path for p in self.build.guide.pages.pages}
        return kept

    def on_page_context(self, context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
        assert self.build is not None
        record = self.records.get(page.file.src_uri)
        if record is not None:
            context["hdt_meta"] = page_metadata(self.build.guide, record, page.canonical_url)
        if page.meta.get("hdt_tool"):

            def url_for(page_id: str) -> str:
                return get_relative_url(self.files.get_file_from_path(self.paths[page_id]).url, page.url)

            context["hdt_data"] = self.build.widget(url_for)
        return context

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self._root(config) / "content"))
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


def _nav(guide: Guide) -> list[Any]:
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in guide.pages.pages:
        if not page.in_nav:
            continue
        entry = {html.escape(page.nav): page.path}
        if page.section:
            if page.section not in sections:
                sections[page.section] = []
                nav.append({html.escape(page.section): sections[page.section]})
            sections[page.section].append(entry)
        else:
            nav.append(entry)
    return nav
