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
def collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()  # what is alive now lives to the end: never walk it again
            gc.enable()
