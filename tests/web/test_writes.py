"""Writing through the web: the token, CSRF, upload limits, the review loop, hostile text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kizuna.catalog import get_collaboration
from kizuna.starter import load_starter
from kizuna.store import Store
from tests.web.conftest import TOKEN, add_document, finished_job, make_app

HOSTILE = ('<script>window.__pwned = 1; alert("x")</script> Toyota and "<b>Joby</b>" '
           "<img src=x onerror=alert(1)> agreed.\nMore text & more.")


@pytest.fixture
def loaded(store: Store, starter_kb) -> Store:  # type: ignore[no-untyped-def]
    load_starter(store, starter_kb)
    return store


@pytest.fixture
def writer(loaded: Store) -> Iterator[TestClient]:
    with TestClient(make_app(loaded, max_bytes=1000)) as c:
        yield c


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _csrf(client: TestClient, path: str) -> str:
    page = client.get(path).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the form carries a CSRF token"
    return match.group(1)


def test_without_a_token_the_site_is_read_only(loaded: Store) -> None:
    with TestClient(make_app(loaded, token=None)) as c:
        r = c.post("/api/documents", files={"file": ("a.txt", b"hello", "text/plain")},
                   headers=_auth())
        assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]
        r = c.post("/api/collaborations/x-y/review", json={"review": "confirmed"},
                   headers=_auth())
        assert r.status_code == 403
        assert 'id="read-only"' in c.get("/upload").text
        assert "<form class=\"card upload\"" not in c.get("/upload").text


def test_a_wrong_or_missing_token_is_refused(writer: TestClient) -> None:
    for headers in ({}, _auth("wrong-token-wrong-token")):
        r = writer.post("/api/documents", files={"file": ("a.txt", b"hello", "text/plain")},
                        headers=headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "http_401"


@pytest.mark.parametrize(("name", "data", "ctype", "status"), [
    ("big.txt", b"x" * 1001, "text/plain", 413),
    ("tool.exe", b"MZ....", "application/octet-stream", 415),
    ("notes.txt", b"\x00\x01binary", "text/plain", 415),
    ("fake.pdf", b"hello", "application/pdf", 415),
    ("page.html", b"<p>hi</p>", "image/png", 415),
    ("empty.txt", b"", "text/plain", 400),
    ("..", b"hello", "text/plain", 400),
])
def test_uploads_are_checked(writer: TestClient, ingest_available: bool, name: str,
                             data: bytes, ctype: str, status: int) -> None:
    r = writer.post("/api/documents", files={"file": (name, data, ctype)}, headers=_auth())
    assert r.status_code == status, r.text


def test_upload_ingests_and_hostile_text_renders_inert(writer: TestClient,
                                                       ingest_available: bool) -> None:
    r = writer.post("/api/documents", headers=_auth(),
                    files={"file": ("../../etc/evil.txt", HOSTILE.encode(), "text/plain")})
    assert r.status_code == 202, r.text  # accepted: ingested in the background
    assert r.headers["location"] == r.json()["url"] == f"/api/jobs/{r.json()['id']}"
    job = finished_job(writer, r.json())
    assert job["state"] == "done" and job["error"] is None, job
    body = job["result"]
    assert body["filename"] == "evil.txt" and body["status"] in ("stored", "unchanged")
    page = writer.get(f"/documents/{body['document_id']}").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned" in page
    search = writer.get("/search", params={"q": "pwned"}).text
    assert "<script>window" not in search


def test_the_review_loop_by_api(writer: TestClient, loaded: Store) -> None:
    collab = writer.get("/api/collaborations", params={"limit": 1}).json()["items"][0]["id"]
    r = writer.post(f"/api/collaborations/{collab}/review", json={"review": "rejected"},
                    headers=_auth())
    assert r.status_code == 200 and r.json() == {"id": collab, "review": "rejected"}
    assert get_collaboration(loaded, collab)["review"] == "rejected"
    r = writer.post(f"/api/collaborations/{collab}/review", json={"review": "maybe"},
                    headers=_auth())
    assert r.status_code == 422
    r = writer.post("/api/collaborations/no-such-thing/review", json={"review": "confirmed"},
                    headers=_auth())
    assert r.status_code == 404 and r.json()["error"]["code"] == "K011"


def test_forms_need_the_csrf_token_and_the_api_token(writer: TestClient, loaded: Store) -> None:
    collab = writer.get("/api/collaborations", params={"limit": 1}).json()["items"][0]["id"]
    path = f"/collaborations/{collab}"
    token = _csrf(writer, path)
    form = {"review": "confirmed", "token": TOKEN}
    assert writer.post(f"{path}/review", data=form).status_code == 403  # no CSRF token
    forged = {**form, "csrf_token": token.split(".")[0] + ".deadbeef"}
    assert writer.post(f"{path}/review", data=forged).status_code == 403
    wrong = {**form, "token": "not-the-token-at-all", "csrf_token": token}
    assert writer.post(f"{path}/review", data=wrong).status_code == 401
    r = writer.post(f"{path}/review", data={**form, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("notice=review-saved")
    assert get_collaboration(loaded, collab)["review"] == "confirmed"
    assert "confirmed" in writer.get(path).text
    # the same token without its cookie (another site's form) is refused
    writer.cookies.clear()
    assert writer.post(f"{path}/review", data={**form, "csrf_token": token}).status_code == 403


def test_the_upload_form(writer: TestClient, ingest_available: bool) -> None:
    token = _csrf(writer, "/upload")
    files = {"file": ("note.md", b"# Note\nToyota invests.", "text/markdown")}
    r = writer.post("/upload", data={"token": "nope-nope-nope-nope", "csrf_token": token},
                    files=files)
    assert r.status_code == 401 and 'id="upload-result"' in r.text
    r = writer.post("/upload", data={"token": TOKEN, "csrf_token": token}, files=files,
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = r.headers["location"].rsplit("/", 1)[-1]
    finished_job(writer, {"url": f"/api/jobs/{job_id}"})
    page = writer.get(r.headers["location"]).text
    assert 'id="job-state"' in page and "stored" in page and 'http-equiv="refresh"' not in page


def test_a_failed_ingest_is_never_created(writer: TestClient, ingest_available: bool) -> None:
    # passes the quick checks (a .txt without NUL bytes) but no encoding decodes it as text
    junk = bytes(range(0x80, 0x100)) * 3
    r = writer.post("/api/documents", files={"file": ("junk.txt", junk, "text/plain")},
                    headers=_auth())
    assert r.status_code == 202, r.text
    job = finished_job(writer, r.json())
    assert job["state"] == "failed" and job["error"]["code"].startswith(("R", "K")), job
    assert job["result"] is None or job["result"]["document_id"] is None
    assert writer.get("/api/jobs/" + "0" * 32).status_code == 404
    assert writer.get("/api/jobs/" + "0" * 32).json()["error"]["code"] == "K300"
    assert writer.get("/api/jobs/not-a-job").status_code == 422


def test_quotes_with_markup_are_escaped_on_every_page(loaded: Store) -> None:
    with TestClient(make_app(loaded)) as c:
        collab = c.get("/api/collaborations", params={"limit": 1}).json()["items"][0]["id"]
        add_document(loaded, HOSTILE, title="<script>alert('title')</script>",
                     collab_id=collab, quote=HOSTILE.splitlines()[0])
        for path in [f"/collaborations/{collab}", "/documents", "/search?q=script"]:
            page = c.get(path).text
            assert "<script>alert" not in page and "<script>window" not in page, path
            assert "&lt;script&gt;" in page, path
