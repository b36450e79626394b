"""The priorities, funding and partner API over the starter knowledge base, on SQLite and on
PostgreSQL (``loaded_store`` runs each module once per backend): answers match the library call
the CLI makes, conform to the response models, and bad input is the coded K2xx error with its
HTTP status."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

import pytest
from fastapi.testclient import TestClient

from kizuna.priorities.graph import load_graph
from kizuna.priorities.plan import FundingRequest, plan_funding
from kizuna.priorities.scoring import score_priorities
from kizuna.store import Store
from kizuna.web import priorities_schemas as ps
from tests.web.conftest import make_app


@pytest.fixture(scope="module")
def api(loaded_store: Store) -> Iterator[TestClient]:
    with TestClient(make_app(loaded_store)) as c:
        yield c


def _error(response: object, status: int, code: str) -> str:
    r = response
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    body = r.json()["error"]  # type: ignore[attr-defined]
    assert body["code"] == code, body
    message: str = body["message"]
    return message


def test_priorities_match_the_library_and_explain_every_feature(api: TestClient,
                                                                loaded_store: Store) -> None:
    body = api.get("/api/priorities").json()
    ps.Priorities.model_validate(body)
    expected = score_priorities(load_graph(loaded_store)).as_json()
    assert [t["technology"] for t in body["technologies"]] == [
        t["technology"] for t in expected["technologies"]]
    assert set(body["features_explained"]) == set(body["technologies"][0]["features"])
    assert all(t["evidence"] for t in body["technologies"])


def test_priority_weights_in_the_query_change_the_ranking(api: TestClient) -> None:
    # Only the government-framework feature: the order must follow the raw count of
    # agreements and dialogues naming each technology (ties in any order).
    body = api.get("/api/priorities", params={"weights": (
        "volume:0,trend:0,bilateral_breadth:0,cross_border_share:0,government_framework:1,"
        "research_intensity:0")}).json()
    gov = [t["raw"]["government"] for t in body["technologies"]]
    assert gov == sorted(gov, reverse=True)
    csv = api.get("/api/priorities.csv")
    assert csv.status_code == 200 and csv.text.startswith("rank,technology,name,score")


@pytest.mark.parametrize(("weights", "fragment"), [
    ("volume", "feature:weight"), ("colour:1", "unknown feature"), ("volume:lots", "finite"),
    ("volume:1,volume:2", "twice"),
])
def test_bad_weights_are_k253(api: TestClient, weights: str, fragment: str) -> None:
    message = _error(api.get("/api/priorities", params={"weights": weights}), 422, "K253")
    assert fragment in message


def test_fund_matches_the_cli_call_and_answers_the_entry_budget(api: TestClient,
                                                                 loaded_store: Store) -> None:
    q = {"budget": "10000000", "min_grant": "500000", "max_share": "0.3", "enters": "space"}
    body = api.get("/api/fund", params=q).json()
    ps.Funding.model_validate(body)
    lib = plan_funding(load_graph(loaded_store),
                       FundingRequest(1e7, 5e5, 0.3, enters=("space",))).as_json()
    assert body["allocations"] == lib["allocations"]
    assert sum(a["amount"] for a in body["allocations"]) + body["unspent"] == pytest.approx(1e7)
    assert all(5e5 - 1 <= a["amount"] <= 3e6 + 1 for a in body["allocations"])
    assert body["enters"][0]["technology"] == "space"
    assert {r["parameter"] for r in body["sensitivity"]} >= {"budget", "weight:volume"}
    csv = api.get("/api/fund.csv", params=q)
    assert csv.status_code == 200 and csv.text.startswith("technology,name,priority_score")
    assert len(csv.text.strip().splitlines()) == len(body["allocations"]) + 1


def test_fund_must_and_exclude(api: TestClient) -> None:
    base = api.get("/api/fund", params={"budget": "1e6", "sensitivity": "false"}).json()
    top = base["allocations"][0]["technology"]
    out = api.get("/api/fund", params={"budget": "1e6", "sensitivity": "false",
                                       "exclude": top}).json()
    assert top not in {a["technology"] for a in out["allocations"]}
    assert out["sensitivity"] == []


@pytest.mark.parametrize(("query", "status", "code", "fragment"), [
    ({"budget": "lots"}, 422, "K245", "budget"),
    ({"budget": "-5"}, 422, "K245", "positive"),
    ({"budget": "inf"}, 422, "K245", "finite"),
    ({"budget": "1e6", "max_share": "1.5"}, 422, "K245", "max-share"),
    ({"budget": "1e6", "min_grant": "-1"}, 422, "K245", "min-grant"),
    ({"budget": "1e6", "stability": "5000"}, 422, "K245", "stability"),
    ({"budget": "1e6", "must": "warp_drive"}, 422, "K244", "warp_drive"),
    ({"budget": "1e6", "min_grant": "2e6"}, 422, "K246", "min-grant"),
    ({"budget": "1e6", "must": "ai", "exclude": "ai"}, 422, "K246", "must + exclude"),
    ({"budget": "1e6", "weights": "volume:x"}, 422, "K253", "finite"),
])
def test_bad_funding_input_is_coded(api: TestClient, query: dict[str, str], status: int,
                                    code: str, fragment: str) -> None:
    assert fragment in _error(api.get("/api/fund", params=query), status, code)


def test_missing_budget_is_a_validation_error(api: TestClient) -> None:
    _error(api.get("/api/fund"), 422, "invalid_request")


def test_partners_never_include_existing_partners(api: TestClient) -> None:
    body = api.get("/api/organizations/toyota-motor/partners", params={"n": "5"}).json()
    ps.Partners.model_validate(body)
    assert 1 <= len(body["partners"]) <= 5
    profile = api.get("/api/organizations/toyota-motor").json()
    existing = {p["org"] for p in profile["partners"]}
    assert not existing & {p["organization"] for p in body["partners"]}
    jp = api.get("/api/organizations/toyota-motor/partners",
                 params={"country": "jp", "n": "20"}).json()
    assert jp["partners"] and {p["country"] for p in jp["partners"]} == {"JP"}


@pytest.mark.parametrize(("path", "query", "status", "code"), [
    ("/api/organizations/no-such-org-xyz/partners", {}, 404, "K010"),
    ("/api/organizations/toyota-motor/partners", {"n": "0"}, 422, "K252"),
    ("/api/organizations/toyota-motor/partners", {"n": "ten"}, 422, "K252"),
    ("/api/organizations/toyota-motor/partners", {"country": "Japan"}, 422, "K252"),
    ("/api/organizations/toyota-motor/partners", {"technology": "warp"}, 422, "K244"),
])
def test_bad_partner_queries_are_coded(api: TestClient, path: str, query: dict[str, str],
                                       status: int, code: str) -> None:
    _error(api.get(path, params=query), status, code)


def test_priorities_page_has_the_table_slider_chart_and_entry_answer(api: TestClient) -> None:
    r = api.get("/priorities", params={"budget": "20000000", "enters": "space"})
    assert r.status_code == 200
    html = r.text
    body = api.get("/api/priorities").json()
    # every scored technology is a row, and every feature has a header explaining it
    assert html.count('<tr><td class="n">') >= len(body["technologies"])
    for text in body["features_explained"].values():
        assert f'title="{escape(text)}"' in html
    assert 'type="range"' in html and 'id="plot-allocation"' in html
    assert "/api/fund.csv?budget=20000000" in html and "/static/priorities.js" in html
    assert "<b>Space</b> is first funded at a budget of" in html or "<b>Space</b>:" in html
    assert "<script>" not in html  # the CSP allows no inline script
    bad = api.get("/priorities", params={"budget": "-1"})
    assert bad.status_code == 200 and "K245" in bad.text  # the table still shows


def test_every_profile_has_a_suggested_partners_panel(api: TestClient) -> None:
    html = api.get("/organizations/toyota-motor").text
    assert 'id="suggested-partners"' in html
    top = api.get("/api/organizations/toyota-motor/partners", params={"n": "6"}).json()
    for p in top["partners"]:
        assert f'href="/organizations/{p["organization"]}"' in html
    assert 'href="/api/organizations/toyota-motor/partners"' in html
