"""Organization names written in kanji (and kana) without a legal form: 東陽電機, 関東化学工業,
港信用金庫, 熊本工科大学, 公益財団法人要科学振興財団.

Japanese company names are mostly a proper noun (often a place: 関東, 北陸, 但馬) followed by the
line of business (電機, 化学工業, 商事, 精機). Sudachi marks the proper noun (固有名詞), so a
run of nouns that starts with one and ends with a business word from the lexicon is a name; a
business word that only organizations use (製作所, 信用金庫, 大学) needs no proper noun before
it. A run right after a descriptor and の ("精錬大手の北洋精錬") is a name whatever it ends with.
A name followed by another business word is a name too (大和証券グループ,
北辰化成ホールディングス); words joined by ・ and ending with a business word name a company
where it acts (アサヒ・ロボティクスと); a line wrapped inside a name (PDF text:
"台湾積体電\n路製造") does not end it.
The suffix words and their kinds live in ``lexicon_ja.yaml`` (``kanji_names``), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.normalize import wrap_breaks

_MAX_TOKENS = 9
_KANJI = re.compile(r"[一-鿿]")
_KATAKANA = re.compile(r"[ァ-ヺー]{2,}")
_HIRAGANA = re.compile(r"[ぁ-ゖ]+")
_FOREIGN_START = re.compile(r"[ァ-ヺA-Za-zＡ-Ｚａ-ｚ]")
#: Run-initial characters that make it a reference, not a name (同社, 両大学, 当社, 本学, 各社).
_REFERENCE_HEADS = "同両当本各他自貴弊"
#: The kinds those characters point at alone: 同社, 本学, 両者, 同行 (a bank), 同大
_REFERENCE_KINDS = "社学者行大省庁"
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]$")
_LEADING_BRACKETS = re.compile(r"^[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class KanjiName:
    start_char: int
    end_char: int
    name: str
    kind: str


def _is_noun(t: Token, ends: tuple[str, ...] = ()) -> bool:
    if t.text == "・":  # ハーバービュー・ゲノム研究所: joins the words of one name
        doc = t.doc
        # ... unless a whole name ends before it (総務省・経済産業省: a list of names)
        return 0 < t.i < len(doc) - 1 and doc[t.i + 1].pos_ in ("NOUN", "PROPN") and \
            doc[t.i - 1].pos_ in ("NOUN", "PROPN") and not doc[t.i - 1].whitespace_ and \
            not doc[:t.i].text.endswith(ends)
    if t.is_punct:
        return False
    if _KATAKANA.fullmatch(t.text):
        return True  # サイバー is tagged an adjective, but inside a name it is a word of it
    if t.tag_.startswith("形状詞") and 0 < t.i < len(t.doc) - 1 and \
            t.doc[t.i + 1].pos_ in ("NOUN", "PROPN"):
        return True  # 熊本高等専門学校: an adjectival noun inside a name
    return t.pos_ in ("NOUN", "PROPN") or t.tag_.startswith(("名詞", "接尾辞", "接頭辞"))


def _runs(doc: Doc, ends: tuple[str, ...] = (), wraps: frozenset[int] = frozenset()
          ) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of noun tokens, without whitespace or line breaks inside
    (except a wrapped line's break, in ``wraps``, between two nouns); a ・ after one of
    ``ends`` (a suffix only names end with) ends the run."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for t in doc:
        inside = _is_noun(t, ends) and not t.is_space
        if t.is_space and start is not None and t.idx in wraps and t.text == "\n" and \
                t.i + 1 < len(doc) and _is_noun(doc[t.i + 1], ends):
            inside = True
        if inside and start is None:
            start = t.i
        if start is not None and (not inside or t.whitespace_):
            end = t.i if not inside else t.i + 1
            if end > start:
                runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs


def find_kanji_names(doc: Doc, lx: JaLexicon) -> list[KanjiName]:
    """Names by the rules in the module docstring, as character spans of ``doc``."""
    out: list[KanjiName] = []
    suffixes = lx.name_suffixes
    ordered = sorted((*suffixes, *lx.name_units), key=len, reverse=True)
    wraps = wrap_breaks(doc.text)
    for start, end in _runs(doc, lx.strong_name_suffixes, wraps):
        # function words do not begin or end a name (…のうちX, X|とも)
        while start < end and _function_word(doc[start]):
            start += 1
        while end > start and _function_word(doc[end - 1]):
            end -= 1
        if end <= start:
            continue
        if end - start > 2 and doc[start].text in lx.name_time_marks and \
                doc[start + 1].text == "・":
            start += 2  # （現・X）: the name is X
        # a descriptor written before the name in one run (ソフトウェア企業ライトハウス・ネット
        # ワークス, 通信事業者グローブ・テレコム): the name starts after it
        descriptors = (*lx.name_descriptors, *lx.appositive_descriptors)
        for k in range(start, end - 1):
            head = doc[start:k + 1].text
            if head.endswith(descriptors) and not head.endswith(lx.legal_prefixes) and \
                    len(doc[k + 1:end].text) >= 3 and not doc[k + 1].tag_.startswith("接尾辞") \
                    and doc[k + 1:end].text not in suffixes and doc[k + 1].text != "・":
                start = k + 1
        # 防衛関連企業エレクトロ・オプティック・システムズ: a description glued before a name in
        # katakana or Latin letters; the name begins after it (中小企業基盤… goes on in kanji)
        for k in range(end - 2, start - 1, -1):
            if doc[k].text in lx.glued_descriptors and doc[k - 1:k].text != "株式" and \
                    _FOREIGN_START.match(doc[k + 1].text):
                start = k + 1
                break
        # the longest piece ending at a suffix: "東陽電機と" ends the run at 電機 already, but
        # "関東化学工業研究所" ends at 研究所; cut the run at its last suffix. Sudachi may glue
        # an abbreviation in brackets to the last noun (機構（ジェトロ）): the name ends before it
        text_end = None
        kind = None
        name = suffix = ""
        # 東北大学大学院情報科学研究科: the name ends before a unit of it (the university's)
        for k in range(start + 1, end):
            rest = doc[k:end].text
            if any(rest.startswith(u) and doc[start:k].text.endswith(p)
                   for u, p in lx.name_units.items()):
                end = k
                break
        raw = ""
        for k in range(end, start, -1):
            raw = _BRACKETED.sub("", doc[start:k].text)
            piece = raw.replace("\n", "")
            found = next((s for s in ordered if piece.endswith(s)), None)
            if found in lx.name_units:  # 東雲大学大学院: the university
                parent, cut = lx.name_units[found], len(found)
                if not piece[:-cut].endswith(parent) or raw[-cut:] != found:
                    continue
                raw, piece, found = raw[:-cut], piece[:-cut], parent
            if found is not None:
                text_end, kind, name, suffix = k, suffixes[found], piece, found
                break
        described = _after_descriptor(doc, start, lx)
        of_country = _after_country(doc, start, lx)
        if text_end is None and _kanji_katakana(doc, start, end, lx):
            text_end, kind, raw = end, "company", doc[start:end].text
            name = raw.replace("\n", "")
        elif text_end is None:
            if not described or not _KANJI.search(doc[start:end].text.removesuffix("社")):
                continue  # katakana and Latin names after a descriptor: mentions.py reads them
            text_end, kind, raw = end, "company", doc[start:end].text
            name = raw.replace("\n", "")
        first = start
        if _reference(name, lx) or text_end - first > _MAX_TOKENS:
            continue
        # a legal prefix (公益財団法人, 国立大学法人) belongs to the name; a country prefix
        # (米一般調達局) marks a foreign organization's name as a name
        body = name
        for prefix in lx.legal_prefixes:
            if body.startswith(prefix):
                body = body[len(prefix):]
                break
        foreign = body[:1] in lx.country_prefixes and doc[first].text == body[:1]
        core = body[1:] if foreign else body
        assert kind is not None
        if len(body) < 3 or core in suffixes or core.removesuffix(suffix) in suffixes:
            continue  # 米製薬, 米光学部品: a country and a line of business, no name
        if (suffix and core.removesuffix(suffix).endswith(lx.description_marks)) or \
                body[:1].isdigit():
            continue  # 宇宙特化ファンド, 地銀系ベンチャーキャピタル, 12大学: a description
        # 米国際開発…, 米中西部: a country before a description or a region, not a name
        foreign = foreign and not core.startswith(lx.generic_name_heads) and \
            suffix in lx.foreign_name_suffixes
        strong = any(body.endswith(s) for s in lx.strong_name_suffixes) or \
            _compound(body, suffix, lx) or _joined(doc, first, text_end, body, suffix, lx)
        # after a country and の (韓国の錦湖精密), a whole run ending with a line of business is a
        # name, unless it is a description (工作機械メーカー, 大手半導体, 電力・建設)
        of_country = of_country and suffix != "" and text_end == end and "・" not in body and \
            not body.startswith(lx.generic_name_heads) and not any(
                d in body for d in (*lx.name_descriptors, *lx.appositive_descriptors))
        # a legal form before it (国立研究開発法人国立がん研究センター) marks a name as a name
        legal = body != name and len(body) >= 4
        proper = foreign or of_country or legal or any(
            t.tag_.startswith("名詞-固有名詞") for t in doc[first:text_end])
        place = any(body.endswith(s) for s in lx.place_name_suffixes)
        # 「ミライ創研」, 『東雲製作所』: a whole bracket holding a name with a business word
        quoted = first > 0 and doc[first - 1].text in ("「", "『") and text_end < len(doc) and \
            doc[text_end].text in ("」", "』") and suffix != ""
        # 国立研究開発法人国立がん研究センター: a legal form before the run marks it as a name
        legal = body != name and suffix != ""
        if not (strong or proper or described or quoted or legal):
            continue
        if not (proper or described or legal) and body.startswith(lx.generic_name_heads):
            continue
        if place and not _acts(doc, text_end, lx):
            continue  # a prefecture or city as a place, not a party
        last = doc[text_end - 1]
        end_char = doc[first].idx + len(raw)
        assert end_char <= last.idx + len(last.text)
        out.append(KanjiName(doc[first].idx, end_char, name, kind))
    return out


def _function_word(t: Token) -> bool:
    """A hiragana word that is no part of a name: a suffix or particle (X|とも) or a noun used
    as an adverb (…のうち|X); さくら, りそな begin names."""
    return bool(_HIRAGANA.fullmatch(t.text)) and (
        t.tag_.startswith(("接尾辞", "助詞")) or "副詞可能" in t.tag_)


def _reference(name: str, lx: JaLexicon) -> bool:
    """同社, 両大学, 本学, 当研究所: a word of reference and a kind of organization, not a name
    (自動車技術総合機構 and 同志社大学 begin with such a character, and are names)."""
    rest = name[1:]
    return name[:1] in _REFERENCE_HEADS and (
        rest[:1] in _REFERENCE_KINDS or rest in lx.name_suffixes or rest in lx.generic_org_names
        or any(rest.startswith(s) for s in lx.name_suffixes if len(s) >= 2))


def _compound(body: str, suffix: str, lx: JaLexicon) -> bool:
    """A name followed by another business word: what comes before the last one ends with a
    word only names end with (大和証券グループ, 北辰化成ホールディングス)."""
    head = body[:-len(suffix)] if suffix and body.endswith(suffix) else ""
    return len(head) >= 3 and any(head.endswith(s) and len(head) > len(s)
                                  for s in lx.strong_name_suffixes)


def _joined(doc: Doc, start: int, end: int, body: str, suffix: str, lx: JaLexicon) -> bool:
    """Words joined by ・ ending with a business word, none of the others a business word or a
    kind of organization, where the name acts (アサヒ・ロボティクスと): a company's name written
    as names are (電力・ガス is two lines of business, 企業・大学 two kinds)."""
    parts = body.split("・")
    if len(parts) < 2 or not suffix or not all(parts):
        return False
    if any(p in lx.name_suffixes or p in lx.generic_org_names or p in lx.not_names or
           p.startswith(lx.generic_name_heads) for p in parts[:-1]):
        return False
    if any(d in body for d in (*lx.descriptors, *lx.name_descriptors)):
        return False  # 防衛関連企業エレクトロ・…: a description first (mentions.py reads the name)
    return _acts(doc, end, lx)


def _kanji_katakana(doc: Doc, start: int, end: int, lx: JaLexicon) -> bool:
    """A kanji proper noun (often a place) followed by katakana words and nothing else
    (武蔵野サイバーセキュリティ, 近江テラファーム): a company's name by its character classes,
    when it acts as a party (the topic, subject or partner), since without a business word
    it could be a product or an event."""
    head, tail = doc[start], doc[start + 1:end]
    return bool(tail) and end - start <= 4 and head.tag_.startswith("名詞-固有名詞") and \
        bool(_KANJI.fullmatch(head.text[:1])) and \
        all(_KATAKANA.fullmatch(t.text) or t.text == "・" for t in tail) and \
        sum(len(t.text) for t in tail) >= 4 and tail[-1].text not in lx.not_names and \
        _acts(doc, end, lx)


def _after_descriptor(doc: Doc, start: int, lx: JaLexicon) -> bool:
    """"精錬大手の北洋精錬", "新興企業の千曲バイオ": a descriptor word and の right before;
    "部品メーカーである有明精工": a descriptor (or a word for a company) and である."""
    if start >= 3 and doc[start - 2].text == "で" and doc[start - 1].lemma_ in ("ある", "有る"):
        before = doc[max(0, start - 5):start - 2].text
        return any(before.endswith(d) for d in (*lx.name_descriptors, *lx.appositive_descriptors))
    if start < 2 or doc[start - 1].text != "の":
        return False
    before = doc[max(0, start - 4):start - 1].text
    return any(before.endswith(d) for d in lx.name_descriptors)


def _after_country(doc: Doc, start: int, lx: JaLexicon) -> bool:
    """"韓国の錦湖精密", "台湾の経済部": a country's name and の right before."""
    if start < 2 or doc[start - 1].text != "の":
        return False
    before = doc[max(0, start - 4):start - 1].text
    return any(before.endswith(c) for c in lx.country_names)


def _acts(doc: Doc, end: int, lx: JaLexicon) -> bool:
    """A prefecture or city named as a party: the topic or subject, or a partner, also through
    an official's title (愛知県知事は) or an abbreviation in brackets (機構（JST）と), or the
    owner of a named programme (長野県の「…事業」)."""
    if end >= len(doc):
        return False
    rest = _LEADING_BRACKETS.sub("", doc[end:min(end + 6, len(doc))].text)
    for title in lx.titles:
        if rest.startswith(title):
            rest = rest[len(title):]
            break
    return any(rest.startswith(p) for p in lx.acting_particles)
