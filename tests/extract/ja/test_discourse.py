"""Pairs Japanese states across coordination, sentences and titles (texts written for this test,
not taken from any corpus document; invented organizations)."""

from __future__ import annotations

import pytest

from kizuna.extract.japanese import JapaneseExtractor
from kizuna.ingest.knowledge import starter_knowledge

MEXT = "Ministry of Education, Culture, Sports, Science and Technology"


@pytest.fixture(scope="module")
def ja() -> JapaneseExtractor:
    return JapaneseExtractor(starter_knowledge())


def _pairs(ja: JapaneseExtractor, text: str) -> set[frozenset[str]]:
    out = ja.extract(text).to_json()
    for c in out["collaborations"]:
        assert text[c["span"][0]:c["span"][1]] == c["quote"]
    return {frozenset(c["parties"]) for c in out["collaborations"]}


def test_pairs_of_a_coordination_each_on_their_own(ja: JapaneseExtractor) -> None:
    pairs = _pairs(ja, "東雲精機と米アクロ・デバイス、北辰化成と米ベルタ・ラボがそれぞれ"
                       "共同開発契約を結んだ。")
    assert pairs == {frozenset({"東雲精機", "米アクロ・デバイス"}),
                     frozenset({"北辰化成", "米ベルタ・ラボ"})}


def test_funders_of_the_pairs_just_named(ja: JapaneseExtractor) -> None:
    pairs = _pairs(ja, "二つの協力は、北辰化成と南方電機の間の共同研究と、"
                       "東雲精機と米アクロ・デバイスの間の実証事業である。"
                       "これらの協力は、西海銀行、北斗キャピタルを含む民間企業が支援する。")
    named = [("北辰化成", "南方電機"), ("東雲精機", "米アクロ・デバイス")]
    expected = {frozenset(p) for p in named}
    expected |= {frozenset((f, p)) for f in ("西海銀行", "北斗キャピタル") for pair in named
                 for p in pair}
    assert pairs == expected  # no crossing of the pairs, no funder with a funder


def test_an_official_stands_for_the_ministry(ja: JapaneseExtractor) -> None:
    pairs = _pairs(ja, "盛山文部科学大臣と米エネルギー省のグランホルム長官は、"
                       "核融合に関する協力文書に署名した。")
    assert pairs == {frozenset({MEXT, "U.S. Department of Energy"})}


def test_kanji_only_company_name(ja: JapaneseExtractor) -> None:
    pairs = _pairs(ja, "台湾積体電路製造は、熊本県に新工場を建設し、東雲精機と合弁会社を設立した。")
    assert pairs == {frozenset({"台湾積体電路製造", "東雲精機"})}  # 熊本県 is a place here


def test_the_issuer_and_an_omitted_subject(ja: JapaneseExtractor) -> None:
    text = ("北辰化成、シリーズAで資金を調達\n\n2026年5月1日\n株式会社北辰化成\n\n"
            "株式会社北辰化成（本社：金沢市）は、第三者割当増資による資金調達を完了しました。"
            "本ラウンドは、北斗キャピタルがリードしました。"
            "当社は、南方電機とも共同研究契約を結んでいます。")
    pairs = {frozenset(n.removeprefix("株式会社") for n in p) for p in _pairs(ja, text)}
    assert frozenset({"北辰化成", "南方電機"}) in pairs  # 当社 = the issuer
    assert frozenset({"北辰化成", "北斗キャピタル"}) in pairs  # 本ラウンドは: the issuer's round


def test_welcoming_is_no_collaboration(ja: JapaneseExtractor) -> None:
    pairs = _pairs(ja, "文部科学省と米エネルギー省は、量子分野の研究協力に関する覚書に署名した。"
                       "日本政府と米国政府は、これを歓迎した。")
    assert pairs == {frozenset({MEXT, "U.S. Department of Energy"})}


def test_both_companies_are_the_two_of_their_paragraph(ja: JapaneseExtractor) -> None:
    text = ("南方電機は、米ケストレル・ロボティクスと提携した。両社は販売網を共有する。\n"
            "北辰化成は、米ハルシオン・バイオに出資した。出資額は非公表。"
            "両社は検査装置を共同で開発する。")
    pairs = _pairs(ja, text)
    assert frozenset({"北辰化成", "米ハルシオン・バイオ"}) in pairs
    assert not any("南方電機" in p and "北辰化成" in p for p in pairs), pairs
    assert not any("米ケストレル・ロボティクス" in p and "北辰化成" in p for p in pairs), pairs


def test_the_said_company_is_the_latest_by_position(ja: JapaneseExtractor) -> None:
    text = ("南方電機は、米ケストレル・ロボティクスと提携した。同社は大学発の企業として知られる。\n"
            "北辰化成は、米ハルシオン・バイオに出資した。両社は、同社の秋田工場で量産する。")
    pairs = _pairs(ja, text)
    assert not any("南方電機" in p for p in pairs if "北辰化成" in p), pairs


def test_a_release_footer_names_no_party(ja: JapaneseExtractor) -> None:
    text = ("北辰化成株式会社は、南方電機株式会社と共同研究契約を締結しました。\n\n"
            "【会社概要】\n会社名：東雲精機株式会社\n所在地：秋田県秋田市\n"
            "事業内容：精密部品の製造。同社は北辰化成と取引がある。\n\n"
            "【本件に関するお問い合わせ先】西海工業株式会社　広報部\n")
    pairs = _pairs(ja, text)
    assert len(pairs) == 1 and all("北辰化成" in n or "南方電機" in n for n in next(iter(pairs)))
    assert not any("東雲" in n or "西海" in n for p in pairs for n in p), pairs
