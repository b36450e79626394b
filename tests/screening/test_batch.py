"""Screening in batches and on two processes gives exactly what one-by-one ``match`` gives, in
query order: candidates from the sparse products do not depend on the other queries of a
batch, the pair memo and the de-duplication of asks cannot change a result."""

from __future__ import annotations

import pytest

from kizuna.screening.matching import build_matcher
from kizuna.screening.matching.batch import match_many
from kizuna.screening.matching.sparse import CHUNK
from kizuna.screening.matching.v1_4 import KizunaMatcher14
from kizuna.screening.model import ParsedList


@pytest.fixture(scope="module")
def v14(lists: list[ParsedList]) -> KizunaMatcher14:
    return KizunaMatcher14(lists)


def _asks(lists: list[ParsedList], n: int) -> list[tuple[str, str | None, str | None]]:
    """Listed names as listed, upper-cased without dots, with a letter dropped, with their
    entry's country or another one; repeated, so the batch has duplicates too."""
    ents = [e for lst in lists for e in lst.entities][::7]
    out: list[tuple[str, str | None, str | None]] = []
    for i, e in enumerate(ents):
        name = e.name
        variant = (name, name.upper().replace(".", ""), name[:3] + name[4:])[i % 3]
        country = (e.countries[0] if e.countries else None) if i % 2 else "JP"
        out.append((variant, country, "organization" if i % 5 == 0 else None))
        if len(out) >= n:
            break
    return out + out[: n // 10]


def test_a_batch_gives_what_one_by_one_gives(v14: KizunaMatcher14,
                                              lists: list[ParsedList]) -> None:
    asks = _asks(lists, CHUNK + 150)  # crosses a chunk of the sparse products
    one_by_one = [v14.match(q, country=c, entity_type=t, threshold=0.6, limit=5)
                  for q, c, t in asks]
    assert v14.match_batch(asks, threshold=0.6, limit=5) == one_by_one
    assert sum(1 for ms in one_by_one if ms) > len(asks) // 2  # the batch found things


def test_candidates_do_not_depend_on_the_batch(v14: KizunaMatcher14,
                                               lists: list[ParsedList]) -> None:
    forms = [v14.prepare(q) for q, _c, _t in _asks(lists, CHUNK + 40)]
    forms = [f for f in forms if f.tokens]
    together = v14.candidates_many(forms)
    assert [v14.candidates(f) for f in forms[::9]] == together[::9]
    assert [v14.candidates_many(forms[::-1])[::-1][i] for i in range(0, len(forms), 9)] \
        == together[::9]
    assert all(together)  # every listed-name query has candidates


@pytest.mark.parametrize("algorithm", ["kizuna-match/1.3", "kizuna-match/1.4",
                                       "kizuna-match/1.5", "kizuna-match/1.6"])
def test_two_processes_give_the_same_results(lists: list[ParsedList], algorithm: str) -> None:
    m = build_matcher(lists, algorithm)
    asks = _asks(lists, 450)
    assert len(set(asks)) >= 2 * 200  # enough for match_many to start two processes
    serial = [m.match(q, country=c, entity_type=t) for q, c, t in asks]
    seen: list[tuple[int, int]] = []
    got = match_many(m, asks, processes=2, progress=lambda done, total: seen.append(
        (done, total)))
    assert got == serial
    assert seen and seen[-1] == (len(set(asks)), len(set(asks)))  # progress ran to the end
    assert sum(1 for ms in serial if ms) > len(asks) // 2
