"""Assembling a brief: each kind (organization, technology, country) is a header plus the
sections registered for it, in order. A new analysis adds its part of a brief by registering a
section function here (``@section("technology", order=60)``) rather than by editing the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kizuna import __version__
from kizuna.briefs.model import Brief, Section, Sources
from kizuna.errors import E, KizunaError
from kizuna.filters import parse_years
from kizuna.store import Store

KINDS = ("organization", "technology", "country")
#: Rows of a collaboration table: a brief is read in a meeting; the full list is one command away.
MAX_ROWS = 40


def first_rows(items: list[dict[str, Any]], command: str
               ) -> tuple[list[dict[str, Any]], str | None]:
    """The first MAX_ROWS collaborations (the newest: they are listed newest first) and a note
    on the rest, naming the command that lists them all. Cut before citing, so the sources
    section holds only what the brief shows."""
    if len(items) <= MAX_ROWS:
        return items, None
    return items[:MAX_ROWS], (f"The {MAX_ROWS} newest of {len(items)} collaborations are "
                              f"listed; `{command}` lists them all.")


@dataclass
class Context:
    """What every section of one brief sees: the store, the subject, the year range, the
    shared numbering of sources, and lines for the footer."""

    store: Store
    kind: str
    subject: dict[str, Any]
    year_from: int | None
    year_to: int | None
    sources: Sources
    footer: list[str]
    # With --reviewed-only: the collaborations that are curated or confirmed by a reviewer.
    reviewed: frozenset[str] | None = None

    @cached_property
    def lists(self) -> list[dict[str, Any]]:
        """The restricted-party lists loaded in the store (read once per brief)."""
        from kizuna.screening.lists import loaded_lists

        return loaded_lists(self.store)

    @cached_property
    def matcher(self) -> Any | None:
        """The default matcher over those lists, or None when none are loaded."""
        from kizuna.briefs.screening import cached_matcher

        return cached_matcher(self.store, self.lists)

    def includes(self, collab: dict[str, Any]) -> bool:
        """Whether a collaboration is in this brief: in its years and, with --reviewed-only,
        reviewed."""
        if self.reviewed is not None and collab["id"] not in self.reviewed:
            return False
        year = collab.get("year")
        if year is None:
            return self.year_from is None and self.year_to is None
        return ((self.year_from is None or year >= self.year_from)
                and (self.year_to is None or year <= self.year_to))


SectionFn = Callable[[Context], Section | None]
Header = Callable[[Store, str], tuple[dict[str, Any], str, str]]
_SECTIONS: dict[str, list[tuple[int, SectionFn]]] = {k: [] for k in KINDS}
_HEADERS: dict[str, Header] = {}


def section(kind: str, order: int) -> Callable[[SectionFn], SectionFn]:
    """Register a section of ``kind`` briefs; lower ``order`` comes first. A function returns
    None when it has nothing to say (it is then left out)."""
    def register(fn: SectionFn) -> SectionFn:
        _SECTIONS[kind].append((order, fn))
        _SECTIONS[kind].sort(key=lambda pair: pair[0])
        return fn
    return register


def header(kind: str) -> Callable[[Header], Header]:
    """Register how a ``kind`` brief finds its subject: (subject, title, subtitle)."""
    def register(fn: Header) -> Header:
        _HEADERS[kind] = fn
        return fn
    return register


def build_brief(store: Store, kind: str, ident: str, years: str | None = None, *,
                reviewed_only: bool = False) -> Brief:
    """The brief on one organization, technology or country, from the store's current data."""
    # Importing the section modules registers their sections.
    from kizuna.briefs import analyses, country, organization, supply, technology  # noqa: F401

    if kind not in KINDS:
        raise KizunaError(E.BAD_FORMAT, value=kind, choices=", ".join(KINDS))
    year_from, year_to = parse_years(years)
    subject, title, subtitle = _HEADERS[kind](store, ident)
    if years:
        subtitle += f" · collaborations {years}"
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    ctx = Context(store, kind, subject, year_from, year_to, Sources(),
                  [f"kizuna {__version__}", f"made {made}"], _reviewed(store, reviewed_only))
    if reviewed_only:
        subtitle += " · reviewed facts only"
        ctx.footer.append("reviewed facts only (curated or confirmed with `kizuna review`)")
    sections = [s for _order, fn in _SECTIONS[kind] if (s := fn(ctx)) is not None]
    if ctx.__dict__.get("matcher") is not None:  # it screened: keep the pinyin it needed
        from kizuna.screening.index_cache import keep_pinyin

        keep_pinyin(store)
    return Brief(kind=kind, id=subject["id"], title=title, subtitle=subtitle, sections=sections,
                 sources=ctx.sources.all(), footer=ctx.footer)


def _reviewed(store: Store, reviewed_only: bool) -> frozenset[str] | None:
    if not reviewed_only:
        return None
    from kizuna.catalog import list_collaborations
    from kizuna.filters import make_filters

    return frozenset(c["id"] for c in list_collaborations(store, make_filters(reviewed_only=True)))
