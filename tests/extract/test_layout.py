"""Document layout (extract/layout.py): zones of releases and fact sheets as copied from web pages
and PDFs, and the same-length repair of their line breaks. Texts are written for these tests;
the names belong to no corpus document."""

from __future__ import annotations

import pytest

from kizuna.extract import Extractor
from kizuna.extract.japanese import JapaneseExtractor
from kizuna.extract.layout import read_layout
from kizuna.extract.values import dateline
from kizuna.ingest.knowledge import starter_knowledge
from kizuna.model.dates import PartialDate

RELEASE = """Orvane Tide and Pellmark Analytics Join Forces on Harbour Sensors
Pilot to start in Kitakyushu this year

KITAKYUSHU, Japan and SEATTLE, May 12, 2026 /PRNewswire/ -- Orvane Tide K.K. and Pellmark \
Analytics Inc. today announced a joint development agreement for harbour water sensors.

About Orvane Tide
Orvane Tide K.K. builds buoys. It partners with Sekimura Marine and Delacroix Ports on \
maintenance and has a subsidiary in Busan.

Media Contact:
Rin Oda, Orvane Tide, press@orvane.example

Forward-Looking Statements
This press release contains forward-looking statements about Orvane Tide and Pellmark Analytics.

###
Page 2 of 2
"""

PDF = """Harbour Sensing Programme | Fact Sheet

Under the programme, the Kitakyushu Port Bureau will fund trials by the Sekimura Marine Re-
search Institute and the Orvane Tide buoy division, which together will test harbour sensors
during the 2026 season across the port's western berths and report the results to the bureau.[2]

Harbour Sensing Programme | Fact Sheet
Page 1 of 3
"""


def _zones(text: str, language: str = "en") -> dict[str, list[str]]:
    layout = read_layout(text, language)
    out: dict[str, list[str]] = {}
    for z in layout.zones:
        out.setdefault(z.kind, []).append(layout.text[z.start:z.end])
    return out


def test_a_release_has_its_zones() -> None:
    zones = _zones(RELEASE)
    assert zones["headline"][0].startswith("Orvane Tide and Pellmark")
    assert zones["dateline"] == ["KITAKYUSHU, Japan and SEATTLE, May 12, 2026 /PRNewswire/ -- "]
    assert zones["boilerplate"][0].startswith("About Orvane Tide")
    assert zones["contacts"][0].startswith("Media Contact:")
    assert zones["disclaimer"][0].startswith("Forward-Looking Statements")
    assert "###" in zones["furniture"][0] and "Page 2 of 2" in zones["furniture"][0]
    layout = read_layout(RELEASE)
    assert layout.kind_at(RELEASE.index("today announced")) == "body"


def test_the_dateline_gives_the_document_date() -> None:
    layout = read_layout(RELEASE)
    assert dateline(layout.dateline() or "") == PartialDate(2026, 5, 12)


def test_pdf_breaks_are_repaired_in_a_copy_of_the_same_length() -> None:
    layout = read_layout(PDF)
    assert len(layout.text) == len(PDF)
    assert "Sekimura Marine Research Institute" in layout.text  # hyphenated at a line end
    assert "sensors during the 2026 season" in layout.text  # a wrapped line joined
    assert "bureau.[2]" not in layout.text  # a footnote marker glued to a word
    start = layout.text.index("Sekimura Marine Research Institute")
    s, e = layout.original_span(start, start + len("Sekimura Marine Research Institute"))
    assert PDF[s:e] == "Sekimura Marine Re-\nsearch Institute"
    # the running header beside the page number is furniture
    assert _zones(PDF)["furniture"][-1].startswith("Harbour Sensing Programme | Fact Sheet")


def test_text_without_layout_is_left_as_it_is() -> None:
    prose = "Two firms agreed to build a plant.\nAnother line, a heading\n\nA last paragraph."
    layout = read_layout(prose)
    assert layout.text == prose and not layout.moved


def test_lists_and_tables_are_not_joined() -> None:
    text = ("The two governments decided to take the following steps this year in full:\n"
            "(i) exchange engineers between the two national laboratories every year; and\n"
            "(ii) fund joint research on harbour sensing through the two science agencies.\n")
    assert read_layout(text).text == text


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(starter_knowledge())


def test_boilerplate_contacts_and_disclaimers_give_no_collaboration(extractor: Extractor
                                                                     ) -> None:
    result = extractor.extract(RELEASE).to_json()
    pairs = {frozenset(c["parties"]) for c in result["collaborations"]}
    names = {o["name"] for o in result["organizations"]}
    assert not any("Sekimura Marine" in p or "Delacroix Ports" in p for pair in pairs
                   for p in pair)  # boilerplate partners: a profile, not a deal
    assert any("Orvane Tide K.K." in pair for pair in pairs)
    assert not {"KITAKYUSHU", "SEATTLE", "PRNewswire"} & names  # the dateline's places and wire
    quotes = [c["quote"] for c in result["collaborations"]]
    assert not any("forward-looking" in q or "press@" in q for q in quotes)
    for c in result["collaborations"]:
        assert RELEASE[c["span"][0]:c["span"][1]] == c["quote"]


def test_quotes_stay_verbatim_across_repaired_breaks(extractor: Extractor) -> None:
    result = extractor.extract(PDF).to_json()
    assert result["collaborations"]
    for c in result["collaborations"]:
        assert PDF[c["span"][0]:c["span"][1]] == c["quote"]
    names = {o["name"] for o in result["organizations"]}
    assert "Sekimura Marine Research Institute" in names


JA_RELEASE = """2026年5月12日
株式会社港北精工

港北精工と米ペルマーク社、港湾センサーを共同開発

株式会社港北精工と米ペルマーク社は、港湾の水質センサーを共同開発する契約を締結しました。

【会社概要】
株式会社港北精工は、関門ブイ工業株式会社と業務提携しており、主要取引先は西海港運株式会社です。

【本件に関するお問い合わせ】
株式会社港北精工　広報部　電話：093-555-0100
"""

JA_PDF = """株式会社港北精工と米ペルマーク社は、本日、港湾の水質を測るセンサーを共同で開発
する契約を締結し、北九州港の西側の岸壁で2026年度から実証を開始すると発表し
ました。
"""


def test_japanese_zones_and_wrapped_lines() -> None:
    zones = _zones(JA_RELEASE, "ja")
    assert zones["header"] == ["2026年5月12日"]
    assert zones["boilerplate"][0].startswith("【会社概要】")
    assert zones["contacts"][0].startswith("【本件に関するお問い合わせ】")
    layout = read_layout(JA_PDF, "ja")
    assert "共同で開発する契約" in layout.text and "発表しました。" in layout.text
    assert len(layout.text) == len(JA_PDF)


def test_japanese_company_profile_gives_no_collaboration() -> None:
    result = JapaneseExtractor(starter_knowledge()).extract(JA_RELEASE).to_json()
    parties = {p for c in result["collaborations"] for p in c["parties"]}
    assert not any("関門ブイ" in p or "西海港運" in p for p in parties)
    for c in result["collaborations"]:
        assert JA_RELEASE[c["span"][0]:c["span"][1]] == c["quote"]


def test_an_about_heading_alone_covers_the_paragraph_under_it() -> None:
    text = ("Brenholt Labs and Quayside Inc. agree to build tide sensors together\n\n"
            "Brenholt Labs and Quayside Inc. signed an agreement on Monday to build sensors.\n\n"
            "About Quayside Inc.\n\n"
            "Quayside Inc. works with Marrow Ports and Feldt Shipping on berth software.\n\n"
            "The sensors will be tested at three ports over the next two years, the companies "
            "said, and sold to port operators in Asia and Europe from 2028 onwards if the tests "
            "go well, with prices to be set after the trials end.\n")
    layout = read_layout(text)
    assert layout.kind_at(text.index("works with Marrow")) == "boilerplate"
    assert layout.kind_at(text.index("signed an agreement")) == "body"
    assert layout.kind_at(text.index("The sensors will be tested")) == "body"
