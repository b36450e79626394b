"""Screening on two processes gives exactly what one process gives, in query order."""

from __future__ import annotations

from kizuna.screening.matching import build_matcher
from kizuna.screening.matching.batch import match_many
from kizuna.screening.model import ParsedList


def test_two_processes_give_the_same_results(lists: list[ParsedList]) -> None:
    m = build_matcher(lists)
    names = [e.name for lst in lists for e in lst.entities][::8][:450]
    queries = [n if i % 2 else n.upper().replace(".", "") for i, n in enumerate(names)]
    assert len(queries) >= 2 * 200  # enough for match_many to start two processes
    serial = [m.match(q) for q in queries]
    assert match_many(m, queries, processes=2) == serial
    assert sum(1 for ms in serial if ms) > len(queries) // 2
