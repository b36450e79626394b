"""Organizations the NER mislabels, found by how the sentence uses them (extract/acting.py).
Sentences are invented for these tests; the names belong to no corpus document."""

from __future__ import annotations

import pytest

from kizuna.extract import Extractor
from kizuna.ingest.knowledge import starter_knowledge


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(starter_knowledge())


def names(extractor: Extractor, text: str) -> set[str]:
    return {o["name"] for o in extractor.extract(text).to_json()["organizations"]}


def test_a_name_described_as_a_startup_is_an_organization(extractor: Extractor) -> None:
    found = names(extractor, "Toyota has invested in Brindlewick Copper, a Nevada startup "
                             "that refines cathode metals.")
    assert "Brindlewick Copper" in found


def test_a_name_coordinated_with_an_organization_is_one(extractor: Extractor) -> None:
    found = names(extractor, "Panasonic and Quillmere Batteries signed an agreement to develop "
                             "solid-state cells.")
    assert "Quillmere Batteries" in found


def test_a_person_with_a_title_stays_a_person(extractor: Extractor) -> None:
    found = names(extractor, "Panasonic and Dr. Harriet Quillmere discussed the project.")
    assert not any("Quillmere" in n for n in found)


def test_an_acronym_in_parentheses_is_cut_from_the_name(extractor: Extractor) -> None:
    found = names(extractor, "The Osterley Institute for Grid Studies (OIGS) and Hitachi "
                             "signed a memorandum.")
    assert not any("(" in n for n in found)


def test_a_ministry_listing_its_fields_is_one_name(extractor: Extractor) -> None:
    found = names(extractor, "The Ministry of Rivers, Forestry and Fisheries of Wendland "
                             "signed an agreement with Toyota.")
    assert not {"Forestry", "Fisheries"} & found


def test_a_country_named_only_as_a_place_is_not_reported(extractor: Extractor) -> None:
    found = names(extractor, "Toyota will open a plant in Japan next year.")
    assert "Government of Japan" not in found
