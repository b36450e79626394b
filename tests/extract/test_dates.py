"""Dates stated in the text: full ones are read as written; a month without a year ("in June",
"last month") is resolved from the document's date when it is known and left empty otherwise.
Sentences invented for these tests."""

from __future__ import annotations

import pytest

from kizuna.extract import Extractor
from kizuna.extract.values import dateline, find_date
from kizuna.ingest.knowledge import starter_knowledge
from kizuna.model.dates import PartialDate

SEPT_10 = PartialDate(2025, 9, 10)


@pytest.mark.parametrize(("text", "expected"), [
    ("The memorandum was signed in April 2021.", PartialDate(2021, 4)),
    ("The memorandum was signed in June.", PartialDate(2025, 6)),
    ("Talks were held in December.", PartialDate(2024, 12)),  # the last December before
    ("The pilot will begin in March.", PartialDate(2026, 3)),  # the next March after
    ("They signed it last month.", PartialDate(2025, 8)),
    ("They signed it earlier this month.", PartialDate(2025, 9)),
    ("It was announced on 3 March.", PartialDate(2025, 3)),
    ("The agreement signed on October 14, 2024 runs to 2030.", PartialDate(2024, 10, 14)),
])
def test_dates_against_a_known_document_date(text: str, expected: PartialDate) -> None:
    assert find_date(text, SEPT_10) == expected


@pytest.mark.parametrize("text", ["The memorandum was signed in June.",
                                  "They signed it last month.", "They may sign soon."])
def test_without_a_document_date_a_yearless_month_stays_empty(text: str) -> None:
    assert find_date(text, None) is None


def test_the_modal_may_is_no_month() -> None:
    assert find_date("The two sides may sign in the autumn.", SEPT_10) is None


def test_a_dateline_gives_the_document_date() -> None:
    text = "Grid partners sign accord\n\nBy A. Writer\nOctober 2, 2025\n\nIn June, ..."
    assert dateline(text) == PartialDate(2025, 10, 2)
    assert dateline("No date here.\n\nNone in the body either, since June.") is None


def test_the_pipeline_reads_the_dateline() -> None:
    text = ("Battery makers team up\n\nMarch 12, 2025\n\n"
            "Toyota signed an agreement with Panasonic in June to develop solid-state cells.\n")
    collabs = Extractor(starter_knowledge()).extract(text).to_json()["collaborations"]
    assert collabs and {c["date"] for c in collabs} == {"2024-06"}
    undated = text.replace("March 12, 2025\n\n", "")
    collabs = Extractor(starter_knowledge()).extract(undated).to_json()["collaborations"]
    assert collabs and {c["date"] for c in collabs} == {None}
