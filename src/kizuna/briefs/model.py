"""What a brief is made of: sections of prose, tables and charts, every fact numbered against a
list of sources. Renderers (HTML, PDF) only lay this out; they never look anything up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """One entry of a brief's sources: a public citation, or a verbatim quote from a document
    kizuna has read (with the document's title and address)."""

    number: int
    publisher: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    quote: str | None = None
    document: str | None = None

    @property
    def text(self) -> str:
        if self.quote is not None:
            return f"“{self.quote}” — {self.document or 'an ingested document'}"
        parts = [p for p in (self.publisher, f"“{self.title}”" if self.title else None,
                             self.date) if p]
        return ", ".join(parts) or "unnamed source"


class Sources:
    """Numbers sources in order of first use; the same source cited twice keeps its number."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[Any, ...], Source] = {}

    def cite(self, collab: dict[str, Any]) -> list[int]:
        """The numbers of a collaboration's sources (its citations, else its quotes)."""
        numbers = []
        for c in [collab.get("citation"), *collab.get("also_cited", [])]:
            if c:
                numbers.append(self._add(("c", c.get("publisher"), c.get("title"), c.get("date"),
                                          c.get("url")),
                                         publisher=c.get("publisher"), title=c.get("title"),
                                         date=c.get("date"), url=c.get("url")))
        if not numbers:
            for ev in collab.get("evidence", [])[:2]:
                numbers.append(self._add(("q", ev.get("quote"), ev.get("address")),
                                         quote=ev.get("quote"),
                                         document=ev.get("doc_title") or ev.get("address"),
                                         url=ev.get("address")))
        return numbers

    def cite_text(self, *, publisher: str, title: str | None = None, date: str | None = None,
                  url: str | None = None) -> int:
        """A source that is not a collaboration's: a loaded list, a data set."""
        return self._add(("c", publisher, title, date, url), publisher=publisher, title=title,
                         date=date, url=url)

    def _add(self, key: tuple[Any, ...], **fields: Any) -> int:
        if key not in self._by_key:
            self._by_key[key] = Source(number=len(self._by_key) + 1, **fields)
        return self._by_key[key].number

    def all(self) -> list[Source]:
        return sorted(self._by_key.values(), key=lambda s: s.number)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Any]]
    # Column index holding source numbers (rendered as [1][2]), if any.
    cite_column: int | None = None
    caption: str | None = None
    # Column widths in percent: a long table laid out with these (CSS table-layout: fixed) is
    # not measured cell by cell first, which is most of its layout time in WeasyPrint.
    widths: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    chart: str | None = None  # SVG or HTML drawn on the server (WeasyPrint runs no JavaScript)
    tables: list[Table] = field(default_factory=list)
    note: str | None = None  # what is missing and why ("no lists loaded")


@dataclass(frozen=True)
class Brief:
    kind: str  # organization | technology | country
    id: str
    title: str
    subtitle: str
    sections: list[Section]
    sources: list[Source]
    footer: list[str]  # algorithm versions, data dates, when it was made
