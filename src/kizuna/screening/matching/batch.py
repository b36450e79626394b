"""Screening many names at once on several processes.

The matcher is built once in the parent; on platforms that fork, worker processes inherit it
(its indexes are read-only, so nothing is copied until touched) and each screens a slice of
the queries. A matcher with ``match_batch`` (1.4 on) screens a slice as one batch (candidates
by sparse products, each pair of forms scored once); older versions screen query by query.
Identical (name, country, entity type) asks are screened once. Results come back in query
order and are the same as one process and one-by-one ``match`` give."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence

from kizuna.screening.matching.base import DEFAULT_THRESHOLD, Ask, Match, Matcher

__all__ = ["Ask", "Progress", "default_processes", "match_many"]

Progress = Callable[[int, int], None]  # told (distinct asks screened, distinct asks in all)

_WORKER: Matcher | None = None  # the matcher a forked worker inherited
_ARGS: tuple[float, int] = (DEFAULT_THRESHOLD, 10)
MIN_PER_PROCESS = 200  # fewer queries than this per process: not worth starting one
SLICE = 500  # asks per slice: progress is reported slice by slice


def default_processes() -> int:
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def _screen_with(matcher: Matcher, chunk: Sequence[Ask], threshold: float,
                 limit: int) -> list[list[Match]]:
    batch = getattr(matcher, "match_batch", None)
    if batch is not None:
        result: list[list[Match]] = batch(chunk, threshold=threshold, limit=limit)
        return result
    return [matcher.match(q, country=c, entity_type=t, threshold=threshold, limit=limit)
            for q, c, t in chunk]


def _screen(chunk: Sequence[Ask]) -> list[list[Match]]:
    assert _WORKER is not None
    threshold, limit = _ARGS
    return _screen_with(_WORKER, chunk, threshold, limit)


def match_many(matcher: Matcher, queries: Sequence[str | Ask], *, processes: int | None = None,
               threshold: float = DEFAULT_THRESHOLD, limit: int = 10,
               progress: Progress | None = None) -> list[list[Match]]:
    """``matcher.match`` for every query (a name, or a (name, country, entity type) ask), on
    up to ``processes`` processes (default: two, or the CPUs available if fewer); one process
    where fork is not available. ``progress`` is told after each slice how many of the
    distinct asks are screened, and of how many."""
    global _WORKER, _ARGS
    asks = [(q, None, None) if isinstance(q, str) else q for q in queries]
    distinct = list(dict.fromkeys(asks))
    n = default_processes() if processes is None else max(1, processes)
    n = min(n, max(1, len(distinct) // MIN_PER_PROCESS))
    size = min(SLICE, -(-len(distinct) // (n * 4))) if distinct else 1  # 4+ slices a process
    chunks = [distinct[i:i + size] for i in range(0, len(distinct), size)]
    parts: list[list[list[Match]]] = []
    done = 0
    if n == 1 or "fork" not in mp.get_all_start_methods():
        for chunk in chunks:
            parts.append(_screen_with(matcher, chunk, threshold, limit))
            done += len(chunk)
            if progress:
                progress(done, len(distinct))
    else:
        _WORKER, _ARGS = matcher, (threshold, limit)
        try:
            with mp.get_context("fork").Pool(n) as pool:
                for chunk, part in zip(chunks, pool.imap(_screen, chunks), strict=True):
                    parts.append(part)
                    done += len(chunk)
                    if progress:
                        progress(done, len(distinct))
        finally:
            _WORKER = None
    found = dict(zip(distinct, (ms for part in parts for ms in part), strict=True))
    return [list(found[a]) for a in asks]
