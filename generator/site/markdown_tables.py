"""Markdown extension: each plain table sits in a named, focusable region that can scroll.

A table wider than the screen scrolls sideways; keyboard users can only scroll what they can focus,
and a screen reader needs the region's name. The name is the nearest heading before the table.
Tables that carry a class (their page styles them) are left alone. Column alignment becomes a
class instead of a style attribute, so the site needs no inline styles under its Content-Security-Policy.
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary"}
ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")


def _text(element: etree.Element, md: Markdown) -> str:
    """Plain text of an element, without the permalink anchor the toc extension adds."""
    element = copy.deepcopy(element)
    for parent in element.iter():
        for child in list(parent):
            if "headerlink" in (child.get("class") or ""):
                parent.remove(child)
    return " ".join(html.unescape(strip_tags(render_inner_html(element, md))).split())


class TableRegions(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.heading = ""
        self._walk(root)
        for cell in root.iter():
            match = ALIGN.match(cell.get("style") or "") if cell.tag in ("th", "td") else None
            if match:
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, [cell.get("class"), f"hdt-{match.group(1)}"])))

    def _walk(self, parent: etree.Element) -> None:
        for index, child in enumerate(list(parent)):
            if child.tag in HEADINGS:
                self.heading = _text(child, self.md)
            elif child.tag == "table" and not child.get("class"):
                self._wrap(parent, index, child)
            else:
                self._walk(child)

    def _wrap(self, parent: etree.Element, index: int, table: etree.Element) -> None:
        region = etree.Element("div", {"class": "hdt-table", "tabindex": "0", "role": "region"})
        name = self.heading or " ".join(_text(cell, self.md) for cell in table.iter("th"))
        if name:
            region.set("aria-label", name)
        region.tail, table.tail = table.tail, None
        parent.remove(table)
        region.append(table)
        parent.insert(index, region)


class TableRegionsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableRegions(md), "hdt_table_regions", 1)


def makeExtension(**kwargs: Any) -> TableRegionsExtension:
    return TableRegionsExtension(**kwargs)
