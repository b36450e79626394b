"""Resilience, cuts and disjoint paths: synthetic networks with known answers, and counts
hand-checked against TeleGeography's CSVs."""

from __future__ import annotations

import pytest

from kizuna.connectivity.api import path_report, resilience_report
from kizuna.connectivity.cut import CutSpec, what_if
from kizuna.connectivity.graph import CountryGraph, StationGraph
from kizuna.connectivity.model import Cable, CableData, LandingPoint
from kizuna.connectivity.resilience import resilience


def _net(cables: dict[str, list[str]],
         routes: dict[str, list[list[tuple[float, float]]]] | None = None) -> CableData:
    """Landing points are named <country letter><n>, e.g. a1 lands in country A."""
    points = {lp: LandingPoint(lp, i, lp, lp[0].upper(), lp[0].upper(), float(i), float(i))
              for i, lp in enumerate(sorted({p for lps in cables.values() for p in lps}))}
    return CableData({s: Cable(s, i, s, "2020", 2020, None, (), tuple(lps),
                               route=(routes or {}).get(s))
                      for i, (s, lps) in enumerate(cables.items())}, points)


def test_min_cut_counts_landing_points_at_home_or_abroad() -> None:
    data = _net({"x": ["a1", "b1"], "y": ["a1", "c1"], "z": ["a2", "c2"], "d": ["a1", "a2"]})
    g = StationGraph(data)
    assert g.min_cut("A") == (2, ["a1", "a2"])  # cheaper than b1 + c1 + c2
    value, cut = g.min_cut("B")
    assert value == 1 and cut in (["a1"], ["b1"])
    # C lands at c1 and c2 only; cutting both isolates it, and so does cutting a1 and a2.
    assert g.min_cut("C")[0] == 2


def test_an_island_behind_one_foreign_hub_is_cut_by_one_station() -> None:
    data = _net({"p": ["i1", "h1"], "q": ["i1", "i2", "h1"]})
    value, cut = StationGraph(data).min_cut("I")
    assert value == 1 and cut == ["h1"]  # both cables reach the world only at h1
    rows = {r.country: r for r in resilience(data)}
    assert rows["I"].busiest_landing_point == "i1" and rows["I"].busiest_share == 1.0
    assert rows["I"].cables == rows["I"].international_cables == 2


def test_disjoint_paths_share_no_cable_and_may_pass_through_others() -> None:
    data = _net({"ac": ["a1", "c1"], "cb": ["c2", "b1"], "ab": ["a2", "b2"],
                 "ac2": ["a1", "c1"]})
    g = CountryGraph(data)
    assert g.disjoint_paths("A", "B") == 2  # ab, and ac or ac2 then cb (cb used once)
    paths = sorted(g.paths("A", "B"), key=len)
    assert paths[0] == ["A", "ab", "B"]
    assert paths[1] in (["A", "ac", "C", "cb", "B"], ["A", "ac2", "C", "cb", "B"])
    report = path_report(data, "A", "B", CutSpec(cables=("ab",)))
    assert (report["disjoint_paths_before"], report["disjoint_paths_after"]) == (2, 1)


def test_box_cut_follows_the_route_not_the_landing_points() -> None:
    routes = {"north": [[(0.0, 10.0), (20.0, 10.0)]], "south": [[(0.0, -10.0), (20.0, -10.0)]]}
    data = _net({"north": ["a1", "b1"], "south": ["a2", "b2"]}, routes)
    result = what_if(data, CutSpec(box=(5.0, 9.0, 15.0, 11.0)), [("A", "B")])
    assert [c["slug"] for c in result.cables_cut] == ["north"]
    assert result.reachability[0]["disjoint_paths_after"] == 1
    a = next(r for r in result.countries if r["country"] == "A")
    assert (a["international_cables_before"], a["international_cables_remaining"]) == (2, 1)


# -- the real data -------------------------------------------------------------------------------
# Hand-checked in cables.csv (the `countries` column) and cable_landing_points.csv:
# Japan: 27 rows list Japan; 3 list only Japan (japan-information-highway-jih,
#   miyazaki-okinawa-cable-moc, okinawa-cellular-cable), so 24 are international.
# Philippines: 19 rows; 6 list only the Philippines (boracay-palawan..., converge-domestic...,
#   national-digital-transmission-network-ndtn, palawa-iloilo..., pldt-domestic...,
#   sorsogon-samar...), so 13 are international.
# Taiwan: 12 rows, none domestic; 17 landing rows at 6 landing points, tanshui-taiwan on 6 of
#   them, so the busiest share is 6/12. Every Taiwanese landing point carries an international
#   cable, so cutting Taiwan off takes all 6.
# The issue: China Telecom, China Unicom, China Mobile and PCCW co-own 12 of Japan's 27 cables
#   and 10 of Taiwan's 12.
HAND = {"Japan": (27, 24, 12), "Philippines": (19, 13, None), "Taiwan": (12, 12, 10)}


def test_resilience_matches_the_hand_counts(cable_data: CableData) -> None:
    report = resilience_report(cable_data, list(HAND), ["United States"])
    rows = {r["country"]: r for r in report["countries"]}
    for country, (cables, international, concern) in HAND.items():
        assert rows[country]["cables"] == cables
        assert rows[country]["international_cables"] == international
        if concern is not None:
            assert rows[country]["cables_with_owners_of_concern"] == concern
    taiwan = rows["Taiwan"]
    assert taiwan["busiest_landing_point"] == "tanshui-taiwan" and taiwan["busiest_share"] == 0.5
    assert taiwan["min_cut_to_isolate"] == 6 and taiwan["landing_points"] == 6
    assert set(report["owners_of_concern"]) == {"China Mobile", "China Telecom", "China Unicom",
                                                "PCCW"}
    assert report["territories"]["Guam"] == "United States"


def test_in_service_view_leaves_out_planned_cables(cable_data: CableData) -> None:
    rows = resilience(cable_data.in_service(2021), ["Japan"])
    assert rows[0].cables == 25  # 27 less the two with RFS after 2021 (hand count as above)


def test_a_coastal_cluster_and_a_corridor(cable_data: CableData) -> None:
    boso = what_if(cable_data, CutSpec(near=(35.0, 139.9), radius_km=40))
    assert boso.landing_points_cut and {p["country"] for p in boso.landing_points_cut} == {
        "Japan"}
    japan = next(r for r in boso.countries if r["country"] == "Japan")
    assert japan["international_cables_remaining"] < japan["international_cables_before"]
    box = (19.0, 119.5, 22.0, 122.0)  # Luzon Strait
    luzon = what_if(cable_data, CutSpec(box=box), [("Japan", "Philippines")])
    cut = {c["slug"] for c in luzon.cables_cut}
    # every cable with a route vertex inside the box must be cut (segments may add more)
    inside = {s for s, c in cable_data.cables.items() if c.route and any(
        box[0] <= lat <= box[2] and box[1] <= lon <= box[3] for line in c.route
        for lon, lat in line)}
    assert inside and inside <= cut
    pair = luzon.reachability[0]
    assert pair["disjoint_paths_after"] < pair["disjoint_paths_before"]


def test_us_to_palau_loses_a_path_with_sea_us(cable_data: CableData) -> None:
    # Palau lands two cables in the CSV (sea-us and echo), both also landing in the U.S.
    report = path_report(cable_data, "united states", "Palau", CutSpec(cables=("sea-us",)))
    assert (report["disjoint_paths_before"], report["disjoint_paths_after"]) == (2, 1)
    assert all("sea-us" not in p for p in report["paths_after"])


def test_results_carry_their_algorithm_and_version(cable_data: CableData) -> None:
    from kizuna.connectivity import ANALYSES

    report = resilience_report(cable_data, ["Palau"])
    cut = what_if(cable_data, CutSpec(cables=("sea-us",))).as_json()
    for result in (report, cut):
        name, version = result["algorithm"]["name"], result["algorithm"]["version"]
        assert ANALYSES[name] == version


def test_scipy_flows_agree_with_networkx(cable_data: CableData) -> None:
    """The same counts from NetworkX, built independently: cable-disjoint paths as edge-disjoint
    paths in a multigraph of countries (one edge per cable and country pair would over-count a
    cable landing in three countries, so cables are nodes of capacity 1 here too), and the
    station cut as a minimum node cut between the country and the rest of the world."""
    import networkx as nx

    lands = {s: {cable_data.country_of(p) for p in c.landing_points}
             for s, c in cable_data.cables.items()}
    g = nx.DiGraph()
    for slug, countries in lands.items():
        if len(countries) > 1:
            g.add_edge(("in", slug), ("out", slug), capacity=1)
            for c in countries:
                g.add_edge(c, ("in", slug))
                g.add_edge(("out", slug), c)
    ours = CountryGraph(cable_data)
    for a, b in (("Japan", "Philippines"), ("United States", "Palau"), ("Taiwan", "Japan")):
        assert ours.disjoint_paths(a, b) == nx.maximum_flow_value(g, a, b)

    stations = StationGraph(cable_data)
    for country in ("Palau", "Taiwan", "Saint Vincent and the Grenadines", "Guam"):
        h = nx.Graph()
        for slug, cable in cable_data.cables.items():
            for p in cable.landing_points:
                h.add_edge(("cable", slug), p)
        home = [p for p in h if isinstance(p, str) and cable_data.country_of(p) == country]
        away = [p for p in h if isinstance(p, str) and cable_data.country_of(p) != country]
        for p in home:
            h.add_edge("HOME", p)
        for p in away:
            h.add_edge(p, "AWAY")
        # cables may not be cut (only landing points): give each cable node a twin so that no
        # minimum cut takes it (a cut of a cable node would need both)
        for slug, cable in cable_data.cables.items():
            for p in cable.landing_points:
                h.add_edge(("twin", slug), p)
        cut = nx.minimum_node_cut(h, "HOME", "AWAY")
        assert not any(isinstance(n, tuple) for n in cut)
        assert stations.min_cut(country)[0] == len(cut)


def test_countries_are_found_by_iso_code_as_elsewhere_in_kizuna(cable_data: CableData) -> None:
    from kizuna.connectivity.cut import find_country
    from kizuna.errors import KizunaError

    names = set(cable_data.countries())
    for code, expected in [("JP", "Japan"), ("ph", "Philippines"), ("TW", "Taiwan"),
                           ("GU", "Guam"), ("HK", "Hong Kong")]:
        assert expected in names
        assert find_country(cable_data, code) == expected
    with pytest.raises(KizunaError, match="K224"):
        find_country(cable_data, "XX")
