"""Running an ingest: find the files, fan extraction out to workers, write results as they come.

Extraction is CPU-bound and runs in parallel: in this process (``workers=1``), in a pool of local
processes, or on a Dask distributed cluster (``scheduler="tcp://host:8786"``). Writing stays in
this process, one document per transaction, so the store has one writer however many workers
extract. Documents already stored (same content hash) are skipped before extraction, which makes
re-running after a crash cheap and safe.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kizuna.ingest.knowledge import Snapshot, store_snapshot
from kizuna.ingest.work import Processed, Task, exit_with_parent, process
from kizuna.ingest.write import store_document
from kizuna.readers.base import SUFFIXES
from kizuna.settings import Settings
from kizuna.starter import ensure_taxonomy
from kizuna.store import Store, db


@dataclass
class FileOutcome:
    name: str
    status: str  # stored | unchanged | error
    document_id: str | None = None
    error: str | None = None
    collaborations: int = 0
    new_organizations: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def errors(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "error"]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the readable files under folders (recursively, sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file()
                          and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _in_canonical_order(store: Store, files: list[Path]) -> tuple[list[Path], frozenset[str]]:
    """The files by content hash (unreadable ones last, by name), and the hashes the store
    already has (skipped before work). Writing in this order makes the graph independent of the
    order files were named in, and a resumed ingest continues exactly where a clean one would."""
    stored = set()
    digests: dict[Path, str] = {}
    with store.read() as conn:
        for path in files:
            try:
                digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            if db.document_exists(conn, digests[path]):
                stored.add(digests[path])
    ordered = sorted(files, key=lambda p: (p not in digests, digests.get(p, ""), str(p)))
    return ordered, frozenset(stored)


def ingest_paths(store: Store, paths: Iterable[Path], settings: Settings, *, workers: int = 1,
                 scheduler: str | None = None,
                 on_file: Callable[[FileOutcome], None] | None = None) -> IngestReport:
    """Ingest files and folders; ``on_file`` is called after each file (for a progress bar)."""
    ensure_taxonomy(store)
    snapshot = store_snapshot(store)  # reviewed organizations only (see store_snapshot)
    files, skip = _in_canonical_order(store, collect_files(paths))
    report = IngestReport()
    tasks = [Task(str(f), settings.max_file_bytes, skip=skip) for f in files]
    for processed in _run(tasks, snapshot, workers=workers, scheduler=scheduler):
        outcome = _write(store, processed)
        report.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return report


def ingest_upload(store: Store, filename: str, data: bytes, settings: Settings, *,
                  pool: Executor | None = None,
                  progress: Callable[[str, float], None] | None = None) -> dict[str, Any]:
    """Ingest one uploaded document (the web face); same checks and transaction as files.

    With ``pool`` the reading and extraction (CPU-bound) run there, so the caller's process
    keeps its GIL for other threads (the web server's reads); the write stays here."""
    report = progress or (lambda _stage, _fraction: None)
    ensure_taxonomy(store)
    task, snapshot = Task(filename, settings.max_file_bytes, data), store_snapshot(store)
    report("reading and extracting", 0.1)
    processed = (pool.submit(process, task, snapshot).result() if pool
                 else process(task, snapshot))
    report("writing", 0.9)
    outcome = _write(store, processed)
    return {"document_id": outcome.document_id, "status": outcome.status,
            "error": outcome.error, "collaborations": outcome.collaborations}


def _write(store: Store, processed: Processed) -> FileOutcome:
    if processed.error or processed.document is None:
        return FileOutcome(processed.name, "error", error=processed.error)
    if processed.extraction is None:  # skipped before extraction: already stored
        return FileOutcome(processed.name, "unchanged", processed.document.sha256)
    stored = store_document(store, processed.document, processed.extraction)
    return FileOutcome(processed.name, stored.status, stored.document_id,
                       collaborations=stored.collaborations,
                       new_organizations=stored.new_organizations)


def _run(tasks: list[Task], snapshot: Snapshot, *, workers: int, scheduler: str | None
         ) -> Iterator[Processed]:
    if scheduler:
        yield from _run_dask(tasks, snapshot, scheduler)
    elif workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield process(task, snapshot)
    else:
        workers = min(workers, len(tasks), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
            futures = [pool.submit(process, task, snapshot) for task in tasks]
            for future in futures:  # in submission order: the writes stay in canonical order
                yield future.result()


def _run_dask(tasks: list[Task], snapshot: Snapshot, scheduler: str) -> Iterator[Processed]:
    from distributed import Client

    with Client(scheduler, timeout="30s") as client:  # type: ignore[no-untyped-call]
        # the knowledge-base snapshot is shared by every task: send it to the workers once
        shared = client.scatter(snapshot, broadcast=True)
        futures = [client.submit(process, task, shared, pure=False) for task in tasks]
        for future in futures:  # in submission order: the writes stay in canonical order
            yield future.result()
