from kizuna.catalog import list_collaborations
from kizuna.overview import overview, stats
from kizuna.store import Store


def test_overview_counts_agree_with_the_collaborations(loaded_store: Store) -> None:
    rows = list_collaborations(loaded_store)
    ov = overview(loaded_store, top=5)
    assert sum(ov.year_mechanism.values()) == len(rows)
    assert sum(ov.tech_mechanism.values()) == sum(len(r["technologies"]) for r in rows)
    assert len(ov.top_organizations) == 5
    partners = [o["partners"] for o in ov.top_organizations]
    assert partners == sorted(partners, reverse=True)
    assert ov.as_json()["totals"]["collaborations"] == len(rows)


def test_stats_report_years_and_provenance(loaded_store: Store) -> None:
    s = stats(loaded_store)
    summary = s["collaborations"]
    assert summary["first_year"] <= 1988 and summary["last_year"] >= 2025
    assert summary["with_source"] == s["rows"]["collaborations"]
    assert s["organizations_by_country"]["JP"] > 50
