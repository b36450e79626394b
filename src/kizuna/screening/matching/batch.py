"""Screening many names at once on several processes.

The matcher is built once in the parent; on platforms that fork, worker processes inherit it
(its indexes are read-only, so nothing is copied until touched) and each screens a slice of
the queries. Results come back in query order and are the same as one process gives: each
query is scored on its own."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence

from kizuna.screening.matching.base import DEFAULT_THRESHOLD, Match, Matcher

__all__ = ["default_processes", "match_many"]

_WORKER: Matcher | None = None  # the matcher a forked worker inherited
_ARGS: tuple[float, int] = (DEFAULT_THRESHOLD, 10)
MIN_PER_PROCESS = 200  # fewer queries than this per process: not worth starting one


def default_processes() -> int:
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def _screen(chunk: Sequence[str]) -> list[list[Match]]:
    assert _WORKER is not None
    threshold, limit = _ARGS
    return [_WORKER.match(q, threshold=threshold, limit=limit) for q in chunk]


def match_many(matcher: Matcher, queries: Sequence[str], *, processes: int | None = None,
               threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[list[Match]]:
    """``matcher.match`` for every query, on up to ``processes`` processes (default: two, or
    the CPUs available if fewer); one process where fork is not available."""
    global _WORKER, _ARGS
    n = default_processes() if processes is None else max(1, processes)
    n = min(n, max(1, len(queries) // MIN_PER_PROCESS))
    if n == 1 or "fork" not in mp.get_all_start_methods():
        return [matcher.match(q, threshold=threshold, limit=limit) for q in queries]
    _WORKER, _ARGS = matcher, (threshold, limit)
    size = -(-len(queries) // (n * 4))  # four slices per process evens out slow slices
    chunks = [queries[i:i + size] for i in range(0, len(queries), size)]
    try:
        with mp.get_context("fork").Pool(n) as pool:
            parts = pool.map(_screen, chunks)
    finally:
        _WORKER = None
    return [ms for part in parts for ms in part]
