"""The cyclic garbage collector paused for a one-shot command (``kizuna brief``, ``kizuna
screen``).

Such a command builds some 10^6 objects that live until the process ends (the screening index,
the pinyin dictionary, SQLAlchemy's and WeasyPrint's state) and leaves almost no cyclic
garbage. Each collection walks all of them again, and the interpreter's own collection at exit
walks them once more: about 1.2 s of a cold PDF brief's 3 s of CPU (measured with
``benchmarks/briefs_bench.py``). Paused, and the objects left frozen (:func:`gc.freeze`: kept
out of every later collection, the exit's included) when the command ends, none of that is
spent. Freed memory is unaffected: objects without cycles are freed as ever by reference
counting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(freeze: bool = True) -> Iterator[None]:
    """The collector off while the block runs; with ``freeze``, what is alive at its end is
    kept out of every later collection (it lives to the end: never walk it again). Without,
    for a library step whose objects are not garbage but may be later (reading an index)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if freeze:
                gc.freeze()
            gc.enable()
