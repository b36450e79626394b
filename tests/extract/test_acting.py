"""Organizations the NER mislabels, found by how the sentence uses them (extract/acting.py).
Sentences are invented for these tests; the names belong to no corpus document."""

from __future__ import annotations

import pytest

from kizuna.extract import Extractor
from kizuna.extract.acting import described_before, places_of
from kizuna.ingest.knowledge import starter_knowledge


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(starter_knowledge())


def names(extractor: Extractor, text: str) -> set[str]:
    return {o["name"] for o in extractor.extract(text).to_json()["organizations"]}


def test_a_name_described_as_a_startup_is_an_organization(extractor: Extractor) -> None:
    # in the body of a document: the filter weighs a name on a document's first line (its
    # headline) as weaker evidence, so a one-line text would test the headline instead
    found = names(extractor, "Toyota expands its battery supply chain\n\n"
                             "Toyota has invested in Brindlewick Copper, a Nevada startup "
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


def proposed(extractor: Extractor, text: str) -> dict[str, str]:
    """Every name the finders propose (before the mention filter), with where it came from."""
    extractor.use_mention_model(None, filtering=False)
    try:
        return {m.text: m.source for m, _f in extractor.judged_mentions(text)}
    finally:
        extractor.use_mention_model(None)


def test_a_name_ending_with_a_business_word_is_proposed(extractor: Extractor) -> None:
    found = proposed(extractor, "Analysts expect Dorrowin Photonik GmbH to grow next year.")
    assert any(n.startswith("Dorrowin Photonik") for n in found)


def test_a_name_the_ner_calls_a_person_in_a_party_place_is_proposed(
        extractor: Extractor) -> None:
    # the small model reads "Marlow Quelvane" as a person; "an agreement with" it is a party's
    # place, so it is proposed and the mention filter judges it
    found = proposed(extractor, "Hitachi signed a supply agreement with Marlow Quelvane.")
    assert found.get("Marlow Quelvane") == "acting"


def test_two_companies_with_their_legal_forms_are_two_names(extractor: Extractor) -> None:
    found = proposed(extractor, "Brindlewick Heavy Industries and Osterley Corporation agreed "
                                "to jointly operate a hydrogen station.")
    assert not any(" and " in n for n in found)


def test_a_university_named_with_its_campus_is_one_name(extractor: Extractor) -> None:
    found = proposed(extractor, "Toyota partnered with California State University, Long "
                                "Beach on batteries.")
    assert "California State University, Long Beach" in found


def test_a_legal_form_alone_is_no_name(extractor: Extractor) -> None:
    found = names(extractor, "Quillmere Robotics Co., Ltd. and Toyota signed an agreement.")
    assert not {"Ltd.", "Ltd"} & found


def test_an_undefined_acronym_is_proposed_only_when_used_as_an_organization(
        extractor: Extractor) -> None:
    used = proposed(extractor, "Hitachi and the QXRL signed a research agreement.")
    assert used.get("QXRL") == "bare_acronym"
    term = proposed(extractor, "Hitachi improved QXRL throughput in its plants.")
    assert "QXRL" not in term


def test_a_name_after_an_organization_noun_is_proposed(extractor: Extractor) -> None:
    # "the ... maker X": the descriptor stands before the name as its title
    found = proposed(extractor, "Hitachi has signed a supply agreement with the Swedish "
                                "sensor maker Falkvik Optronik.")
    assert any(n.startswith("Falkvik") for n in found)


def test_an_acronym_after_an_organization_noun_is_proposed(extractor: Extractor) -> None:
    found = proposed(extractor, "Hitachi formed a joint venture with the Norwegian battery "
                                "maker QVKT last year.")
    assert found.get("QVKT") == "bare_acronym"


def test_described_before_reads_the_title_noun_not_a_capitalised_word(
        extractor: Extractor) -> None:
    doc = extractor.nlp("The Korean drone maker Veltrano Aero and the startup, Quessic, "
                        "met Hitachi.")
    assert described_before(doc[4:6])  # "maker Veltrano Aero"
    assert described_before(doc[10:11])  # "startup, Quessic"
    assert not described_before(doc[14:15])  # "met Hitachi"


def test_two_names_each_ending_with_its_own_name_word_are_two(extractor: Extractor) -> None:
    found = proposed(extractor, "NEC carried out joint research with Harlowe University and "
                                "Penmore University for two years.")
    assert not any(" and " in n for n in found)


def test_a_second_name_starting_with_the_is_cut_off(extractor: Extractor) -> None:
    found = proposed(extractor, "The exchange covers Brackwell Polytechnic and the Osterley "
                                "Marine College.")
    assert not any(" and " in n for n in found)


def test_a_name_used_once_as_an_organization_is_found_where_repeated(
        extractor: Extractor) -> None:
    doc = extractor.nlp("Toyota has invested in Brindlewick Copper, a Nevada startup that "
                        "refines cathode metals. Brindlewick Copper will supply Toyota from "
                        "2027.")
    found = [m for m in doc._.kizuna_mentions if m.text == "Brindlewick Copper"]
    assert len(found) == 2


def test_places_of_are_names_after_a_place_preposition(extractor: Extractor) -> None:
    doc = extractor.nlp("Toyota opened a plant in Sendai and a Nagoya-based office.")
    placed = places_of(doc)
    assert {"Sendai", "Nagoya"} <= placed
    assert "Toyota" not in placed


def test_a_topic_word_ends_a_company_name_only_after_a_distinctive_word(
        extractor: Extractor) -> None:
    finder = extractor.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
    assert finder.plausible_new("Quellin Technologies") == "Quellin Technologies"
    assert finder.plausible_new("Quantum Technologies") is None
    assert finder.plausible_new("Digital Connectivity Strategy") is None


def test_a_hyphened_name_is_a_place_pair_only_when_both_are_places(
        extractor: Extractor) -> None:
    finder = extractor.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
    assert finder.plausible_new("Varn-Leksa") == "Varn-Leksa"
    assert finder.plausible_new("Indo-Pacific") is None


def test_a_dateline_names_places_not_parties(extractor: Extractor) -> None:
    found = names(extractor, "Quellin raises a round\n\nOSTERBY, Wendland and HARLOWE, "
                             "March 3, 2026 -- Quellin Robotics Inc. today announced a "
                             "partnership with Hitachi.")
    assert not {"OSTERBY", "HARLOWE"} & found


def test_a_release_contact_desk_is_no_organization(extractor: Extractor) -> None:
    finder = extractor.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
    assert finder.plausible_new("Corporate Communications Department") is None
    assert finder.plausible_new("Quellin Media Office") is None
    assert finder.plausible_new("Quellin Communications") == "Quellin Communications"


def test_a_common_nouns_abbreviation_is_no_organization(extractor: Extractor) -> None:
    finder = extractor.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
    assert finder.plausible_new("R&D") is None
    assert finder.plausible_new("QVKT") == "QVKT"
