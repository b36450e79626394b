"""The JSON API over the starter knowledge base, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from kizuna.catalog import list_collaborations, list_organizations, organization_profile
from kizuna.errors import E
from kizuna.filters import make_filters
from kizuna.store import Store, db


def test_overview_matches_the_library(client: TestClient, loaded_store: Store) -> None:
    body = client.get("/api/overview").json()
    rows = list_collaborations(loaded_store)
    assert body["totals"]["collaborations"] == len(rows)
    assert sum(r["count"] for r in body["year_mechanism"]) == len(rows)
    bridging = body["bridging"]
    cross = [r["cross_border_partners"] for r in bridging["by_cross_border_partners"]]
    assert cross == sorted(cross, reverse=True) and cross[0] > 0
    between = [r["betweenness"] for r in bridging["by_betweenness"]]
    assert between == sorted(between, reverse=True) and between[0] > 0


@pytest.mark.parametrize("query", [
    {}, {"country": "JP"}, {"kind": "university"}, {"technology": "quantum"},
    {"technology": "semiconductors_microelectronics", "years": "2020-"},
    {"mechanism": "investment"}, {"text": "toyota"}, {"text": "トヨタ"}, {"years": "-1999"},
])
def test_lists_are_the_clis_lists_paginated(client: TestClient, loaded_store: Store,
                                            query: dict[str, str]) -> None:
    filters = make_filters(**query)  # type: ignore[arg-type]
    orgs = list_organizations(loaded_store, filters)
    collabs = list_collaborations(loaded_store, filters)
    with loaded_store.read() as conn:  # the web's counts agree with the CLI's lists
        assert db.count_organizations(conn, filters) == len(orgs)
        assert db.count_collaborations(conn, filters) == len(collabs)
    page = client.get("/api/organizations", params={**query, "limit": 7}).json()
    assert page["total"] == len(orgs)
    assert [o["id"] for o in page["items"]] == [o["id"] for o in orgs[:7]]
    assert page["next_offset"] == (7 if len(orgs) > 7 else None)
    page2 = client.get("/api/collaborations", params={**query, "limit": 5, "offset": 5}).json()
    assert page2["total"] == len(collabs)
    assert [c["id"] for c in page2["items"]] == [c["id"] for c in collabs[5:10]]


def test_a_profile_is_the_clis_profile(client: TestClient, loaded_store: Store) -> None:
    body = client.get("/api/organizations/toyota").json()
    expected = organization_profile(loaded_store, "toyota")
    assert body["id"] == expected["id"] == "toyota-motor"
    ids = [c["id"] for c in expected["collaborations"]]
    assert [c["id"] for c in body["collaborations"]] == ids
    assert "トヨタ自動車" in body["ja"]
    assert all(c["citation"] or c["evidence"] for c in body["collaborations"])


def test_errors_are_json_with_status_codes(client: TestClient) -> None:
    r = client.get("/api/organizations/no-such-org-anywhere")
    assert r.status_code == 404 and r.json()["error"]["code"] == "K010"
    r = client.get("/api/collaborations/no-such-collab")
    assert r.status_code == 404 and r.json()["error"]["code"] == "K011"
    r = client.get("/api/collaborations", params={"years": "2020-2010"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "K020"
    r = client.get("/api/organizations", params={"technology": "alchemy"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "K020"
    r = client.get("/api/organizations", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = client.get("/api/documents/" + "0" * 64)
    assert r.status_code == 404 and r.json()["error"]["code"] == E.NOT_FOUND.code
    assert client.get("/api/nowhere").json()["error"]["status"] == 404


def test_collaboration_with_its_evidence(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert docs["total"] >= 1
    doc = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    ev = doc["evidence"][0]
    assert doc["text"][ev["start"]:ev["end"]] == ev["quote"] and ev["matches_text"]
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    assert next(s for s in doc["segments"] if s["evidence"])["text"] == ev["quote"]
    collab = client.get(f"/api/collaborations/{ev['collaboration_id']}").json()
    assert [e["id"] for e in collab["evidence"]] == [ev["id"]]
    listed = client.get("/api/evidence", params={"collaboration_id": ev["collaboration_id"]})
    assert listed.json()["total"] == 1


def test_technologies(client: TestClient) -> None:
    techs = client.get("/api/technologies").json()["items"]
    quantum = next(t for t in techs if t["id"] == "quantum")
    page = client.get("/api/technologies/quantum", params={"limit": 3}).json()
    assert page["collaborations"]["total"] == quantum["collaborations"] > 0
    assert len(page["collaborations"]["items"]) == 3
    assert sum(page["mechanisms"].values()) == quantum["collaborations"]
    area = client.get("/api/technologies/space").json()
    assert area["collaborations"]["total"] > 0
    assert client.get("/api/technologies/alchemy").status_code == 404


def test_search_covers_names_in_both_languages_and_quotes(client: TestClient) -> None:
    en = client.get("/api/search", params={"q": "Toyota"}).json()
    ja = client.get("/api/search", params={"q": "トヨタ"}).json()
    assert "toyota-motor" in [o["id"] for o in en["organizations"]["items"]]
    assert "toyota-motor" in [o["id"] for o in ja["organizations"]["items"]]
    assert en["collaborations"]["total"] >= ja["collaborations"]["total"] > 0
    assert en["evidence"]["total"] == 1 and "Toyota" in en["evidence"]["items"][0]["quote"]
    assert client.get("/api/search", params={"q": "100%_"}).json()["organizations"]["total"] == 0
    assert client.get("/api/search").json()["collaborations"]["total"] == 0


def test_network_is_filtered_and_laid_out(client: TestClient) -> None:
    full = client.get("/api/network").json()
    quantum = client.get("/api/network", params={"technology": "quantum"}).json()
    assert 0 < quantum["total_nodes"] < full["total_nodes"]
    node = full["nodes"][0]
    assert -1.01 <= node["x"] <= 1.01 and {"country", "kind", "name"} <= set(node)
    assert client.get("/api/network", params={"mechanism": "nope"}).status_code == 422
    hood = client.get("/api/organizations/toyota-motor/neighbourhood").json()
    center = [n for n in hood["nodes"] if n.get("center")]
    assert [n["id"] for n in center] == ["toyota-motor"]
    assert len(hood["nodes"]) == len(organization_profile_partners(client)) + 1


def organization_profile_partners(client: TestClient) -> list[str]:
    return [p["org"] for p in client.get("/api/organizations/toyota-motor").json()["partners"]]


@pytest.mark.parametrize("url", ["/api/overview/heatmap.csv", "/api/overview/timeline.csv",
                                 "/api/overview/cross-border.csv",
                                 "/api/overview/betweenness.csv", "/api/network/nodes.csv",
                                 "/api/network/edges.csv?technology=quantum",
                                 "/api/organizations/toyota-motor/timeline.csv"])
def test_chart_data_downloads_as_csv(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows


def test_plotly_is_served_locally(client: TestClient) -> None:
    r = client.get("/assets/plotly.min.js")
    assert r.status_code == 200 and b"plotly" in r.content[:2000].lower()
    page = client.get("/").text
    assert 'src="/assets/plotly.min.js"' in page
    assert "http://" not in page.split("<footer>")[0].replace("http://www.w3.org", "")
    assert "cdn" not in page.lower()


@pytest.mark.parametrize("path", [
    "/", "/network", "/network?technology=quantum&years=2015-", "/organizations",
    "/organizations?country=JP&limit=5", "/organizations/toyota-motor", "/collaborations",
    "/technologies", "/technologies/quantum", "/documents", "/search?q=toyota",
])
def test_every_page_has_a_json_face(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    marker = '<link rel="alternate" type="application/json" href="'
    href = r.text.split(marker, 1)[1].split('"', 1)[0].replace("&amp;", "&")
    face = client.get(href)
    assert face.status_code == 200 and face.headers["content-type"] == "application/json"


def test_pages_show_errors_as_pages(client: TestClient) -> None:
    r = client.get("/organizations/no-such-org")
    assert r.status_code == 404 and "K010" in r.text and "<html" in r.text
    assert client.get("/collaborations?years=later").status_code == 422


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/..%2f..%2fapp.py", "/static/%2e%2e/app.py",
    "/api/documents/..%2f..%2fetc%2fpasswd", "/documents/../../etc/passwd",
    "/organizations/..%2f..%2fetc%2fpasswd", "/api/technologies/..%2fsettings",
])
def test_no_path_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 422)
    assert "root:" not in r.text and "create_app" not in r.text
