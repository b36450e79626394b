"""``/api/cables/...`` and the ``/cables`` page over a store with the starter knowledge base and
the real cable data (both backends)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kizuna.connectivity.load import load_cables
from kizuna.store import Store
from tests.web.conftest import make_app


@pytest.fixture(scope="module")
def cable_client(loaded_store: Store, cables_dir: Path) -> Iterator[TestClient]:
    load_cables(loaded_store, cables_dir)
    with TestClient(make_app(loaded_store)) as c:
        yield c


def test_resilience_api_and_csv(cable_client: TestClient) -> None:
    body = cable_client.get("/api/cables/resilience", params={"country": "Taiwan"}).json()
    assert body["countries"][0]["cables"] == 12  # hand count, see test_analysis.py
    out = cable_client.get("/api/cables/resilience.csv")
    assert out.status_code == 200 and out.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(out.text)))
    assert {"country", "min_cut_to_isolate"} <= set(rows[0]) and len(rows) > 150


def test_cut_path_owners_and_map_csv(cable_client: TestClient) -> None:
    cut = cable_client.get("/api/cables/cut", params={
        "box": "19,119.5,22,122", "between": "Japan,Philippines"}).json()
    assert cut["cables_cut"] and cut["reachability"][0]["disjoint_paths_after"] < \
        cut["reachability"][0]["disjoint_paths_before"]
    path = cable_client.get("/api/cables/path", params={
        "from": "United States", "to": "Palau", "cable": "sea-us"}).json()
    assert (path["disjoint_paths_before"], path["disjoint_paths_after"]) == (2, 1)
    owners = cable_client.get("/api/cables/owners", params={"country": "Japan"}).json()
    ntt = next(o for o in owners["owners"] if o["owner"] == "NTT")
    assert ntt["org_id"] == "ntt"
    rows = list(csv.DictReader(io.StringIO(cable_client.get(
        "/api/cables/map.csv", params={"cable": "sea-us"}).text)))
    assert len(rows) == 2144 and {r["cable"] for r in rows if r["cable_cut"] == "True"} == {
        "sea-us"}


def test_bad_requests_are_coded(cable_client: TestClient) -> None:
    out = cable_client.get("/api/cables/cut", params={"box": "1,2,3"})
    assert out.status_code == 422 and out.json()["error"]["code"] == "K227"
    out = cable_client.get("/api/cables/resilience", params={"country": "Atlantis"})
    assert out.status_code == 404 and out.json()["error"]["code"] == "K224"
    out = cable_client.get("/api/cables/cut", params={"cable": "no-such-cable"})
    assert out.status_code == 404 and out.json()["error"]["code"] == "K225"


def test_the_page_links_owners_to_profiles(cable_client: TestClient) -> None:
    page = cable_client.get("/cables", params={"country": "Japan", "near": "35.0,139.9",
                                               "radius_km": "40"})
    assert page.status_code == 200
    assert 'href="/organizations/ntt"' in page.text and 'id="cut-table"' in page.text
    assert 'data-figure="fig-cables-map"' in page.text and "<script>" not in page.text
    base = cable_client.get("/assets/topojson/world_110m.json").json()
    assert base["type"] == "Topology" and {"land", "coastlines", "countries"} <= set(
        base["objects"])
