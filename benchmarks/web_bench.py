"""Latency of the dashboard and API: p50 and p95 for the overview, a profile and search, as JSON
and as pages, on the starter knowledge base and on a synthetic 100k-collaboration SQLite
database (built with the library's own upsert functions).

    .venv/bin/python benchmarks/web_bench.py                 # both sizes
    .venv/bin/python benchmarks/web_bench.py --sizes starter --requests 50
    .venv/bin/python benchmarks/web_bench.py --keep /tmp/kizuna-100k.db   # reuse the big one

Requests go through FastAPI's in-process client (no network), after one warm-up request each;
the cold cost of the first overview (aggregates and betweenness, then cached) is reported apart.
Targets at 100k on SQLite: p95 < 50 ms for API calls, < 300 ms for pages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from kizuna.model.entities import Collaboration, Organization, Party
from kizuna.model.taxonomy import technologies
from kizuna.model.vocab import Mechanism, OrgKind
from kizuna.settings import Settings, load_settings
from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, db, open_store
from kizuna.web import create_app

TARGETS = {"api": 50.0, "page": 300.0}
SYLLABLES = ["ka", "ta", "mi", "ro", "su", "ne", "ho", "ri", "to", "ya", "ma", "shi", "no", "ku"]
WORDS = ["Advanced", "Quantum", "Photonics", "Systems", "Materials", "Robotics", "Energy",
         "Semiconductor", "Bio", "Space", "Mobility", "Networks", "Labs", "Dynamics"]


def synthetic(store: Store, collaborations: int, organizations: int, seed: int = 42) -> None:
    """Add ``organizations`` made-up organizations and ``collaborations`` collaborations
    between them (and the starter's) through :func:`db.upsert_organizations` and
    :func:`db.upsert_collaborations`, in batches."""
    rng = random.Random(seed)
    kinds = [OrgKind.COMPANY, OrgKind.STARTUP, OrgKind.UNIVERSITY, OrgKind.NATIONAL_LAB,
             OrgKind.GOVERNMENT_AGENCY, OrgKind.FUND]
    countries = ["JP"] * 5 + ["US"] * 5 + ["KR", "DE", "GB", "TW", "IN", "AU"]
    orgs = []
    for i in range(organizations):
        name = (rng.choice(SYLLABLES).title() + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
                + " " + rng.choice(WORDS) + f" {i}")
        orgs.append(Organization(id=f"synthetic-org-{i}", name=name, kind=rng.choice(kinds),
                                 country=rng.choice(countries), reviewed=False,
                                 aliases=(f"SYN{i}",)))
    with store.write() as conn:
        db.upsert_organizations(conn, orgs, "user")
    ids = [o.id for o in orgs]
    techs = [t.id for t in technologies()]
    mechs = list(Mechanism)
    # a few hubs get most partners, like real networks
    weights = [1.0 / (1 + i) ** 0.7 for i in range(len(ids))]
    batch: list[Collaboration] = []
    for i in range(collaborations):
        a, b = rng.choices(ids, weights=weights, k=2)
        if a == b:
            b = ids[(ids.index(a) + 1) % len(ids)]
        year = rng.randint(1990, 2026)
        mech = rng.choice(mechs)
        batch.append(Collaboration(
            id=f"synthetic-{i}", title=f"{mech.value.replace('_', ' ').title()} {i} on "
            f"{rng.choice(WORDS).lower()} {rng.choice(WORDS).lower()}",
            parties=(Party(org=a), Party(org=b)), mechanism=mech,
            technologies=tuple(rng.sample(techs, k=rng.randint(1, 2))),
            date=f"{year}-{rng.randint(1, 12):02d}", summary=None))
        if len(batch) == 5000:
            with store.write() as conn:
                db.upsert_collaborations(conn, batch, "user")
            batch = []
    if batch:
        with store.write() as conn:
            db.upsert_collaborations(conn, batch, "user")


def measure(client: TestClient, url: str, n: int) -> tuple[float, float, float]:
    first = time.perf_counter()
    response = client.get(url)
    cold = (time.perf_counter() - first) * 1000
    assert response.status_code == 200, (url, response.status_code, response.text[:200])
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], cold


def run(label: str, store: Store, settings: Settings, n: int) -> list[str]:
    with store.read() as conn:
        counts = db.count_rows(conn)
    print(f"\n## {label}: {counts['collaborations']:,} collaborations, "
          f"{counts['organizations']:,} organizations")
    print(f"{'what':<10} {'face':<5} {'url':<46} {'p50 ms':>8} {'p95 ms':>8} {'first':>8}")
    failures = []
    with TestClient(create_app(store, settings, warm=False)) as client:
        cases = [("overview", "api", "/api/overview"), ("overview", "page", "/"),
                 ("profile", "api", "/api/organizations/toyota-motor"),
                 ("profile", "page", "/organizations/toyota-motor"),
                 ("search", "api", "/api/search?q=toyota"),
                 ("search", "page", "/search?q=toyota"),
                 ("network", "api", "/api/network?technology=quantum"),
                 ("network", "page", "/network?technology=quantum"),
                 ("list", "api", "/api/collaborations?mechanism=investment&years=2015-"),
                 ("list", "page", "/collaborations?mechanism=investment&years=2015-")]
        for what, face, url in cases:
            p50, p95, cold = measure(client, url, n)
            ok = p95 < TARGETS[face]
            print(f"{what:<10} {face:<5} {url:<46} {p50:8.1f} {p95:8.1f} {cold:8.0f}"
                  f"{'' if ok else '  over target'}")
            if not ok:
                failures.append(f"{label} {face} {url}: p95 {p95:.1f} ms")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="starter,100k")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--collaborations", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="SQLite file for the big database (reused)")
    args = parser.parse_args()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        kb = read_starter()
        for size in args.sizes.split(","):
            path = Path(tmp) / f"{size}.db"
            if size != "starter" and args.keep:
                path = args.keep
            fresh = not path.exists()
            store = open_store(f"sqlite:///{path}", create=True)
            settings = load_settings({"KIZUNA_DATABASE_URL": store.url})
            if fresh:
                started = time.perf_counter()
                load_starter(store, kb)
                if size != "starter":
                    synthetic(store, args.collaborations, args.organizations)
                print(f"(built {size} in {time.perf_counter() - started:.0f} s)")
            failures += run(size, store, settings, args.requests) if size == "starter" else \
                run(f"{size} (SQLite)", store, settings, args.requests)
            store.dispose()
    if failures:
        print("\nover target at 100k:" if failures else "", *failures, sep="\n  ")


if __name__ == "__main__":
    main()
