"""A whole ``kizuna screen`` or ``kizuna assess`` as one call: read the input, build the matcher,
screen, add the knowledge base and the exposures, or assess a collaboration. The CLI, tests and
notebooks call these; each face only renders the result.

The store is passed as an opener (``open_store``), called only when the request needs it: a list
file given with ``--list`` screens without any database, and a described collaboration can be
assessed where no database was ever initialised.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kizuna.errors import E, KizunaError
from kizuna.screening.assess import Assessment, Party, assess, parties_of_collaboration
from kizuna.screening.matcher import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, Match
from kizuna.screening.queries import InputSummary, read_input
from kizuna.screening.screen import (
    Query,
    exposure,
    matcher_for,
    record_json,
    resolve_kb_orgs,
    screen,
    screen_kb,
)
from kizuna.store import Store

if TYPE_CHECKING:
    from kizuna.screening.matching.batch import Progress

__all__ = ["AssessRequest", "ScreenRequest", "ScreenRun", "run_assess", "run_screen"]

StoreOpener = Callable[[], Store]


@dataclass(frozen=True)
class ScreenRequest:
    """What to screen, against what, and how (the options of ``kizuna screen``)."""

    inputs: Sequence[str] = ()  # names, or CSV files with a name (and country) column
    list_paths: Sequence[Path] = ()  # list files instead of the loaded lists
    kb: bool = False  # also screen the knowledge base's organizations
    threshold: float = DEFAULT_THRESHOLD
    limit: int = 5  # matches per query
    hops: int = 0  # exposure: knowledge-base organizations within N hops of a match
    algorithm: str = DEFAULT_ALGORITHM
    show_all: bool = False  # with kb: every organization, not only those with a match
    lenient: bool = False  # skip malformed CSV lines (each reported) instead of refusing

    @property
    def needs_store(self) -> bool:
        return self.kb or not self.list_paths or self.hops > 0


@dataclass
class ScreenRun:
    """Each query with its matches (best first), in input order, then the knowledge base's."""

    given: InputSummary
    results: list[tuple[Query, list[Match]]]
    threshold: float
    hops: int = 0
    #: knowledge-base organizations screened (with or without a match; without --all only
    #: those with one are in ``results``)
    kb_screened: int = 0
    #: result index -> organizations within ``hops`` of that result's match
    exposures: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def flagged(self) -> int:
        return sum(1 for _q, matches in self.results if matches)

    @property
    def from_kb(self) -> int:
        return len(self.results) - len(self.given.queries)

    @property
    def screened(self) -> int:
        """Names given plus knowledge-base organizations: what was screened, not what is shown."""
        return len(self.given.queries) + self.kb_screened

    def headline(self) -> str:
        """What was screened and what matched, e.g. "341 knowledge-base organizations
        screened, none with a match ≥ 0.9": a bare "0 screened" would read as nothing done."""
        names = len(self.given.queries)
        what = [f"{names} name{'s' if names != 1 else ''}"] if names or not self.kb_screened \
            else []
        if self.kb_screened:
            what.append(f"{self.kb_screened} knowledge-base organization"
                        f"{'s' if self.kb_screened != 1 else ''}")
        found = f"{self.flagged}" if self.flagged else "none"
        return f"{' and '.join(what)} screened, {found} with a match ≥ {self.threshold}"

    def as_json(self) -> dict[str, Any]:
        """The published JSON: a summary of what was read, then one record per result."""
        out = []
        for i, (q, matches) in enumerate(self.results):
            rec = record_json(q, matches)
            if self.hops:
                rec["exposure"] = self.exposures.get(i, [])
            out.append(rec)
        summary = {**self.given.as_json(), "screened": self.screened,
                   "knowledge_base_screened": self.kb_screened,
                   "knowledge_base": self.from_kb,  # knowledge-base results in ``results``
                   "with_match": self.flagged}
        return {"summary": summary, "results": out}


def run_screen(request: ScreenRequest, open_store: StoreOpener,
               progress: Progress | None = None) -> ScreenRun:
    """Screen names, CSV files and (with ``kb``) the knowledge base against restricted-party
    lists. The input is read before any list, so a malformed CSV line fails fast (K310).
    ``progress`` is told (names screened, of how many), for the given names and then for the
    knowledge base's."""
    if not request.inputs and not request.kb:  # an empty table with exit 0 would say "clear"
        raise KizunaError(E.NOTHING_TO_SCREEN)
    given = read_input(request.inputs, lenient=request.lenient)
    store = open_store() if request.needs_store else None
    matcher, _lists = matcher_for(store, request.list_paths, request.algorithm)
    results = screen(matcher, given.queries, threshold=request.threshold, limit=request.limit,
                     progress=progress)
    kb_screened = 0
    if request.kb and store is not None:
        kb_results = screen_kb(store, matcher, threshold=request.threshold, limit=request.limit,
                               progress=progress)
        kb_screened = len(kb_results)
        results += [(q, ms) for q, ms in kb_results if ms or request.show_all]
    run = ScreenRun(given, results, request.threshold, request.hops, kb_screened=kb_screened)
    if request.hops and store is not None:
        for i, (q, matches) in enumerate(results):
            if matches:
                orgs = [q.org_id] if q.org_id else resolve_kb_orgs(store, [q.query])
                run.exposures[i] = exposure(store, orgs, request.hops)
    if store is not None and not request.list_paths:
        from kizuna.screening.index_cache import keep_pinyin

        keep_pinyin(store)  # the next screen of these names needs no pinyin dictionary
    return run


@dataclass(frozen=True)
class AssessRequest:
    """A stored collaboration (by id), or one described by its parties, technologies and
    mechanism; the first party described is the investor."""

    collaboration: str | None = None
    parties: Sequence[str] = ()
    countries: Sequence[str] = ()  # each described party's country, in the same order
    technologies: Sequence[str] = ()
    mechanism: str | None = None
    amount_usd: float | None = None
    list_paths: Sequence[Path] = ()
    threshold: float = DEFAULT_THRESHOLD


def run_assess(request: AssessRequest, open_store: StoreOpener) -> Assessment:
    """Risk tier, U.S. and Japanese review paths, gaps and cited reasons for one collaboration.
    Without any list (none loaded, none given) the parties are not screened and the assessment
    says so; without a database only a described collaboration can be assessed."""
    from kizuna.catalog import get_collaboration

    if request.collaboration:
        store = open_store()
        matcher = _matcher_if_lists(store, request.list_paths)
        collab = get_collaboration(store, request.collaboration)
        return assess(parties_of_collaboration(collab), collab["technologies"],
                      collab["mechanism"], collab["amount_usd"], matcher=matcher,
                      threshold=request.threshold, collaboration=request.collaboration)
    if not request.parties or not request.technologies or not request.mechanism:
        raise KizunaError(E.ASSESS_INVALID, reason="give a collaboration id, or --parties, "
                                                   "--technology and --mechanism")
    optional = None if request.list_paths else _store_if_initialised(open_store)
    countries = list(request.countries)
    parties = [Party(name, countries[i].upper() if i < len(countries) else None,
                     "investor" if i == 0 else "target")
               for i, name in enumerate(request.parties)]
    return assess(parties, request.technologies, request.mechanism, request.amount_usd,
                  matcher=_matcher_if_lists(optional, request.list_paths),
                  threshold=request.threshold)


def _store_if_initialised(open_store: StoreOpener) -> Store | None:
    try:
        return open_store()
    except KizunaError as exc:  # a described collaboration needs no database
        if exc.error is not E.DB_NOT_INITIALISED:
            raise
        return None


def _matcher_if_lists(store: Store | None, list_paths: Sequence[Path]) -> Any:
    try:
        return matcher_for(store, list_paths)[0]
    except KizunaError as exc:  # no list at all: the assessment says it did not screen
        if exc.error is not E.NO_LISTS:
            raise
        return None
