"""Ingesting real files into real databases: idempotent, resumable, parallel, and robust to bad
files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from kizuna.catalog import list_collaborations, organization_profile
from kizuna.ingest import ingest_paths, ingest_upload
from kizuna.settings import load_settings
from kizuna.starter import load_starter
from kizuna.store import Store
from kizuna.store.tables import documents, evidence, organizations
from tests.conftest import SHARED
from tests.documents import encrypted_pdf, html_page, pdf_with_text

GOOD = [
    ("alpha.txt", "Kyoto Fusioneering partnered with Helion Systems on fusion power plants in "
                  "March 2024."),
    ("beta.md", "---\ntitle: Beta\ndate: 2023-05-01\n---\nHitachi and NVIDIA announced a "
                "partnership to build industrial AI systems."),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name, text in GOOD:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub" / "gamma.html").write_text(html_page(
        "Deal", ["Panasonic acquired Blue Yonder, a supply-chain software company, in 2021."]),
        encoding="utf-8")
    (folder / "sub" / "delta.pdf").write_bytes(pdf_with_text(
        ["NASA and JAXA signed an agreement on a pressurized lunar rover in April 2024."]))
    return folder


@pytest.fixture
def kb_store(store: Store) -> Store:
    load_starter(store)
    return store


def _settings() -> object:
    return load_settings({"KIZUNA_DATA_DIR": "/nonexistent"})


def _count(store: Store, table: object) -> int:
    with store.read() as conn:
        return len(conn.execute(select(table)).all())  # type: ignore[call-overload]


def test_a_folder_is_ingested_with_evidence(kb_store: Store, corpus: Path) -> None:
    report = ingest_paths(kb_store, [corpus], _settings())  # type: ignore[arg-type]
    assert report.count("stored") == 4 and not report.errors
    with kb_store.read() as conn:
        rows = conn.execute(select(evidence.c.quote, evidence.c.start, evidence.c.end,
                                   documents.c.text)
                            .join(documents, documents.c.id == evidence.c.document_id)).all()
    assert rows
    for quote, start, end, text in rows:
        assert text[start:end] == quote
    evidenced = [c for c in list_collaborations(kb_store) if c["evidence"]]
    assert {c["mechanism"] for c in evidenced} >= {"partnership", "acquisition"}
    assert any(c["origin"] == "extracted" for c in evidenced)
    # a known collaboration gets the new evidence instead of a duplicate
    rover = [c for c in list_collaborations(kb_store)
             if {p["org"] for p in c["parties"]} == {"nasa", "jaxa"} and c["evidence"]]
    assert rover


def test_new_organizations_are_unreviewed_with_evidence_and_not_duplicated(
        kb_store: Store, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(GOOD[0][1], encoding="utf-8")
    (tmp_path / "two.txt").write_text("Helion Systems Inc. partnered with Toyota Motor on "
                                      "fusion research.", encoding="utf-8")
    ingest_paths(kb_store, [tmp_path / "one.txt"], _settings())  # type: ignore[arg-type]
    ingest_paths(kb_store, [tmp_path / "two.txt"], _settings())  # type: ignore[arg-type]
    with kb_store.read() as conn:
        new = conn.execute(select(organizations.c.id, organizations.c.reviewed)
                           .where(organizations.c.origin == "extracted")).all()
    ids = {r.id for r in new}
    assert {"kyoto-fusioneering", "helion-systems"} <= ids
    assert not any(r.reviewed for r in new)
    assert len([i for i in ids if i.startswith("helion")]) == 1
    profile = organization_profile(kb_store, "helion-systems")
    assert len(profile["collaborations"]) == 2


def test_reingesting_changes_nothing_and_resumes(kb_store: Store, corpus: Path,
                                                 tmp_path: Path) -> None:
    first = sorted(corpus.rglob("*.*"))[:2]
    ingest_paths(kb_store, first, _settings())  # type: ignore[arg-type]
    before = _count(kb_store, evidence)
    report = ingest_paths(kb_store, [corpus], _settings())  # type: ignore[arg-type]
    assert report.count("unchanged") == 2 and report.count("stored") == 2
    after = _count(kb_store, evidence)
    again = ingest_paths(kb_store, [corpus], _settings())  # type: ignore[arg-type]
    assert again.count("unchanged") == 4
    assert _count(kb_store, evidence) == after > before


def test_bad_files_are_reported_and_the_batch_goes_on(kb_store: Store, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "locked.pdf").write_bytes(encrypted_pdf(["secret text"]))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 30)
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "huge.txt").write_text("Toyota partnered with Sony. " * 5000, encoding="utf-8")
    settings = load_settings({"KIZUNA_DATA_DIR": "/x", "KIZUNA_MAX_FILE_BYTES": "50000"})
    report = ingest_paths(kb_store, [corpus], settings)
    errors = {Path(o.name).name: o.error for o in report.errors}
    assert set(errors) == {"empty.txt", "locked.pdf", "broken.pdf", "blob.txt", "huge.txt"}
    assert all(name in (err or "") for name, err in errors.items())
    assert report.count("stored") == 4
    assert _count(kb_store, documents) == 4


def test_parallel_processes_give_the_same_result(kb_store: Store, corpus: Path,
                                                 tmp_path: Path) -> None:
    report = ingest_paths(kb_store, [corpus], _settings(), workers=2)  # type: ignore[arg-type]
    assert report.count("stored") == 4
    assert _count(kb_store, documents) == 4


def test_a_dask_cluster_extracts(kb_store: Store, corpus: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        report = ingest_paths(kb_store, [corpus], _settings(),  # type: ignore[arg-type]
                              scheduler=cluster.scheduler_address)
    assert report.count("stored") == 4 and not report.errors


def test_an_upload_is_ingested_once(kb_store: Store) -> None:
    data = GOOD[0][1].encode()
    first = ingest_upload(kb_store, "note.txt", data, _settings())  # type: ignore[arg-type]
    second = ingest_upload(kb_store, "note.txt", data, _settings())  # type: ignore[arg-type]
    assert first["status"] == "stored" and first["collaborations"] == 1
    assert second["status"] == "unchanged"
    bad = ingest_upload(kb_store, "x.exe", b"MZ\x90\x00" * 100, _settings())  # type: ignore[arg-type]
    assert bad["status"] == "error" and "x.exe" in bad["error"]


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared is not beside the repo")
def test_seed_documents_attach_evidence_to_their_starter_collaborations(
        kb_store: Store, tmp_path: Path) -> None:
    shutil.copytree(SHARED / "seeds", tmp_path / "seeds")
    report = ingest_paths(kb_store, [tmp_path / "seeds"], _settings())  # type: ignore[arg-type]
    assert report.count("stored") == 5
    starter_with_evidence = [c for c in list_collaborations(kb_store)
                             if c["origin"] == "starter" and c["evidence"]]
    assert len(starter_with_evidence) >= 5


def test_an_ingest_killed_midway_resumes_cleanly(tmp_path: Path) -> None:
    """A real crash: the ingest process is killed with SIGKILL while it writes. Every document
    stored before the kill is whole (its facts and evidence), and re-running finishes the job."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from kizuna.store import open_store

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"doc{i:02d}.txt").write_text(
            f"Report {i}. Hitachi partnered with NVIDIA on industrial AI in {2000 + i}. "
            f"Sony Group invested in the startup Helion Systems in {2000 + i}.", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    env["KIZUNA_DATA_DIR"] = str(tmp_path / "data")
    url = f"sqlite:///{tmp_path / 'data' / 'kizuna.db'}"
    proc = subprocess.Popen([sys.executable, "-m", "kizuna", "ingest", str(folder)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            store = open_store(url)
        except Exception:  # not created yet
            continue
        stored = _count(store, documents)
        store.dispose()
        if stored >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    store = open_store(url)
    with store.read() as conn:
        docs = conn.execute(select(documents.c.id)).all()
        with_evidence = {r[0] for r in conn.execute(select(evidence.c.document_id))}
    assert docs and all(d.id in with_evidence for d in docs)  # no half-stored document
    rerun = subprocess.run([sys.executable, "-m", "kizuna", "ingest", str(folder)], env=env,
                           capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(docs)} already stored" in rerun.stdout
    assert _count(store, documents) == 30
