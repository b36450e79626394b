"""A small cache for the dashboard's expensive aggregates (overview, graph layouts, betweenness).

Entries are keyed by what they answer and stamped with the store's data fingerprint
(:func:`kizuna.store.db.data_fingerprint`): when collaborations, documents, evidence or reviews
change, through this server or any other process, the next request recomputes. The fingerprint
itself is re-read at most every ``ttl`` seconds, so a burst of requests costs one count query.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from kizuna.store import Store, db

T = TypeVar("T")


class DataCache:
    def __init__(self, store: Store, *, ttl: float = 1.0, size: int = 64) -> None:
        self.store = store
        self.ttl = ttl
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[tuple[int, ...], Any]] = OrderedDict()
        self._fingerprint: tuple[int, ...] | None = None
        self._checked = 0.0

    def fingerprint(self) -> tuple[int, ...]:
        now = time.monotonic()
        if self._fingerprint is None or now - self._checked > self.ttl:
            with self.store.read() as conn:
                self._fingerprint = db.data_fingerprint(conn)
            self._checked = now
        return self._fingerprint

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        stamp = self.fingerprint()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit[0] == stamp:
                self._entries.move_to_end(key)
                value: T = hit[1]
                return value
        value = compute()
        with self._lock:
            self._entries[key] = (stamp, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (after a write through the web)."""
        with self._lock:
            self._entries.clear()
            self._fingerprint = None
