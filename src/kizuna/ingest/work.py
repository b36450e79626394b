"""The part of ingestion that runs in worker processes: read one file and extract from it.

Workers build their extractor once per knowledge-base snapshot and reuse it for every file; the
snapshot travels with the task, so a Dask worker on another machine needs nothing but the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kizuna.errors import E, KizunaError
from kizuna.ingest.knowledge import Snapshot
from kizuna.readers import SourceDocument, read_bytes, read_path

if TYPE_CHECKING:
    from kizuna.extract.multilingual import MultilingualExtractor
    from kizuna.extract.pipeline import Extraction

#: The extractor of the current knowledge-base snapshot, by the snapshot's key.
_EXTRACTORS: dict[str, MultilingualExtractor] = {}


@dataclass(frozen=True)
class Task:
    """One file for a worker: its path (or, for an upload, its name and bytes), the size limit,
    and the content hashes already stored (read, then skipped before extraction)."""

    name: str
    max_bytes: int
    data: bytes | None = None
    skip: frozenset[str] = frozenset()


@dataclass
class Processed:
    """What a worker sends back: the document and what it yields, or the reason it failed."""

    name: str
    document: SourceDocument | None = None
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0


def exit_with_parent(niceness: int = 0) -> None:
    """Initializer of extraction worker processes: leave when the process that started them is
    gone. A pool's workers outlive a parent killed with SIGKILL (nothing tells them), and each
    holds a spaCy model in memory; a watcher thread ends the worker once it is orphaned."""
    import contextlib
    import os
    import threading
    import time

    if niceness:
        with contextlib.suppress(OSError, AttributeError):  # a preference, not everywhere
            os.nice(niceness)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kizuna-parent-watch", daemon=True).start()


def extractor_for(snapshot: Snapshot) -> MultilingualExtractor:
    """The extractor over ``snapshot``, built once per snapshot in each worker."""
    from kizuna.extract.multilingual import MultilingualExtractor

    key = snapshot.key
    if key not in _EXTRACTORS:
        _EXTRACTORS.clear()  # one snapshot at a time: the previous one is stale
        # English, Japanese and mixed documents; each pipeline loads on first use
        _EXTRACTORS[key] = MultilingualExtractor(snapshot.knowledge_base())
    return _EXTRACTORS[key]


def process(task: Task, snapshot: Snapshot) -> Processed:
    """Read and extract one document. Never raises for a bad document: the error is returned,
    so one broken file cannot stop a batch."""
    import time

    from kizuna.ingest.preview import published_date

    started = time.perf_counter()
    name, max_bytes, data = task.name, task.max_bytes, task.data
    try:
        doc: SourceDocument = (read_bytes(data, name=name, max_bytes=max_bytes)
                               if data is not None else read_path(Path(name),
                                                                  max_bytes=max_bytes))
    except KizunaError as exc:  # unreadable (K080–K089) or missing (K051)
        return Processed(name, error=str(exc))
    if doc.sha256 in task.skip:
        return Processed(name, document=doc, seconds=time.perf_counter() - started)
    published = published_date(doc.published)
    try:
        extraction = extractor_for(snapshot).extract(doc.text, published,
                                                     language=doc.language)
    except Exception as exc:  # an extractor bug must not take the batch down; report it
        failure = KizunaError(E.EXTRACTION_FAILED, name=name,
                              reason=f"{type(exc).__name__}: {exc}")
        return Processed(name, document=doc, error=str(failure))
    return Processed(name, doc, extraction, seconds=time.perf_counter() - started)
