"""Fixtures for the dashboard and API: apps over real stores, documents with evidence, and, when
this checkout has no ingestion yet, a stand-in for ``kizuna.ingest.ingest_upload``.

The stand-in lives only in the test run (it is installed into ``sys.modules`` by a fixture): it
stores the upload as a document and attaches one piece of evidence (the first line) to a
collaboration, which is all the web tests need to check uploading, highlighting and escaping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from kizuna.settings import Settings, load_settings
from kizuna.store import Store
from kizuna.store.tables import collaborations, documents, evidence
from kizuna.web import create_app

TOKEN = "test-token-0123456789abcdef"


def web_settings(store: Store, token: str | None = TOKEN, max_bytes: int = 200_000) -> Settings:
    base = load_settings({"KIZUNA_DATABASE_URL": store.url})
    return Settings(base.data_dir, store.url, max_bytes, api_token=token)


def make_app(store: Store, token: str | None = TOKEN, max_bytes: int = 200_000) -> FastAPI:
    return create_app(store, web_settings(store, token, max_bytes), warm=False)


def add_document(store: Store, text: str, *, title: str, collab_id: str | None = None,
                 quote: str | None = None, address: str = "upload:test.txt") -> str:
    """Store a document (and, with ``collab_id``, one evidence span on ``quote``) the way
    ingestion does; returns the document id. Test-only: the product writes through ingestion."""
    raw = text.encode("utf-8")
    doc_id = hashlib.sha256(raw).hexdigest()
    now = dt.datetime.now(dt.UTC)
    with store.write() as conn:
        if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first():
            return doc_id
        conn.execute(documents.insert().values(
            id=doc_id, address=address, title=title, publisher="Test Publisher",
            published="2024-05-01", language="en", size=len(raw), text=text, ingested_at=now))
        if collab_id is not None:
            quote = quote if quote is not None else text.splitlines()[0]
            start = text.index(quote)
            ev_id = hashlib.sha256(f"{doc_id}:{start}:{collab_id}".encode()).hexdigest()[:32]
            conn.execute(evidence.insert().values(
                id=ev_id, document_id=doc_id, collaboration_id=collab_id, org_id=None,
                start=start, end=start + len(quote), quote=quote, extractor="test",
                extractor_version="0", confidence=0.9, first_seen=now, last_seen=now))
    return doc_id


def _shim_ingest_upload(store: Store, filename: str, data: bytes, settings: Settings, **_: Any
                        ) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"document_id": None, "status": "error", "error": "not UTF-8",
                "collaborations": 0}
    with store.read() as conn:
        first = conn.execute(select(collaborations.c.id).order_by(collaborations.c.id)).first()
    before = None
    doc_id = hashlib.sha256(data).hexdigest()
    with store.read() as conn:
        before = conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first()
    add_document(store, text, title=filename, collab_id=first[0] if first else None,
                 address=f"upload:{filename}")
    return {"document_id": doc_id, "status": "unchanged" if before else "stored", "error": None,
            "collaborations": 1 if first else 0}


@pytest.fixture
def ingest_available(monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    """Make ``kizuna.ingest.ingest_upload`` importable: the real one if it exists, else the
    test-run stand-in above. Yields whether the real one is used."""
    try:
        module = importlib.import_module("kizuna.ingest")
        if hasattr(module, "ingest_upload"):
            yield True
            return
    except ImportError:
        pass
    shim = types.ModuleType("kizuna.ingest")
    shim.ingest_upload = _shim_ingest_upload  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kizuna.ingest", shim)
    yield False


@pytest.fixture(scope="module")
def client(loaded_store: Store) -> Iterator[TestClient]:
    """A read-mostly client over the starter knowledge base plus two documents with evidence."""
    with loaded_store.read() as conn:
        rows = conn.execute(select(collaborations.c.id).order_by(collaborations.c.id)).all()
    collab = rows[0][0]
    add_document(loaded_store, "Toyota and Joby Aviation agreed to build air taxis together.\n"
                 "The deal was signed in Tokyo.", title="Air taxi news", collab_id=collab)
    with TestClient(make_app(loaded_store)) as c:
        yield c


def finished_job(client: TestClient, job: dict[str, Any], timeout: float = 180) -> dict[str, Any]:
    """Poll a background job's JSON until it has finished (uploads answer 202 with its url)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get(job["url"]).json()
        if body["state"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, f"job still {body['state']} after {timeout} s"
        time.sleep(0.1)
