"""Organization names the kanji-name reader finds by its general rules (sentences written for
this test, not taken from any corpus document)."""

from __future__ import annotations

import pytest

from kizuna.extract.japanese import JapaneseExtractor
from kizuna.ingest.knowledge import starter_knowledge


@pytest.fixture(scope="module")
def ja() -> JapaneseExtractor:
    return JapaneseExtractor(starter_knowledge())


def _names(ja: JapaneseExtractor, text: str) -> set[str]:
    return {o.name for o in ja.extract(text).organizations.values()}


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # an abbreviation Sudachi glues to the last noun does not hide the name
    ("北斗産業振興機構（ホクシン）が、南方電機と提携した。", {"北斗産業振興機構", "南方電機"},
     set()),
    # a country prefix before a kanji run ending in 局 marks a foreign agency's name
    ("米海洋観測局と東雲精機は、共同研究を始めた。", {"米海洋観測局", "東雲精機"}, set()),
    # a prefecture owning a named programme acts; one used as a place does not
    ("秋田県の「未来素材補助事業」の採択を受け、北辰化成は工場を新設した。", {"秋田県", "北辰化成"},
     set()),
    ("北辰化成は秋田県内に工場を新設した。", {"北辰化成"}, {"秋田県"}),
    # a country and a line of business is no name
    ("北辰化成は米製薬と提携した。", {"北辰化成"}, {"米製薬"}),
    # a university's campus belongs to its name
    ("北辰化成は米オレゴン大学ポートランド校と提携した。", {"米オレゴン大学ポートランド校"},
     {"米オレゴン大学"}),
    # a kanji name after a country and の, and after a descriptor and である, without a proper
    # noun Sudachi knows; a description after a country is no name
    ("北辰化成は、韓国の青嶺精密と提携した。", {"北辰化成", "青嶺精密"}, set()),
    ("北辰化成は、部品メーカーである有沢精工と共同開発を始めた。", {"有沢精工"}, set()),
    ("北辰化成は、韓国の工作機械メーカーと提携した。", {"北辰化成"}, {"工作機械"}),
    # a kind of organization is not one: ベンチャーキャピタルのX names X
    ("ベンチャーキャピタルのミナトベル・パートナーズが北辰化成に出資した。",
     {"ミナトベル・パートナーズ"}, {"ベンチャーキャピタル"}),
])
def test_kanji_names(ja: JapaneseExtractor, text: str, expected: set[str],
                     absent: set[str]) -> None:
    names = _names(ja, text)
    assert expected <= names, names
    assert not absent & names, names


def test_dates_from_the_document_header(ja: JapaneseExtractor) -> None:
    """The date line under the title dates the release; relative dates resolve against it and a
    sentence that states none takes it (texts written for this test)."""
    from kizuna.extract.japanese.values import document_date

    head = "北辰化成と南方電機の提携について\n\n令和8年3月5日\n北辰化成株式会社\n\n"
    assert str(document_date(head)) == "2026-03-05"
    assert document_date("北辰化成は南方電機と提携した。\n") is None
    collabs = ja.extract(
        head + "北辰化成は昨年4月、南方電機と業務提携した。\n"
        "北辰化成は先月、東雲精機と共同開発契約を締結した。\n"
        "北辰化成は、米オレゴン大学と共同研究を行う。\n").to_json()["collaborations"]
    dates = {next(p for p in c["parties"] if p != "北辰化成"): c["date"] for c in collabs}
    assert dates["南方電機"] == "2025-04" and dates["東雲精機"] == "2026-02", dates
    assert dates["米オレゴン大学"].startswith("2026-03"), dates  # the release's date


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a name in words joined by ・ may end in a common noun; a bare common noun after 米 may not
    ("北辰化成は米ネクサス・ソブリン・クラウドと提携した。", {"米ネクサス・ソブリン・クラウド"},
     set()),
    ("北辰化成は米クラウドと提携した。", {"北辰化成"}, {"米クラウド"}),
    # a known prefecture as a place, and acting as a party
    ("北辰化成は北海道に工場を新設した。", {"北辰化成"}, {"Hokkaido Prefecture"}),
    ("北海道は北辰化成と連携協定を締結した。", {"Hokkaido Prefecture", "北辰化成"}, set()),
])
def test_names_and_places(ja: JapaneseExtractor, text: str, expected: set[str],
                          absent: set[str]) -> None:
    names = _names(ja, text)
    assert expected <= names, names
    assert not absent & names, names


def test_a_loan_between_companies_is_funding(ja: JapaneseExtractor) -> None:
    """A bank's loan is funding whoever the parties are (the lexicon's money words), not a
    partnership (text written for this test)."""
    collabs = ja.extract("港信用金庫は、北辰化成に対し、新工場の建設資金として10億円を融資した。"
                         ).to_json()["collaborations"]
    assert [c["mechanism"] for c in collabs] == ["funding"], collabs


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a katakana name no mark shows, after a descriptor and の, or glued to one
    ("素材大手のカネシロは、北辰化成と提携した。", {"カネシロ", "北辰化成"}, set()),
    ("北辰化成は、米国の通信事業者ベルモント・リンクスと提携した。", {"ベルモント・リンクス"},
     {"通信事業者ベルモント・リンクス"}),
    # the head office in brackets after it (a news story's way of naming a company)
    ("検査装置を開発するルミナテック（東京・港）は、北辰化成と共同開発を始めた。",
     {"ルミナテック", "北辰化成"}, set()),
    # listed among organizations already found
    ("会員は、北辰化成、ソラミツ・ラボ、南方電機の3社です。", {"ソラミツ・ラボ"}, set()),
    # a unit glued to katakana ends a longer word: ブリストン is a name, not トン
    ("タイヤ大手のブリストンと北辰化成が提携した。", {"ブリストン"}, set()),
    # a description before a line of business, a role and a place are no names
    ("北辰化成は、宇宙特化ファンドから出資を受けた。", {"北辰化成"}, {"宇宙特化ファンド"}),
    ("リーガル・アドバイザーは北辰化成が務めた。", {"北辰化成"}, {"リーガル・アドバイザー"}),
    ("北辰化成は、米ボストンの新興企業と提携した。", {"北辰化成"}, {"米ボストン"}),
])
def test_unmarked_names(ja: JapaneseExtractor, text: str, expected: set[str],
                        absent: set[str]) -> None:
    names = _names(ja, text)
    assert expected <= names, names
    assert not absent & names, names


def test_a_short_form_of_a_new_name_is_the_same_organization(ja: JapaneseExtractor) -> None:
    out = ja.extract("北辰化成は、独ヴェルナー・オートマティク社と提携した。"
                     "ヴェルナーは欧州で溶接ロボットに強い。")
    orgs = [o for o in out.organizations.values() if "ヴェルナー" in o.name]
    assert len(orgs) == 1 and "ヴェルナー" in orgs[0].surface, out.organizations


def test_a_headline_short_form_is_the_full_name(ja: JapaneseExtractor) -> None:
    out = ja.extract("■提携：北辰化成と米カルミナ\n"
                     "北辰化成は、米カルミナ・セラピューティクスと共同研究契約を結んだ。")
    names = {o.name for o in out.organizations.values()}
    assert "米カルミナ・セラピューティクス" in names and "米カルミナ" not in names, names
