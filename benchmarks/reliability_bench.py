"""Reliability under real use, measured with real processes.

    .venv/bin/python benchmarks/reliability_bench.py                 # both parts
    .venv/bin/python benchmarks/reliability_bench.py --part kill --kills 10
    .venv/bin/python benchmarks/reliability_bench.py --part latency --upload-mb 1

kill: ``kizuna ingest`` over real documents (the seeds, kizuna's English corpus and evaluation
set) is killed with SIGKILL at a different point each time (after 1/(n+1), 2/(n+1), … of the
documents are stored; the killed run uses two worker processes), resumed with one, and its graph
compared, every row and column but the timestamps, with a clean ingest's. Target: 10 of 10
identical.

latency: ``kizuna serve`` on a fresh SQLite database with the starter knowledge base; p50/p95 of
``GET /api/stats`` at rest, then during the ingest of a 1 MB text upload (real policy prose, the
seeds repeated). Target: p95 < 50 ms during the upload.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = [SHARED / "seeds", REPO / "tests/data/en_heldout/docs",
           REPO / "tests/data/corpus/en/train/docs", REPO / "tests/data/corpus/en/dev/docs"]
TOKEN = "bench-token-0123456789abcdef"


def kizuna(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "kizuna", *args], env=env, text=True,
                            capture_output=True, timeout=3600, check=False)
    if result.returncode != 0:
        raise SystemExit(f"kizuna {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def fresh(tmp: Path, name: str) -> tuple[dict[str, str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    url = f"sqlite:///{tmp / name}.db"
    env.update(KIZUNA_DATABASE_URL=url, KIZUNA_DATA_DIR=str(tmp / "data"))
    kizuna(env, "load-starter")
    return env, url


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    from kizuna.store import open_store
    from kizuna.store.db.reliability import graph_snapshot

    store = open_store(url)
    try:
        with store.read() as conn:
            return graph_snapshot(conn)
    finally:
        store.dispose()


def stored(url: str) -> int:
    from kizuna.store import open_store
    from kizuna.store.tables import documents

    store = open_store(url)
    try:
        with store.read() as conn:
            return len(conn.execute(documents.select()).all())
    finally:
        store.dispose()


def differences(a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]]
                ) -> dict[str, int]:
    """Per table, how many rows one side has and the other has not."""
    return {t: len(set(a[t]) ^ set(b[t])) for t in a if set(a[t]) != set(b[t])}


def kill_part(kills: int, tmp: Path) -> dict[str, Any]:
    folder = tmp / "docs"
    folder.mkdir()
    for source in SOURCES:
        for path in sorted(source.iterdir()):
            if path.suffix in (".txt", ".md"):
                shutil.copy(path, folder / f"{source.parent.name}-{path.name}")
    total = len(list(folder.iterdir()))
    env, url = fresh(tmp, "clean")
    started = time.perf_counter()
    kizuna(env, "ingest", str(folder))
    clean_seconds = time.perf_counter() - started
    clean = snapshot(url)
    runs = []
    for i in range(1, kills + 1):
        env, url = fresh(tmp, f"killed{i}")
        target = max(1, total * i // (kills + 1))
        proc = subprocess.Popen([sys.executable, "-m", "kizuna", "ingest", "-w", "2",
                                 str(folder)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        while proc.poll() is None and stored(url) < target:
            time.sleep(0.02)
        at = stored(url)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        orphans = not _group_gone(proc.pid, 20)
        kizuna(env, "ingest", str(folder))
        diff = differences(clean, snapshot(url))
        runs.append({"killed_after_documents": at, "identical": not diff, "differences": diff,
                     "orphaned_workers": orphans})
        print(f"kill {i}: after {at}/{total} documents stored -> "
              f"{'identical' if not diff else f'DIFFERENT {diff}'}"
              f"{' (worker processes outlived it)' if orphans else ''}", flush=True)
    return {"documents": total, "collaborations": len(clean["collaborations"]),
            "evidence": len(clean["evidence"]), "clean_ingest_s": round(clean_seconds, 1),
            "identical": sum(r["identical"] for r in runs), "kills": kills,
            "orphaned": sum(r["orphaned_workers"] for r in runs), "runs": runs}


def _group_gone(pgid: int, timeout: float) -> bool:
    """Whether every process of the killed ingest's group has left within ``timeout`` (its
    workers must notice they are orphaned); what is left is killed, not left running."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            os.killpg(pgid, 0)
            time.sleep(0.1)
        os.killpg(pgid, signal.SIGKILL)
        return False
    except ProcessLookupError:
        return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _quantiles(xs: list[float]) -> dict[str, float]:
    ms = sorted(x * 1000 for x in xs)
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
            "max_ms": round(ms[-1], 1)}


def latency_part(upload_mb: float, tmp: Path) -> dict[str, Any]:
    import httpx

    env, _url = fresh(tmp, "serve")
    env["KIZUNA_API_TOKEN"] = TOKEN
    env["KIZUNA_MAX_FILE_BYTES"] = str(int(upload_mb * 1_000_000) + 1_000_000)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "kizuna", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    seeds = "\n\n".join(p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt")))
    body = "\n\n".join([seeds] * (int(upload_mb * 1_000_000) // len(seeds) + 1))
    body = body[: int(upload_mb * 1_000_000)]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as c:
            deadline = time.monotonic() + 60
            while True:
                try:
                    c.get("/api/stats")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SystemExit("kizuna serve did not start") from None
                    time.sleep(0.2)
            idle = [_timed(c) for _ in range(100)]
            started = time.perf_counter()
            r = c.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                       files={"file": ("long.txt", body.encode(), "text/plain")})
            answer_s = time.perf_counter() - started
            if r.status_code != 202:
                raise SystemExit(f"upload answered {r.status_code}: {r.text}")
            job_url = r.json()["url"]
            during: list[float] = []
            job: dict[str, Any] = {"state": "queued"}
            while job["state"] in ("queued", "running"):
                elapsed = _timed(c)
                job = c.get(job_url).json()
                if job["state"] == "running":
                    during.append(elapsed)
                time.sleep(0.05)
            ingest_s = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    return {"upload_bytes": len(body.encode()), "upload_answered_s": round(answer_s, 3),
            "job": job["state"], "collaborations": (job.get("result") or {}).get(
                "collaborations"), "ingest_s": round(ingest_s, 1),
            "stats_at_rest": _quantiles(idle), "stats_during_ingest": _quantiles(during)}


def _timed(client: Any) -> float:
    started = time.perf_counter()
    client.get("/api/stats").raise_for_status()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["kill", "latency", "all"], default="all")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--upload-mb", type=float, default=1.0)
    args = parser.parse_args()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kizuna-reliability-") as tmp:
        if args.part in ("kill", "all"):
            (Path(tmp) / "kill").mkdir()
            out["kill_resume"] = kill_part(args.kills, Path(tmp) / "kill")
            print(f"kill -9 and resume: {out['kill_resume']['identical']} of {args.kills} "
                  "graphs identical to a clean ingest", flush=True)
        if args.part in ("latency", "all"):
            (Path(tmp) / "latency").mkdir()
            out["latency"] = latency_part(args.upload_mb, Path(tmp) / "latency")
            lat = out["latency"]
            print(f"GET /api/stats p95: {lat['stats_at_rest']['p95_ms']} ms at rest, "
                  f"{lat['stats_during_ingest']['p95_ms']} ms during a "
                  f"{lat['upload_bytes'] / 1e6:.1f} MB upload ({lat['ingest_s']} s ingest)",
                  flush=True)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
