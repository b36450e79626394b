"""Listing, filtering and profiles over the loaded starter knowledge base, on both databases."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kizuna.catalog import (
    get_collaboration,
    list_collaborations,
    list_organizations,
    organization_profile,
    resolve_organization,
)
from kizuna.errors import KizunaError
from kizuna.filters import make_filters
from kizuna.store import Store


def test_every_collaboration_shows_its_source(loaded_store: Store) -> None:
    rows = list_collaborations(loaded_store)
    assert len(rows) >= 80
    for r in rows:
        assert r["citation"] or r["evidence"], r["id"]
        assert len(r["parties"]) >= 2


@pytest.mark.parametrize(
    ("kwargs", "check"),
    [
        ({"mechanism": "acquisition"}, lambda r: r["mechanism"] == "acquisition"),
        ({"years": "2020-2022"}, lambda r: 2020 <= r["year"] <= 2022),
        ({"technology": "quantum"}, lambda r: "quantum" in r["technologies"]),
        ({"technology": "clean_energy"},
         lambda r: {"clean_energy", "hydrogen", "batteries", "nuclear_energy", "fusion_plasma",
                    "ev_charging"} & set(r["technologies"])),
        ({"country": "JP"}, lambda r: any(p["country"] == "JP" for p in r["parties"])),
        ({"kind": "university"}, lambda r: any(p["kind"] == "university" for p in r["parties"])),
        ({"text": "toyota"}, lambda r: "toyota" in (r["title"] + " ".join(
            p["name"] for p in r["parties"])).lower()),
    ],
)
def test_collaboration_filters_select_what_they_say(loaded_store: Store, kwargs: dict[str, str],
                                                   check: object) -> None:
    rows = list_collaborations(loaded_store, make_filters(**kwargs))  # type: ignore[arg-type]
    assert rows, kwargs
    assert all(check(r) for r in rows)  # type: ignore[operator]
    assert len(rows) < len(list_collaborations(loaded_store))


def test_organization_filters_combine(loaded_store: Store) -> None:
    jp_semis = list_organizations(loaded_store, make_filters(country="JP",
                                                             technology="semiconductors"))
    assert jp_semis and all(o["country"] == "JP" for o in jp_semis)
    for org in jp_semis:
        collabs = list_collaborations(loaded_store, make_filters(technology="semiconductors"))
        assert any(org["id"] in {p["org"] for p in c["parties"]} for c in collabs)


def test_limit_and_offset_page_through(loaded_store: Store) -> None:
    everything = [o["id"] for o in list_organizations(loaded_store)]
    page = [o["id"] for o in list_organizations(loaded_store, make_filters(limit=5, offset=5))]
    assert page == everything[5:10]


@pytest.mark.parametrize("query", ["Toyota", "toyota-motor", "トヨタ自動車", "TOYOTA MOTOR CORP.",
                                   "経済産業省", "METI"])
def test_organizations_resolve_by_any_name(loaded_store: Store, query: str) -> None:
    assert resolve_organization(loaded_store, query) in {"toyota-motor", "meti"}


def test_a_japanese_text_search_finds_organizations(loaded_store: Store) -> None:
    ids = {o["id"] for o in list_organizations(loaded_store, make_filters(text="文部科学"))}
    assert "mext" in ids


def test_an_unknown_organization_gets_a_suggestion(loaded_store: Store) -> None:
    with pytest.raises(KizunaError) as info:
        resolve_organization(loaded_store, "Toyota Motr Corporation")
    assert info.value.code == "K010"
    assert "toyota-motor" in str(info.value)


def test_a_name_like_no_other_gets_no_fragment_suggestions(loaded_store: Store) -> None:
    """Suggestions compare whole names: short aliases are not offered for a long query."""
    with pytest.raises(KizunaError) as info:
        resolve_organization(loaded_store, "Nonexistent Corp")
    assert "did you mean" not in str(info.value)
    assert "kizuna orgs -q" in str(info.value)


@pytest.mark.parametrize("lister", [list_organizations, list_collaborations])
def test_a_country_no_organization_has_is_refused_with_the_valid_ones(
        loaded_store: Store, lister: Callable[..., object]) -> None:
    with pytest.raises(KizunaError) as info:
        lister(loaded_store, make_filters(country="XX"))
    assert info.value.code == "K020"
    assert "JP" in str(info.value) and "US" in str(info.value)


def test_a_profile_lists_collaborations_with_sources(loaded_store: Store) -> None:
    profile = organization_profile(loaded_store, "NASA")
    assert profile["id"] == "nasa"
    assert profile["collaborations"]
    assert any(p["org"] == "jaxa" for p in profile["partners"])
    assert sum(profile["timeline"].values()) <= len(profile["collaborations"])
    for c in profile["collaborations"]:
        assert c["citation"] or c["evidence"]
        assert "nasa" in {p["org"] for p in c["parties"]}


def test_unknown_collaboration(loaded_store: Store) -> None:
    with pytest.raises(KizunaError) as info:
        get_collaboration(loaded_store, "no-such-thing")
    assert info.value.code == "K011"
