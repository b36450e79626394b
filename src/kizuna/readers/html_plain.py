"""Visible text of HTML by Python's own event-based parser, for pages lxml cannot hold.

libxml2 (under lxml, under trafilatura) stops building the tree past a fixed nesting depth, so
the text of a deeply nested page is silently lost (K084, "no text could be extracted"). The
standard library's :class:`html.parser.HTMLParser` keeps no tree and survives any depth: it
measures the nesting, and when that is past what lxml holds, gives the page's visible text
(blocks on their own lines; script, style and template content left out).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Past this nesting depth the page is read here rather than by trafilatura (libxml2 keeps 255).
MAX_TREE_DEPTH = 200

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe"}
_BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
          "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.max_depth = 0
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag in _VOID:
            return
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag in _HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(markup: str) -> tuple[str, int]:
    """(the visible text, the deepest nesting seen)."""
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip()
             for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), parser.max_depth
