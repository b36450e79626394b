"""Uploads as background jobs: ``POST /api/documents`` answers ``202 Accepted`` with the job's
address at once, ``GET /api/jobs/ID`` says how far it got, ``/jobs/ID`` is the same as a page.

Only quick checks (token, name, size, type) run in the request; everything slow (the import of
the ingestion code, reading, extraction, writing) runs in the job registry's worker, and the
extraction itself in a separate process, so the event loop never waits on an ingest and reads
stay fast while one runs. Jobs live in memory: they do not survive a server restart.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import Field

from kizuna.jobs import Job, JobRegistry
from kizuna.web import schemas, uploads
from kizuna.web.api import Bearer
from kizuna.web.context import WebContext, context


class JobError(schemas.Out):
    code: str = Field(description="The error code: K080–K089 for an unreadable document.")
    message: str


class JobOut(schemas.Out):
    """A background job (an upload being ingested)."""

    id: str
    kind: str = Field(description="What the job does: ingest.")
    label: str = Field(description="The uploaded file's name.")
    state: str = Field(description="queued, running, done or failed.")
    stage: str = Field(description="What it is doing now, e.g. reading and extracting.")
    progress: float = Field(description="Fraction done, 0 to 1.")
    result: dict[str, Any] | None = Field(description="When done: document_id, status "
                                                      "(stored or unchanged), collaborations.")
    error: JobError | None = Field(description="When failed: why.")
    created: str
    finished: str | None
    url: str = Field(description="This job's JSON address.")
    page: str = Field(description="This job's page.")


router = APIRouter(tags=["jobs"], responses=schemas.ERRORS)
Ctx = Annotated[WebContext, Depends(context)]
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="A job's id.")]


class JobService:
    """The registry and the extraction process pool of one app (created on first upload)."""

    def __init__(self, processes: bool = True) -> None:
        self.registry = JobRegistry()
        self._processes = processes
        self._pool: Executor | None = None
        self._lock = threading.Lock()

    def pool(self) -> Executor | None:
        if not self._processes:
            return None
        from kizuna.ingest.work import exit_with_parent

        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server process has threads, and a forked copy of a
                # lock held by one of them would never be released in the child
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    # reads come first when the cores are busy; leave if the server is killed
                    initializer=exit_with_parent, initargs=(10,))
            return self._pool

    def reset_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.registry.close()
        self.reset_pool()


def install(app: FastAPI, *, processes: bool = True) -> JobService:
    """Give ``app`` its job service and routes; the caller closes the service at shutdown."""
    service = JobService(processes)
    app.state.kizuna_jobs = service
    app.include_router(router)
    return service


def service_of(request: Request) -> JobService:
    service: JobService = request.app.state.kizuna_jobs
    return service


Service = Annotated[JobService, Depends(service_of)]


async def submit_upload(ctx: WebContext, service: JobService, file: UploadFile) -> Job:
    """Check an upload (quick, 4xx on failure) and queue its ingest (shared by API and form)."""
    name = uploads.safe_filename(file.filename)
    raw = await uploads.read_limited(file, ctx.settings.max_file_bytes)
    uploads.check_type(name, file.content_type, raw)

    def work(report: Any) -> dict[str, Any]:
        ingest = uploads.ingest_function()
        try:
            result = ingest(ctx.store, name, raw, ctx.settings, pool=service.pool(),
                            progress=report)
        except BrokenProcessPool:
            service.reset_pool()  # the next upload gets a fresh process
            raise
        ctx.cache.clear()
        return {"filename": name, **result}

    return service.registry.submit("ingest", name, work)


def job_json(job: Job) -> dict[str, Any]:
    return {**job.as_json(), "url": f"/api/jobs/{job.id}", "page": f"/jobs/{job.id}"}


@router.post("/api/documents", status_code=202, response_model=JobOut,
             summary="Upload a document to ingest in the background (needs the API token)",
             responses={202: {"description": "Queued; poll the job's url"},
                        503: {"model": schemas.ErrorResponse, "description": "Queue full"}})
async def post_document(ctx: Ctx, service: Service, credentials: Bearer,
                        file: Annotated[UploadFile, File(description="txt, md, html or pdf")]
                        ) -> Response:
    ctx.guard.check_token(credentials.credentials if credentials else None)
    job = await submit_upload(ctx, service, file)
    return JSONResponse(job_json(job), status_code=202,
                        headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/api/jobs/{job_id}", response_model=JobOut,
            summary="A background job: its state, stage, progress and result or error")
def get_job(service: Service, job_id: JobId) -> dict[str, Any]:
    return job_json(service.registry.get(job_id))


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, ctx: Ctx, service: Service, job_id: JobId) -> Response:
    from kizuna.web.pages import render

    job = service.registry.get(job_id)
    return render(request, "job.html", ctx, f"/api/jobs/{job_id}", job=job_json(job))
