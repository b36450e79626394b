"""Organization names in the forms real Japanese releases, articles and PDFs write them: legal
forms before and after the name (株式会社, (株), （株）, ㈱, 有限会社, 合同会社), legal prefixes
of public bodies, country prefixes, Latin-letter names (also full width), names in 「」 and 『』,
kanji-only names, names ending in a line of business, names joined by ・, short names defined
in brackets (以下「…」) and names wrapped across two lines of PDF text. Every text is written for
this test; each case names the exact spans the mention finder must return."""

from __future__ import annotations

import pytest

from kizuna.extract.japanese import JapaneseExtractor
from kizuna.extract.japanese.mentions import JaMention
from kizuna.extract.japanese.normalize import Folded, wrap_breaks
from kizuna.ingest.knowledge import starter_knowledge


@pytest.fixture(scope="module")
def ja() -> JapaneseExtractor:
    return JapaneseExtractor(starter_knowledge())


def _mentions(ja: JapaneseExtractor, text: str) -> list[JaMention]:
    doc = ja.nlp(text)
    return [m for m in doc._.kizuna_ja_mentions or []
            if m.mention.source not in ("anaphora", "collective")]


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """The spans of ``names`` in ``text``, each searched after the one before."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append((start, start + len(name)))
        at = start + len(name)
    return out


FORMS = [
    # legal forms before and after the name, in every width
    ("株式会社信州化成と湘南精機株式会社は業務提携を締結した。", ["株式会社信州化成", "湘南精機"]),
    ("(株)信州化成は、湘南精機(株)と共同開発を開始した。", ["信州化成", "湘南精機"]),
    ("（株）信州化成は、湘南精機（株）と共同開発を開始した。", ["信州化成", "湘南精機"]),
    ("㈱信州化成は、湘南精機㈱と共同開発を開始した。", ["信州化成", "湘南精機"]),
    ("有限会社青葉技研は、信州化成と提携した。", ["有限会社青葉技研", "信州化成"]),
    ("信州化成は、北辰テクノロジーズ合同会社と提携した。", ["信州化成", "北辰テクノロジーズ"]),
    # legal prefixes of public bodies belong to the name, also before a name in kana
    ("一般社団法人日本量子産業協会と公益財団法人北辰科学振興財団は連携協定を締結した。",
     ["一般社団法人日本量子産業協会", "公益財団法人北辰科学振興財団"]),
    ("国立大学法人東雲大学と国立研究開発法人海洋資源研究機構は共同研究を開始した。",
     ["国立大学法人東雲大学", "国立研究開発法人海洋資源研究機構"]),
    ("国立研究開発法人北方がん医療研究センターは、信州化成と共同研究を開始した。",
     ["国立研究開発法人北方がん医療研究センター", "信州化成"]),
    # country prefixes
    ("信州化成は米ゼノテック社、独ハルトマン、仏ルミエールと提携した。",
     ["信州化成", "米ゼノテック", "独ハルトマン", "仏ルミエール"]),
    # Latin letters: by the last word of the name, before a legal form, in full width
    ("信州化成はXtreme Labsと共同開発を行う。", ["信州化成", "Xtreme Labs"]),
    ("信州化成はＸｔｒｅｍｅ　Ｌａｂｓと共同開発を行う。", ["信州化成", "Ｘｔｒｅｍｅ　Ｌａｂｓ"]),
    ("信州化成は、Ｋｅｓｔｒｅｌ Ｒｏｂｏｔｉｃｓ株式会社と提携した。",
     ["信州化成", "Ｋｅｓｔｒｅｌ Ｒｏｂｏｔｉｃｓ"]),
    ("信州化成は、米Xtreme Labs社と提携した。", ["信州化成", "米Xtreme Labs"]),
    # names in brackets, ending with a line of business
    ("信州化成は「ミライ創研」と提携した。", ["信州化成", "ミライ創研"]),
    ("信州化成は『ミナト製作所』と業務提携した。", ["信州化成", "ミナト製作所"]),
    # kanji-only names and names ending in a line of business
    ("台湾積体電路製造と信州化成は合弁会社を設立した。", ["台湾積体電路製造", "信州化成"]),
    ("信州化成は、甲斐化学、越後電機、湘南製作所と提携した。",
     ["信州化成", "甲斐化学", "越後電機", "湘南製作所"]),
    ("信州化成は、房総銀行から融資を受けた。", ["信州化成", "房総銀行"]),
    ("信州化成は、青嶺証券と提携した。", ["信州化成", "青嶺証券"]),
    ("信州化成は、青嶺証券グループと提携した。", ["信州化成", "青嶺証券グループ"]),
    ("信州化成は、湘南ホールディングスと提携した。", ["信州化成", "湘南ホールディングス"]),
    ("信州化成は、北陸量子研究所と共同研究を行う。", ["信州化成", "北陸量子研究所"]),
    ("信州化成は、信州機構と連携した。", ["信州化成", "信州機構"]),
    ("信州化成は、信州先端技術センターと共同研究を行う。", ["信州化成", "信州先端技術センター"]),
    # a graduate school is its university's
    ("信州化成は、湘南大学大学院工学研究科と共同研究を行う。", ["信州化成", "湘南大学"]),
    # words joined by ・ ending with a line of business; after a descriptor, the name alone
    ("信州化成はアサヒ・ロボティクスと提携した。", ["信州化成", "アサヒ・ロボティクス"]),
    ("信州化成は東雲・北辰エナジーと提携した。", ["信州化成", "東雲・北辰エナジー"]),
    ("信州化成は、米国の素材企業アクアライン・マテリアルズと提携した。",
     ["信州化成", "アクアライン・マテリアルズ"]),
    # not names: securities as a common noun, a facility named in brackets
    ("本リリースは、有価証券の募集を目的とするものではありません。", []),
    ("信州化成は、共同研究所「Kanto Bio Lab」を開設した。", ["信州化成"]),
]


@pytest.mark.parametrize(("text", "names"), FORMS)
def test_forms_of_names(ja: JapaneseExtractor, text: str, names: list[str]) -> None:
    found = [(m.start_char, m.end_char) for m in _mentions(ja, text)
             if not m.mention.is_country]
    assert found == _spans(text, names), [text[s:e] for s, e in found]


def test_a_name_with_and_without_its_legal_form_is_one_organization(
        ja: JapaneseExtractor) -> None:
    text = "株式会社信州化成は湘南精機と提携した。信州化成は工場を新設する。"
    keys = {text[m.start_char:m.end_char]: m.mention.key for m in _mentions(ja, text)}
    assert keys["株式会社信州化成"] == keys["信州化成"], keys
    assert {o.name for o in ja.extract(text).organizations.values()} >= {"株式会社信州化成"}


def test_a_short_name_defined_in_brackets(ja: JapaneseExtractor) -> None:
    """株式会社X（本社：…、以下「Y」）: Y names X in the rest of the text."""
    text = ("湘南精機工業株式会社（本社：神奈川県藤沢市、以下「湘南精機」）は、信州化成と提携した。"
            "湘南精機は、新工場を建設する。")
    mentions = _mentions(ja, text)
    long = next(m for m in mentions if text[m.start_char:m.end_char] == "湘南精機工業")
    short = [m for m in mentions if text[m.start_char:m.end_char] == "湘南精機"]
    assert short and all(m.mention.key == long.mention.key for m in short)


# a release as text taken from a PDF: lines wrapped at a fixed width, inside words too
PDF = ("2026年5月12日\n"
       "信州化成株式会社\n"
       "信州化成株式会社（本社：長野県松本市、代表取締役社長：山田太郎、以下「信州化成」）は、\n"
       "湘南精機工業株式会社（本社：神奈川県藤沢市、以下「湘南精機」）および国立研究開発法人\n"
       "海洋資源研究機構と、次世代電池材料の共同開発に関する契約を締結いたしました。信州化成と湘\n"
       "南精機は、2027年までに試作品を完成させます。\n")


def test_wrapped_lines_of_pdf_text() -> None:
    breaks = wrap_breaks(PDF)
    lines = PDF.split("\n")
    # the three long lines wrap; the date line, the issuer line and the last line do not
    wrapped = {PDF.index(line) + len(line) for line in lines[2:5]}
    assert breaks == wrapped
    folded = Folded.of(PDF, breaks)
    start = folded.text.index("湘南精機は")
    assert PDF[slice(*folded.span(start, start + 4))] == "湘\n南精機"  # the verbatim span


def test_names_wrapped_across_lines(ja: JapaneseExtractor) -> None:
    # spans as the extraction gives them, in the original text (the layout reader joins the
    # wrapped lines before the pipeline reads them, so the doc's own offsets are not these)
    orgs = ja.extract(PDF).organizations
    spans = {PDF[s:e]: key for key, o in orgs.items() for s, e in o.spans}
    assert "国立研究開発法人\n海洋資源研究機構" in spans, list(spans)
    assert spans["湘\n南精機"] == spans["湘南精機工業"]
    names = {o.name for o in orgs.values()}
    assert "国立研究開発法人海洋資源研究機構" in names, names  # named without the line break


def test_a_wrapped_line_does_not_end_the_sentence(ja: JapaneseExtractor) -> None:
    collabs = ja.extract(PDF).to_json()["collaborations"]
    # the signing sentence is read whole, across both of its wrapped lines: its quote runs from
    # the issuer to the verb (whether the model accepts each pair of it is the model's call)
    signed = [c for c in collabs if "信州化成株式会社" in c["parties"]
              and "湘南精機工業株式会社" in c["parties"]]
    assert signed and any(c["quote"].startswith("信州化成株式会社") and "\n海洋資源研究機構と" in
                          c["quote"] and c["quote"].endswith("締結いたしました。") for c in signed)
    for c in collabs:
        assert c["quote"] in PDF  # quotes stay verbatim, line breaks and all


MORE_FORMS = [
    # a legal prefix after a space; a legal form after words joined by ・; a fund's legal form
    ("一般財団法人　東雲宇宙政策フォーラムは、信州化成と協定を締結した。",
     ["一般財団法人　東雲宇宙政策フォーラム", "信州化成"]),
    ("信州化成は、合弁会社「KZクラフト・メディカル株式会社」を設立する。",
     ["信州化成", "KZクラフト・メディカル"]),
    ("湘南イノベーション・パートナーズ投資事業有限責任組合は、信州化成に出資した。",
     ["湘南イノベーション・パートナーズ", "信州化成"]),
    # after a descriptor and である; a word of reference begins no name here (自…)
    ("独立行政法人である自動車安全技術機構は、信州化成と連携した。",
     ["自動車安全技術機構", "信州化成"]),
    # an adjectival noun inside a name; business words only names use
    ("信州化成は、房総高等専門学校と連携する。", ["信州化成", "房総高等専門学校"]),
    ("信州化成は、衛星解析の天翔テクノロジーズと提携した。", ["信州化成", "天翔テクノロジーズ"]),
    ("信州化成は、房総政策金融公庫から融資を受けた。", ["信州化成", "房総政策金融公庫"]),
    # a legal form before a name in katakana and kanji, after a descriptor and である
    ("国内の防災機器メーカーである株式会社アサノ防災は、信州化成と提携した。",
     ["株式会社アサノ防災", "信州化成"]),
    # a Latin name with a country's name in it, before a legal form; a corporate form after a comma
    ("信州化成は、日本法人Kestrelix Japan合同会社を設立した。", ["信州化成", "Kestrelix Japan"]),
    ("音声AIを開発するKestrelix, Inc.は、信州化成と提携した。", ["Kestrelix, Inc.", "信州化成"]),
    # a unit of a university inside a longer run; digits after a legal prefix
    ("信州化成は、湘南大学大学院情報科学研究科と共同研究を始める。", ["信州化成", "湘南大学"]),
    ("一般社団法人ミナトフォーラム21は、信州化成と提携した。",
     ["一般社団法人ミナトフォーラム21", "信州化成"]),
    # a capitalised Latin name after a country and の; not a common acronym
    ("信州化成は、オランダのKvantelと共同研究を始めた。", ["信州化成", "Kvantel"]),
    ("信州化成は、米国のAIと提携した。", ["信州化成"]),
    # two kinds of organization joined by ・ are no name
    ("日米の企業・大学の連携によって実用段階に入りつつある。", []),
]


@pytest.mark.parametrize(("text", "names"), MORE_FORMS)
def test_more_forms_of_names(ja: JapaneseExtractor, text: str, names: list[str]) -> None:
    found = [(m.start_char, m.end_char) for m in _mentions(ja, text)
             if not m.mention.is_country]
    assert found == _spans(text, names), [text[s:e] for s, e in found]


def test_a_short_name_defined_without_brackets_of_quotation(ja: JapaneseExtractor) -> None:
    text = ("湘南精機工業株式会社（以下、湘南精機）は、信州化成と提携した。"
            "湘南精機は工場を建設する。")
    mentions = _mentions(ja, text)
    keys = {m.mention.key for m in mentions if text[m.start_char:m.end_char].startswith("湘南")}
    assert len(keys) == 1, [(text[m.start_char:m.end_char], m.mention.key) for m in mentions]


def test_a_known_name_wrapped_across_lines(ja: JapaneseExtractor) -> None:
    """A known ministry and a new company, each broken by a PDF line wrap, are found and
    paired with the issuer across the wrapped sentences."""
    text = ("信州化成株式会社は、次世代電池材料の量産技術の開発について、経済産\n"
            "業省の補助事業に採択されたことをお知らせいたします。本事業では、湘南\n"
            "精機工業株式会社と共同で試作ラインを整備します。\n")
    spans = {text[s:e]: key for key, o in ja.extract(text).organizations.items()
             for s, e in o.spans}
    assert spans["経済産\n業省"] == "meti", spans
    assert "湘南\n精機工業" in spans, spans
    pairs = {frozenset(c["parties"]) for c in ja.extract(text).to_json()["collaborations"]}
    assert frozenset({"信州化成株式会社", "湘南精機工業株式会社"}) in pairs, pairs


def test_a_legal_form_on_the_next_line(ja: JapaneseExtractor) -> None:
    """A PDF line wrapped between a name and its legal form: the name is still marked by it."""
    text = ("本日、次世代電池材料の量産技術に関する共同開発について、信州化成は、"
            "九州アドバンスト実装\n"
            "株式会社と契約を締結したことをお知らせいたします。両社は、試作ラインを整備します。\n"
            "以上\n")
    spans = [text[m.start_char:m.end_char] for m in _mentions(ja, text)]
    assert "九州アドバンスト実装" in spans, spans


def test_an_abbreviation_in_brackets_names_the_organization(ja: JapaneseExtractor) -> None:
    text = "北辰量子研究所（HQRI）は、信州化成と提携した。HQRIは、新たな拠点を設ける。"
    mentions = _mentions(ja, text)
    full = next(m for m in mentions if text[m.start_char:m.end_char] == "北辰量子研究所")
    short = [m for m in mentions if text[m.start_char:m.end_char] == "HQRI"]
    assert len(short) == 2 and all(m.mention.key == full.mention.key for m in short)
