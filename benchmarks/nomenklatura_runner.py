"""OpenSanctions nomenklatura's ``logic-v1``/``logic-v2`` (MIT) as screening matchers, for the
side-by-side benchmark only (installed by the ``benchmark`` extra, never a runtime dependency).

nomenklatura scores pairs of FollowTheMoney entities and leaves retrieval to a search index
(yente uses Elasticsearch), so each query here is scored against the same candidates that
kizuna-match/1.2's blocking gives (token and trigram index, at most 32 names): the comparison is
of the scoring, on equal retrieval. A match is the best candidate scoring at least ``THRESHOLD``
(yente's default match threshold).

Each query entity gets its own id: logic-v2 memoises a query's analysed names with
``functools.lru_cache`` keyed on the entity, and a FollowTheMoney entity hashes by its id alone,
so queries sharing one id would all be scored with the first query's names."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig

from kizuna.screening.matching import KizunaMatcher12
from kizuna.screening.matching.base import Entry
from kizuna.screening.model import ParsedList

THRESHOLD = 0.7
SCHEMA = {"organization": "Organization", "person": "Person", "vessel": "Vessel",
          "aircraft": "Airplane"}

Top = tuple[str, float] | None


def _entity(entry: Entry) -> Any:
    proxy = model.make_entity(SCHEMA.get(entry.entity.entity_type, "LegalEntity"))
    proxy.id = f"{entry.list_id}-{entry.entity.entity_id}"
    proxy.add("name", entry.name)
    return proxy


def runner(lists: Sequence[ParsedList], algorithm: str) -> Any:
    algo = get_algorithm(algorithm)
    if algo is None:
        raise ImportError(f"nomenklatura has no algorithm {algorithm}")
    config = ScoringConfig.defaults()
    blocking = KizunaMatcher12(lists)
    entries = blocking._entries
    proxies: dict[int, Any] = {}
    counter = itertools.count()

    def run(queries: Sequence[str]) -> list[Top]:
        out: list[Top] = []
        for q in queries:
            query = model.make_entity("LegalEntity")
            query.id = f"query-{next(counter)}"
            query.add("name", q)
            best: Top = None
            for i in blocking.candidates(blocking.prepare(q)):
                if i not in proxies:
                    proxies[i] = _entity(entries[i])
                score = algo.compare(query, proxies[i], config).score
                e = entries[i]
                if score >= THRESHOLD and (best is None or score > best[1]):
                    best = (f"{e.list_id}:{e.entity.entity_id}", score)
            out.append(best)
        return out

    return run
