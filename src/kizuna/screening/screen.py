"""Screening names, CSV files and the knowledge base against restricted-party lists, and the
exposure of the knowledge base to a matched party through its collaboration graph."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kizuna.errors import E, KizunaError
from kizuna.screening.lists import parse_files
from kizuna.screening.matcher import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, Match
from kizuna.screening.model import ParsedList
from kizuna.screening.queries import Query
from kizuna.store import Store

if TYPE_CHECKING:
    import networkx as nx

    from kizuna.screening.matching.batch import Progress

__all__ = [
    "Query",
    "distinctive",
    "exposure",
    "kb_queries",
    "matcher_for",
    "read_queries",
    "reason",
    "record_json",
    "resolve_kb_orgs",
    "screen",
    "screen_kb",
]


def read_queries(inputs: Sequence[str], *, lenient: bool = False) -> list[Query]:
    """Each input is a name, or a CSV file with a ``name`` column and an optional ``country``,
    read strictly (see :mod:`kizuna.screening.queries`, which also gives the summary)."""
    from kizuna.screening.queries import read_input

    return read_input(inputs, lenient=lenient).queries


def matcher_for(store: Store | None, list_paths: Sequence[str | Path] = (),
                algorithm: str = DEFAULT_ALGORITHM) -> tuple[Any, list[ParsedList]]:
    """A matcher over ``list_paths`` when given, else over the lists loaded in ``store``
    (from its kept index when there is one: :mod:`kizuna.screening.index_cache`)."""
    from kizuna.screening.matching import build_matcher

    if not list_paths and store is not None:
        from kizuna.screening.index_cache import cached_matcher

        return cached_matcher(store, algorithm)
    lists = parse_files(list_paths) if list_paths else []
    if not lists:
        raise KizunaError(E.NO_LISTS)
    return build_matcher(lists, algorithm), lists


def _best(q: Query, found: Sequence[Sequence[Match]], limit: int) -> list[Match]:
    """The query's matches under any of its names (``found``: one list per name, in the order
    of :func:`_names`), each listed party once at its best score."""
    best: dict[tuple[str, str], Match] = {}
    for name, matches in zip(_names(q), found, strict=True):
        for m in matches:
            key = (m.list, m.entity_id)
            if key not in best or m.score > best[key].score:
                best[key] = dataclasses.replace(m, query_name=name)
    return sorted(best.values(), key=lambda m: (-m.score, m.list, m.entity_id))[:limit]


def _names(q: Query) -> tuple[str, ...]:
    return (q.query, *q.names)


def record_json(q: Query, matches: Sequence[Match]) -> dict[str, Any]:
    """The published JSON shape of one screening result (best match first)."""
    return {"query": q.query, "country": q.country,
            "matches": [{"list": m.list, "entity_id": m.entity_id, "name": m.name,
                         "matched_alias": m.matched_alias, "query_name": m.query_name,
                         "score": m.score, "countries": list(m.countries),
                         "programs": list(m.programs), "source": m.source,
                         "source_line": m.source_line, "entity_type": m.entity_type,
                         "reason": reason(m),
                         "features": {**m.features, "algorithm": m.algorithm}}
                        for m in matches]}


def reason(m: Match) -> str:
    """Why ``m`` matched, in plain words (the features say how much each part counted)."""
    f = m.features
    if "word_typos" in f or "aligned_typos" in f:
        how = "the same name spelt differently"
    elif "partial_name" in f:
        how = "the query is the distinctive part of the listed name"
    elif f.get("name_similarity", 0) + f.get("token_overlap", 0) >= 0.999:
        how = "the same name"
    else:
        how = "most words in common"
    listed = f"alias «{m.matched_alias}»" if m.matched_alias else "listed name"
    via = f" (our name «{m.query_name}»)" if m.query_name else ""
    country = f"; country {'agrees' if f['country'] > 0 else 'differs'}" if "country" in f \
        else ""
    line = f"; line {m.source_line} of the list file" if m.source_line else ""
    return f"{how}: {listed}{via}{country}{line}"


_ACRONYM = re.compile(r"[A-Za-z0-9&]{2,4}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def distinctive(alias: str) -> bool:
    """An alias worth screening on its own: not a country (Japan, U.S.), not a 2–4 letter
    acronym (MIT, AWS), not one or two Chinese or Japanese characters. Acronyms and countries
    match too many listed names that share them by chance."""
    from kizuna.screening.countries import country_code

    bare = re.sub(r"[\s.\-]", "", alias)
    if country_code(alias) is not None or _ACRONYM.fullmatch(bare):
        return False
    return not (_CJK.search(alias) and len(bare) <= 2)


def screen(matcher: Any, queries: Sequence[Query], *, threshold: float = DEFAULT_THRESHOLD,
           limit: int = 5, progress: Progress | None = None) -> list[tuple[Query, list[Match]]]:
    """Screen each query in input order; one result per query, best match first. All the
    names are screened as one batch (:func:`~kizuna.screening.matching.batch.match_many`:
    batched candidates and scoring, two processes for many names), which gives what
    screening them one by one gives; ``progress`` is told (names screened, of how many)."""
    from kizuna.screening.matching.batch import match_many

    asks = [(name, q.country, q.entity_type) for q in queries for name in _names(q)]
    found = iter(match_many(matcher, asks, threshold=threshold, limit=limit,
                            progress=progress))
    return [(q, _best(q, [next(found) for _ in _names(q)], limit)) for q in queries]


def kb_queries(store: Store) -> list[Query]:
    from kizuna.catalog import list_organizations

    out = []
    for org in list_organizations(store):
        etype = "person" if org["kind"] == "person" else "organization"
        country = None if org["country"] == "INT" else org["country"]
        names = tuple(a for a in org["aliases"] + org["ja"] if distinctive(a))
        out.append(Query(org["name"], country, org["id"], names, etype))
    return out


def screen_kb(store: Store, matcher: Any, *, threshold: float = DEFAULT_THRESHOLD,
              limit: int = 5, progress: Progress | None = None
              ) -> list[tuple[Query, list[Match]]]:
    """Screen every organization of the knowledge base under its full names and its distinctive
    aliases (see :func:`distinctive`). Only whole-name matches count: a knowledge-base name
    found inside a longer listed name (Mitsubishi Electric in Mitsubishi Electric Software
    Corporation, Sharp in Sharp Edge Engineering) is another party, not this one."""
    out = []
    for q, ms in screen(matcher, kb_queries(store), threshold=threshold, limit=limit,
                        progress=progress):
        out.append((q, [m for m in ms if "partial_name" not in m.features]))
    return out


def exposure(store: Store, org_ids: Sequence[str], hops: int = 2,
             graph: nx.Graph | None = None) -> list[dict[str, Any]]:
    """Knowledge-base organizations within ``hops`` collaborations of each flagged organization,
    with the path of organizations and the collaborations that link them."""
    import networkx as nx  # here: screening names and briefs without lists never need it

    from kizuna.overview import partner_graph

    g = graph if graph is not None else partner_graph(store)
    out = []
    for org in org_ids:
        if org not in g:
            continue
        paths = nx.single_source_shortest_path(g, org, cutoff=hops)
        for target, path in sorted(paths.items(), key=lambda kv: (len(kv[1]), kv[0])):
            if target == org:
                continue
            out.append({"flagged": org, "org": target, "name": g.nodes[target]["name"],
                        "country": g.nodes[target]["country"], "hops": len(path) - 1,
                        "path": [g.nodes[n]["name"] for n in path],
                        "via": [g[a][b]["collaborations"][0]
                                for a, b in itertools.pairwise(path)]})
    return out


def resolve_kb_orgs(store: Store, names: Sequence[str]) -> list[str]:
    """Knowledge-base organization ids named by screening queries (exact name or alias)."""
    from kizuna.store import db

    ids: list[str] = []
    with store.read() as conn:
        for name in names:
            for org in db.find_organizations_by_name(conn, name):
                if org not in ids:
                    ids.append(org)
    return ids
