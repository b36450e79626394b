"""The supply-chain API and page over real stores (SQLite and PostgreSQL): JSON conforming to
its response models, CSV downloads, coded errors, and the profile's supplied inputs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kizuna.store import Store
from kizuna.web import supply_schemas as ss
from tests.web.conftest import make_app


@pytest.fixture(scope="module")
def client(chips_store: Store) -> Iterator[TestClient]:
    with TestClient(make_app(chips_store)) as c:
        yield c


def test_concentration_and_chokepoints_conform(client: TestClient) -> None:
    conc = client.get("/api/supply-chain/concentration")
    assert conc.status_code == 200
    body = ss.Concentration.model_validate(conc.json())
    assert {s.stage_id for s in body.stages} == {"S1", "S2", "S3"}
    chokes = ss.Chokepoints.model_validate(client.get("/api/supply-chain/chokepoints").json())
    assert [c.rank for c in chokes.chokepoints] == list(range(1, len(chokes.chokepoints) + 1))
    assert all(c.reasons and c.provision_rows for c in chokes.chokepoints)


def test_disrupt_and_its_csv(client: TestClient) -> None:
    out = client.get("/api/supply-chain/disrupt", params={"remove": ["CHN", "Tokyo Electron"]})
    assert out.status_code == 200
    body = ss.Disruption.model_validate(out.json())
    assert [r.name for r in body.removed] == ["CHN", "Tokyo Electron"]
    assert body.stages_at_risk
    csv = client.get("/api/supply-chain/disrupt.csv", params={"remove": "CHN"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("input_id,input_name")


def test_errors_are_coded(client: TestClient) -> None:
    unknown = client.get("/api/supply-chain/disrupt", params={"remove": "Atlantis"})
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (422, "K203")
    nochain = client.get("/api/supply-chain/concentration", params={"chain": "nope"})
    assert (nochain.status_code, nochain.json()["error"]["code"]) == (404, "K202")
    bad = client.get("/api/supply-chain/concentration", params={"allied": "Japan"})
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "K205")


def test_page_and_profile(client: TestClient) -> None:
    page = client.get("/supply-chain", params={"remove": "CHN, ASML"})
    assert page.status_code == 200
    assert "stage at risk" in page.text and 'id="chokepoints"' in page.text
    profile = client.get("/organizations/tokyo-electron")
    assert "Inputs it supplies" in profile.text and "Resist processing tools" in profile.text
    api = client.get("/api/organizations/tokyo-electron").json()
    assert any(s["input_id"] == "N32" and s["provision_row"] == 731 for s in api["supplies"])
