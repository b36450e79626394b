"""A killed-and-resumed ingest gives the graph a clean ingest gives (the issue's fifth failure).

Real processes: ``kizuna ingest`` runs as a subprocess over real documents (the seeds and
kizuna's English corpus and evaluation set, which name the same organizations and
collaborations across documents), is killed with SIGKILL once half the documents are stored,
and is run again; the graph is compared table by table, every column but the timestamps, with a
clean ingest's.
The benchmark ``benchmarks/reliability_bench.py`` does this ten times at different points.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from kizuna.store import open_store
from kizuna.store.db.reliability import graph_snapshot
from kizuna.store.tables import documents

REPO = Path(__file__).resolve().parents[2]
# 77 documents: enough overlap between documents that the old ingest, resumed, gave another
# graph (organizations found by an earlier run's gazetteer, writes in completion order)
SOURCES = [REPO / ".." / "shared" / "seeds", REPO / "tests" / "data" / "en_heldout" / "docs",
           REPO / "tests" / "data" / "corpus" / "en" / "train" / "docs",
           REPO / "tests" / "data" / "corpus" / "en" / "dev" / "docs"]


def _kizuna(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kizuna", *args], env=env, text=True,
                          capture_output=True, timeout=600, check=False)


def _env(tmp: Path, name: str) -> tuple[dict[str, str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    url = f"sqlite:///{tmp / name}.db"
    env["KIZUNA_DATABASE_URL"] = url
    env["KIZUNA_DATA_DIR"] = str(tmp / "data")
    result = _kizuna(env, "load-starter")
    assert result.returncode == 0, result.stderr
    return env, url


def _stored(url: str) -> int:
    store = open_store(url)
    try:
        with store.read() as conn:
            return len(conn.execute(documents.select()).all())
    finally:
        store.dispose()


def _snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    store = open_store(url)
    try:
        with store.read() as conn:
            return graph_snapshot(conn)
    finally:
        store.dispose()


def test_a_killed_and_resumed_ingest_gives_the_clean_graph(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for source in SOURCES:
        for path in sorted(source.iterdir()):
            if path.suffix in (".txt", ".md"):
                shutil.copy(path, folder / f"{source.parent.name}-{path.name}")
    total = len(list(folder.iterdir()))
    clean_env, clean_url = _env(tmp_path, "clean")
    assert _kizuna(clean_env, "ingest", str(folder)).returncode == 0
    clean = _snapshot(clean_url)
    assert len(clean["documents"]) == total and clean["evidence"]

    env, url = _env(tmp_path, "killed")
    # two worker processes in the killed run, one in the resume: order must not matter
    proc = subprocess.Popen([sys.executable, "-m", "kizuna", "ingest", "-w", "2", str(folder)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while proc.poll() is None and _stored(url) < total // 2:
        assert time.monotonic() < deadline, "the ingest stored nothing in 300 s"
        time.sleep(0.02)
    killed_at = _stored(url)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert 0 < killed_at < total, "the kill came before the end of the ingest"
    # its worker processes notice they are orphaned and leave (each holds a spaCy model)
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            os.killpg(proc.pid, 0)
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGKILL)  # clean up before failing
        raise AssertionError("worker processes outlived the killed ingest")
    except ProcessLookupError:
        pass
    resumed = _kizuna(env, "ingest", str(folder))
    assert resumed.returncode == 0, resumed.stderr
    after = _snapshot(url)
    for table, rows in clean.items():
        assert after[table] == rows, f"{table}: the resumed graph differs from the clean one"
