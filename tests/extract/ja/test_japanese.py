"""The Japanese pipeline: organizations in every script, collaboration patterns, recommendations,
money, dates, width folding with verbatim quotes, cross-lingual resolution, language dispatch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kizuna.evaluation import evaluate
from kizuna.extract import MultilingualExtractor
from kizuna.extract.japanese import JapaneseExtractor
from kizuna.extract.japanese.normalize import Folded
from kizuna.extract.japanese.romaji import romaji_key
from kizuna.extract.japanese.values import find_date, find_money
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.multilingual import runs
from kizuna.ingest.knowledge import starter_knowledge
from kizuna.model.dates import PartialDate
from kizuna.readers import read_path

DATA = Path(__file__).resolve().parents[2] / "data" / "ja"



@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return starter_knowledge()


@pytest.fixture(scope="module")
def ja(kb: KnowledgeBase) -> JapaneseExtractor:
    return JapaneseExtractor(kb)


def _collabs(ja: JapaneseExtractor, text: str,
             date: PartialDate | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = ja.extract(text, date).to_json()["collaborations"]
    for c in out:
        assert text[c["span"][0]:c["span"][1]] == c["quote"]
    return out


def _pairs(ja: JapaneseExtractor, text: str) -> set[tuple[frozenset[str], str]]:
    return {(frozenset(c["parties"]), c["mechanism"]) for c in _collabs(ja, text)}


@pytest.mark.parametrize(("text", "names"), [
    ("経済産業省と経産省は同じ役所だ。", {"Ministry of Economy, Trade and Industry"}),
    ("トヨタ自動車は東京海上ホールディングスと会った。",
     {"Toyota Motor Corporation", "Tokio Marine Holdings, Inc."}),
    ("ラピダスは米IBMと話した。", {"Rapidus Corporation", "IBM"}),
    ("米エヌビディアの半導体。", {"NVIDIA"}),
    ("文部科学省と米エネルギー省。", {"Ministry of Education, Culture, Sports, Science and "
                             "Technology", "U.S. Department of Energy"}),
])
def test_organizations_in_kanji_kana_and_latin(ja: JapaneseExtractor, text: str,
                                               names: set[str]) -> None:
    orgs = ja.extract(text).to_json()["organizations"]
    assert {o["name"] for o in orgs} == names


def test_canonical_english_name_with_japanese_aliases(ja: JapaneseExtractor) -> None:
    orgs = ja.extract("トヨタ自動車と米エヌビディアは提携した。").to_json()["organizations"]
    toyota = next(o for o in orgs if o["name"] == "Toyota Motor Corporation")
    assert "トヨタ自動車" in toyota["aliases"] and toyota["country"] == "JP"


def test_a_name_inside_a_longer_word_is_not_a_mention(ja: JapaneseExtractor) -> None:
    # アーム (Arm), メタ (Meta), デル (Dell) inside other katakana words
    orgs = ja.extract("ロボットアームとメタバースのモデルを発表した。").to_json()["organizations"]
    assert orgs == []


def test_a_place_is_not_an_organization(ja: JapaneseExtractor) -> None:
    orgs = ja.extract("ラピダスは北海道千歳市で工場を建設している。").to_json()["organizations"]
    assert [o["name"] for o in orgs] == ["Rapidus Corporation"]


@pytest.mark.parametrize(("text", "parties", "mechanism"), [
    ("トヨタ自動車は、米エヌビディアと自動運転の開発で提携した。",
     {"Toyota Motor Corporation", "NVIDIA"}, "partnership"),
    ("三菱商事は、米新興企業のソリッド社に出資した。", {"Mitsubishi Corporation", "ソリッド"},
     "investment"),
    ("東京海上ホールディングスは米メトロマイルを買収した。",
     {"Tokio Marine Holdings, Inc.", "Metromile"}, "acquisition"),
    ("日立製作所は米グローバルロジックの買収を完了した。", {"Hitachi, Ltd.", "GlobalLogic Inc."},
     "acquisition"),
    ("富士通と理研は、量子コンピューターを共同で開発した。", {"Fujitsu Limited", "RIKEN"},
     "joint_development"),
    ("理化学研究所は、米アルゴンヌ国立研究所と共同研究を開始した。",
     {"RIKEN", "Argonne National Laboratory"}, "joint_development"),
    ("文部科学省と米国国立科学財団は、研究協力に関する覚書（MOU）に署名した。",
     {"Ministry of Education, Culture, Sports, Science and Technology",
      "National Science Foundation"}, "government_agreement"),
    ("経済産業省と米商務省は、半導体の協力で合意した。",
     {"Ministry of Economy, Trade and Industry", "U.S. Department of Commerce"},
     "government_agreement"),
    ("経産省は、ラピダスに補助金を交付した。",
     {"Ministry of Economy, Trade and Industry", "Rapidus Corporation"}, "funding"),
    ("米マイクロン・テクノロジーは、経済産業省から補助金を受ける。",
     {"Micron Technology", "Ministry of Economy, Trade and Industry"}, "funding"),
    ("外務省と米国務省は、協議を東京で開いた。",
     {"Ministry of Foreign Affairs of Japan", "U.S. Department of State"}, "dialogue"),
    ("本田技研工業は、米ゼネラル・モーターズ（GM）と合弁会社を設立した。",
     {"Honda Motor Co., Ltd.", "General Motors Company"}, "joint_development"),
    ("トヨタ・ベンチャーズは、米スカイキャッチに出資した。", {"Toyota Ventures", "Skycatch, Inc."},
     "corporate_venture"),
    ("日米両政府は、宇宙協力に関する協定に署名した。",
     {"Government of the United States", "Government of Japan"}, "government_agreement"),
])
def test_collaboration_patterns(ja: JapaneseExtractor, text: str, parties: set[str],
                                mechanism: str) -> None:
    assert _pairs(ja, text) == {(frozenset(parties), mechanism)}


def test_two_clauses_share_the_topic(ja: JapaneseExtractor) -> None:
    found = _pairs(ja, "ソニーグループは、米AMDと提携し、米マイクロソフトに出資した。")
    assert found == {(frozenset({"Sony Group Corporation", "Advanced Micro Devices, Inc."}),
                      "partnership"),
                     (frozenset({"Sony Group Corporation", "Microsoft"}), "investment")}


def test_anaphora(ja: JapaneseExtractor) -> None:
    found = _pairs(ja, "米マイクロソフトは日本に投資する。同社は、理化学研究所と協力する。")
    assert found == {(frozenset({"Microsoft", "RIKEN"}), "partnership")}


def test_new_names_are_found_again_bare(ja: JapaneseExtractor) -> None:
    found = _pairs(ja, "さくらインターネット株式会社は発表した。"
                       "さくらインターネットは、ソフトバンクと連携している。")
    # one organization, named as the text first writes it (with its legal form)
    assert found == {(frozenset({"さくらインターネット株式会社", "SoftBank Corp."}), "partnership")}


@pytest.mark.parametrize("text", [
    "今後は、経産省と文部科学省が人材育成で一層連携することが求められる。",
    "トヨタ自動車は米エヌビディアと提携すべきである。",
    "トヨタ自動車と米エヌビディアは提携すべきだ。",
    "日本は、米国との研究協力をさらに強化する必要がある。",
    "ソフトバンクグループは、オープンAIに出資する方向で協議している。",
    "トヨタ自動車と米エヌビディアは、提携を検討している。",
    "トヨタ自動車は米エヌビディアとは提携しない。",
    "経団連は、日米の防衛産業協力をさらに深めるべきだと提言した。",
    "米グーグルと米アマゾンも、それぞれ日本のデータセンターへの投資を拡大している。",
    "米マイクロソフトは、日本でのAI基盤に29億ドルを投資すると発表した。",
])
def test_no_collaboration(ja: JapaneseExtractor, text: str) -> None:
    assert _collabs(ja, text) == []


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("最大5,900億円を支援", 5.9e11, "JPY"), ("約3.3兆円で買収", 3.3e12, "JPY"),
    ("約8億9400万ドル", 8.94e8, "USD"), ("5千万ドルを出資", 5e7, "USD"),
    ("１億５０００万ドル", 1.5e8, "USD"), ("3000万円", 3e7, "JPY"),
])
def test_money(text: str, value: float, currency: str) -> None:
    money = find_money(text)
    assert money and money[0].value == pytest.approx(value) and money[0].currency == currency


def test_amount_jpy_and_usd_in_json(ja: JapaneseExtractor) -> None:
    (c,) = _collabs(ja, "経産省は2023年、ラピダスに最大2,600億円の補助金を交付した。")
    assert c["amount_jpy"] == 2.6e11 and c["amount_usd"] == pytest.approx(2.6e11 / 140.5001,
                                                                          rel=1e-3)
    (d,) = _collabs(ja, "トヨタ自動車は米ジョビー・アビエーションに約5億ドルを出資した。")
    assert d["amount_usd"] == 5e8 and "amount_jpy" not in d


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年4月10日に署名した", "2024-04-10"), ("令和6年4月に", "2024-04"),
    ("平成元年", "1989"), ("令和6年度", "2024"), ("昨年4月", "2024-04"), ("今年", "2025"),
    ("来年3月", "2026-03"), ("２０２３年１月", "2023-01"), ("4月10日に", "2025-04-10"),
])
def test_dates(text: str, expected: str) -> None:
    found = find_date(text, PartialDate(2025, 1, 7))
    assert found is not None and found.iso() == expected


def test_width_folding_keeps_quotes_verbatim(ja: JapaneseExtractor) -> None:
    text = "ﾄﾖﾀ自動車は、米ＩＢＭと共同開発を進めている。"
    (c,) = _collabs(ja, text)
    assert set(c["parties"]) == {"Toyota Motor Corporation", "IBM"}
    assert c["quote"] == text
    folded = Folded.of("ｴﾇﾋﾞﾃﾞｨｱ")
    assert folded.text == "エヌビディア" and folded.span(0, len(folded.text)) == (0, 8)


@pytest.mark.parametrize(("surface", "org_id"), [
    ("Tōkyō Electron", "tokyo-electron"), ("Toukyou Electron", "tokyo-electron"),
    ("Tokyo Electron", "tokyo-electron"), ("Kyōto University", "kyoto-university"),
    ("米エヌビディア", "nvidia"), ("トヨタ自動車", "toyota-motor"), ("文部科学省", "mext"),
    ("米エネルギー省", "us-doe"), ("英アーム", "arm"),
])
def test_cross_lingual_resolution(ja: JapaneseExtractor, surface: str, org_id: str) -> None:
    finder = ja.nlp.get_pipe("kizuna_ja_orgs").finder  # type: ignore[attr-defined]
    assert finder.resolve(surface) == org_id


def test_romaji_keys_fold_long_vowels() -> None:
    assert romaji_key("Tōkyō") == romaji_key("Tokyo") == romaji_key("Toukyou") == \
        romaji_key("トウキョウ")
    assert romaji_key("ソニー") == romaji_key("Sony")


def test_mixed_document_sentence_by_sentence(kb: KnowledgeBase) -> None:
    text = ("Hitachi and Microsoft signed a three-year partnership on generative AI. "
            "東京海上ホールディングスは米メトロマイルを買収した。\n")
    assert [lang for lang, _s, _e in runs(text)] == ["en", "ja"]
    data = MultilingualExtractor(kb).extract(text).to_json()
    found = {frozenset(c["parties"]) for c in data["collaborations"]}
    assert frozenset({"Tokio Marine Holdings, Inc.", "Metromile"}) in found
    assert any("Hitachi" in p for c in found for p in c)
    for c in data["collaborations"]:
        assert text[c["span"][0]:c["span"][1]] == c["quote"]


def test_english_documents_are_read_by_the_english_pipeline(kb: KnowledgeBase) -> None:
    from kizuna.extract import Extractor

    text = "Toyota and NVIDIA formed a partnership on autonomous driving in 2024."
    assert MultilingualExtractor(kb).extract(text).to_json() == \
        Extractor(kb).extract(text).to_json()


def _score() -> Any:
    extractor = MultilingualExtractor(starter_knowledge())
    gold = DATA / "gold"

    def predict(path: Path) -> dict[str, Any]:
        doc = read_path(path, max_bytes=10_000_000)
        published = PartialDate.parse(doc.published) if doc.published else None
        return extractor.extract(doc.text, published, language=doc.language).to_json()

    report, _ = evaluate(gold, DATA / "docs", predict)
    return report


def test_gold_set_targets() -> None:
    report = _score()
    assert report.quotes_ok == report.quotes_all > 0
    assert report.orgs.f1 >= 0.9
    assert report.pairs.f1 >= 0.9
    assert report.strict.f1 >= 0.85
