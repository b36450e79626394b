"""The trained filter of found names and the reading of name boundaries (extract/
mention_filter.py, extract/boundaries.py). Sentences are invented for these tests; the names
belong to no corpus document."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from kizuna.extract import Extractor
from kizuna.extract.mention_filter import WEIGHTS, MentionModel, shipped
from kizuna.ingest.knowledge import starter_knowledge


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(starter_knowledge())


def names(extractor: Extractor, text: str) -> set[str]:
    return {o["name"] for o in extractor.extract(text).to_json()["organizations"]}


def test_the_shipped_weights_load_and_score_in_pure_python() -> None:
    raw = json.loads(resources.files("kizuna.extract").joinpath(WEIGHTS).read_text("utf-8"))
    model = MentionModel.from_json(raw)
    assert model == shipped()
    p = model.probability({"bias": 1.0, "source:ner": 1.0})
    head = raw["organization"]
    logit = head["intercept"][0] + sum(head["weights"].get(k, [0.0])[0]
                                       for k in ("bias", "source:ner"))
    assert p == pytest.approx(1 / (1 + math.exp(-logit)))
    assert model.trained["positives"] < model.trained["examples"]


def test_features_name_vocabulary_and_shapes_not_document_words() -> None:
    """Every feature is a kind of evidence (a source, a label, a vocabulary set, a function
    word next to the name): no organization's name is a weight."""
    model = shipped()
    assert model is not None
    kinds = {name.split(":")[0] for name in model.head.weights}
    assert kinds <= {"bias", "source", "tokens", "known", "new", "kind", "ner", "shape", "has",
                     "last_in", "first_in", "all_in", "prev", "next", "prev_pos", "next_pos",
                     "dep", "prep", "argument_of_trigger", "repeated", "once",
                     "elsewhere_place", "inside_longer", "credit", "after_in", "use",
                     "place_name", "first_line", "before_date"}


def test_without_the_filter_more_names_are_kept(extractor: Extractor) -> None:
    text = ("Quillmere Robotics opened a plant in Harrowgate last spring, and Quillmere "
            "Robotics and Toyota signed an agreement to develop welding arms.")
    extractor.use_mention_model(None, filtering=False)
    try:
        unfiltered = names(extractor, text)
    finally:
        extractor.use_mention_model(None)
    assert names(extractor, text) <= unfiltered


def test_an_office_with_its_portfolio_names_the_ministry(extractor: Extractor) -> None:
    found = names(extractor, "The Minister of Rivers, Forestry and Fisheries of Wendland and "
                             "Toyota signed a memorandum on timber logistics.")
    assert "Ministry of Rivers, Forestry and Fisheries" in found
    assert not {"Rivers", "Forestry", "Fisheries"} & found


def test_a_country_after_a_place_preposition_is_no_party(extractor: Extractor) -> None:
    """The relation stage alone pairs the two governments here (kizuna_orgs 0.5.1 did)."""
    found = extractor.extract("The new lab will study problems that matter to farmers facing "
                              "droughts in Japan and the United States."
                              ).to_json()["collaborations"]
    assert not any("Government of Japan" in c["parties"] for c in found)
