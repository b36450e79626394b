"""Background jobs: long work (ingesting an upload) off the web server's event loop.

An in-process registry with one worker thread. Jobs are kept in memory only: they do not survive
a restart of the server (an ingest interrupted that way is simply not stored, because each
document is one transaction, and uploading it again is safe). One worker keeps the store's one
writer; CPU-heavy extraction goes to a separate process (see :mod:`kizuna.ingest.run`), so the
worker thread mostly waits and the threads answering reads are not starved of the GIL.

The queue is bounded (a full queue is refused with K301, never grown without limit) and only the
most recent finished jobs are remembered.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from kizuna.errors import E, KizunaError

State = Literal["queued", "running", "done", "failed"]
#: A job's work: called with a function that reports (stage, fraction done 0..1).
Work = Callable[[Callable[[str, float], None]], dict[str, Any]]

MAX_WAITING = 16
MAX_KEPT = 500


@dataclass
class Job:
    """What a client sees of one piece of background work."""

    id: str
    kind: str
    label: str
    state: State = "queued"
    stage: str = "queued"
    progress: float = 0.0
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished: dt.datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label, "state": self.state,
                "stage": self.stage, "progress": round(self.progress, 3),
                "result": self.result, "error": self.error,
                "created": self.created.isoformat(),
                "finished": self.finished.isoformat() if self.finished else None}


class JobRegistry:
    """Submit work, look jobs up by id; one daemon worker runs them in submission order."""

    def __init__(self, max_waiting: int = MAX_WAITING, max_kept: int = MAX_KEPT) -> None:
        self._queue: queue.Queue[tuple[Job, Work] | None] = queue.Queue(max_waiting)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._max_kept = max_kept
        self._worker: threading.Thread | None = None

    def submit(self, kind: str, label: str, work: Work) -> Job:
        """Queue ``work``; K301 when the queue is full (the caller answers 503)."""
        job = Job(id=uuid.uuid4().hex, kind=kind, label=label)
        with self._lock:
            self._start()
            try:
                self._queue.put_nowait((job, work))
            except queue.Full:
                raise KizunaError(E.JOB_QUEUE_FULL, waiting=self._queue.maxsize) from None
            self._jobs[job.id] = job
            self._forget_old()
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise KizunaError(E.UNKNOWN_JOB, job_id=job_id)
        return job

    def wait(self, job_id: str, timeout: float) -> Job:
        """Block (not on an event loop!) until the job has finished or ``timeout`` passed."""
        import time

        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job.state in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.05)
        return job

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker after the job it is running (queued jobs are dropped)."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is None:
            return
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        worker.join(timeout)

    def _start(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="kizuna-jobs", daemon=True)
            self._worker.start()

    def _forget_old(self) -> None:
        finished = [j.id for j in self._jobs.values() if j.state in ("done", "failed")]
        for job_id in finished[: max(0, len(self._jobs) - self._max_kept)]:
            del self._jobs[job_id]

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            job, work = item
            job.state, job.stage = "running", "started"

            def report(stage: str, fraction: float, job: Job = job) -> None:
                job.stage, job.progress = stage, max(0.0, min(1.0, fraction))

            try:
                result = work(report)
            except KizunaError as exc:
                _fail(job, exc.code, exc.message)
            except Exception as exc:  # a bug in one job must not stop the worker
                _fail(job, E.JOB_FAILED.code, f"{type(exc).__name__}: {exc}")
            else:
                job.result = result
                if result.get("status") == "error":
                    code, _, message = str(result.get("error") or "").partition(": ")
                    _fail(job, code if message else E.DOCUMENT_UNREADABLE.code, message or code)
                else:
                    job.finished = dt.datetime.now(dt.UTC)
                    job.stage, job.progress, job.state = "done", 1.0, "done"


def _fail(job: Job, code: str, message: str) -> None:
    job.error = {"code": code, "message": message}
    job.finished = dt.datetime.now(dt.UTC)
    job.stage, job.state = "failed", "failed"
