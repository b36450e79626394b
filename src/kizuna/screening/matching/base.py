"""What every matcher version shares: the result record, the protocol a version implements, the
listed names it indexes, and the context features (country, entity type, alias)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import NameForm, normalize

__all__ = ["DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "Ask", "ContextWeights", "Entry", "Match",
           "Matcher", "entries", "match_form", "rank", "to_match", "with_context"]

DEFAULT_THRESHOLD = 0.80
#: One name to screen: (name, country, entity type).
Ask = tuple[str, str | None, str | None]
#: The matcher a screen uses unless told otherwise (the latest kizuna-match version).
DEFAULT_ALGORITHM = "kizuna-match"


@dataclass(frozen=True)
class Match:
    """One listed party matching a query, with the score explained feature by feature.

    ``name`` is the list's verbatim primary name and ``matched_alias`` the verbatim alias that
    matched (None when the primary name did)."""

    list: str
    entity_id: str
    name: str
    matched_alias: str | None
    score: float
    features: dict[str, float]
    algorithm: str
    entity_type: str = "unknown"
    countries: tuple[str, ...] = ()
    source: str | None = None
    programs: tuple[str, ...] = ()
    source_line: int | None = None  # where the entry is in the list file, when the reader knows
    query_name: str | None = None  # which of the screened party's names matched (set by screen)

    def as_json(self) -> dict[str, Any]:
        return {"list": self.list, "entity_id": self.entity_id, "name": self.name,
                "matched_alias": self.matched_alias, "score": self.score,
                "features": self.features, "algorithm": self.algorithm,
                "entity_type": self.entity_type, "countries": list(self.countries),
                "source": self.source, "programs": list(self.programs),
                "source_line": self.source_line, "query_name": self.query_name}


class Matcher(Protocol):
    """A matcher version: ``NAME``/``VERSION`` identify it; ``match`` screens one name;
    ``score`` compares two names; ``explain`` says in words what each feature of a match means."""

    NAME: ClassVar[str]
    VERSION: ClassVar[str]

    @property
    def algorithm(self) -> str: ...

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]: ...

    def score(self, query: str, listed: str) -> float: ...

    def explain(self, match: Match) -> dict[str, str]: ...


@dataclass
class Entry:
    """One listed name (primary or alias) of one entity, normalised once."""

    list_id: str
    entity: ListEntity
    name: str
    is_main: bool
    weak: bool
    form: NameForm


def entries(lists: Iterable[ParsedList],
            norm: Callable[[str], NameForm] = normalize) -> list[Entry]:
    out = []
    for lst in lists:
        for ent in lst.entities:
            for name, is_main, weak in ent.names():
                form = norm(name)
                if form.tokens:
                    out.append(Entry(lst.list_id, ent, name, is_main, weak, form))
    return out


@dataclass(frozen=True)
class ContextWeights:
    country_agree: float
    country_conflict: float
    type_conflict: float
    alias: float
    weak_alias: float


def with_context(features: dict[str, float], entry: Entry, country: str | None,
                 entity_type: str | None, w: ContextWeights) -> tuple[float, dict[str, float]]:
    """Add country agreement, entity type and alias features to the name features, and the
    score they sum to, clipped to [0, 1]."""
    countries = entry.entity.countries
    if country and countries and country not in ("INT",):
        features["country"] = w.country_agree if country in countries else w.country_conflict
    etype = entry.entity.entity_type
    if entity_type and etype != "unknown" and entity_type != etype:
        features["entity_type"] = w.type_conflict
    if entry.weak:
        features["alias"] = w.weak_alias
    elif not entry.is_main:
        features["alias"] = w.alias
    total = max(0.0, min(1.0, sum(features.values())))
    return round(total, 4), features


def to_match(total: float, features: dict[str, float], entry: Entry, algorithm: str) -> Match:
    ent = entry.entity
    return Match(entry.list_id, ent.entity_id, ent.name, None if entry.is_main else entry.name,
                 total, features, algorithm, ent.entity_type, tuple(ent.countries), ent.source,
                 tuple(ent.programs), ent.line)


Scorer = Callable[[Entry], tuple[float, dict[str, float]]]


def rank(all_entries: Sequence[Entry], candidates: Iterable[int], score: Scorer, *,
         threshold: float, limit: int, algorithm: str) -> list[Match]:
    """Score the candidates, keep each entity's best name at or above ``threshold``, best
    first (ties by list and entity id, so results are reproducible)."""
    best: dict[tuple[str, str], tuple[float, dict[str, float], Entry]] = {}
    for i in candidates:
        entry = all_entries[i]
        total, features = score(entry)
        if total < threshold:
            continue
        key = (entry.list_id, entry.entity.entity_id)
        if key not in best or total > best[key][0]:
            best[key] = (total, features, entry)
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[2].list_id, t[2].entity.entity_id))
    return [to_match(total, features, entry, algorithm)
            for total, features, entry in ranked[:limit]]


NameFeatures = Callable[[NameForm, NameForm], dict[str, float]]


def match_form(all_entries: Sequence[Entry], form: NameForm, candidates: Iterable[int],
               name_features: NameFeatures, *, country: str | None, entity_type: str | None,
               context: ContextWeights, threshold: float, limit: int,
               algorithm: str) -> list[Match]:
    """The match loop of the versions from 1.2 on: each candidate's name features (computed
    once per distinct listed form: the lists repeat names across lists), plus the context
    features, ranked by :func:`rank`. ``name_features`` must be a pure function of the two
    forms, so the memo cannot change a result."""
    seen: dict[NameForm, dict[str, float]] = {}

    def score(entry: Entry) -> tuple[float, dict[str, float]]:
        features = seen.get(entry.form)
        if features is None:
            features = seen[entry.form] = name_features(form, entry.form)
        return with_context(dict(features), entry, country, entity_type, context)

    return rank(all_entries, candidates, score, threshold=threshold, limit=limit,
                algorithm=algorithm)
