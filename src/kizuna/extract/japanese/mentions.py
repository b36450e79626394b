"""Organization mentions in Japanese text.

Four sources, in order of trust:

1. the knowledge base's names (Japanese aliases, Latin-script names such as IBM or NEDO, and each
   with a country prefix: 米IBM, 英アーム), matched longest-first on the width-folded text and kept
   only where they begin and end on Sudachi token boundaries (and, for names in katakana, where
   the katakana word does not go on: アーム is not ロボットアーム);
2. names that Japanese marks as names: a country prefix before a Latin or katakana word (米Xyz),
   a descriptor before one (米鉄鋼大手USスチール, 米新興企業のクエラ), and legal forms
   (さくらインターネット株式会社, ソリッドエナジー社); each is resolved against the knowledge base
   (exact name, the name without its prefix, then its romanisation) or kept as a new organization,
   and later bare mentions of it in the document are found too, as are the short names the text
   defines for it (株式会社X（本社：…、以下「Y」）); a name with its legal form and without it
   (株式会社北辰化成, 北辰化成) is one organization. Legal forms come from the lexicon, in their
   folded forms (㈱ and （株） are (株)); so do the last words of Latin-letter names (Xtreme Labs);
3. phrases standing for the two governments of a bilateral text (日米両政府, 両国);
4. anaphora: 同社, 同大学, 同省 stand for the latest organization of that kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.names import _runs as noun_runs
from kizuna.extract.japanese.names import find_kanji_names
from kizuna.extract.japanese.normalize import Folded, fold, script, wrap_breaks
from kizuna.extract.japanese.romaji import RomajiIndex
from kizuna.extract.knowledge import KnowledgeBase, is_acronym
from kizuna.extract.mentions import Mention
from kizuna.model.taxonomy import technologies

_LATIN_WORD = r"[A-Za-z][A-Za-z0-9&.\-]*"
_KATA_WORD = r"[ァ-ヺー]+"
_NAME = (r"(?:" + _LATIN_WORD + r"|" + _KATA_WORD + r")(?:(?:[・ ]|(?<=[A-Za-z0-9])(?=[ァ-ヺ])|"
         r"(?<=[ァ-ヺー])(?=[A-Za-z]))(?:" + _LATIN_WORD + r"|" + _KATA_WORD + r"))*")
_BOUNDARY_BEFORE = r"(?<![一-鿿ァ-ヺーA-Za-z0-9])"
#: A name after a legal form: hiragana only where kanji or katakana follow (あおぞらロケット),
#: then kanji, katakana, Latin letters and digits up to a particle or a bracket.
_AFTER_LEGAL_FORM = re.compile(r"(?:[ぁ-ゖ]+(?=[一-鿿ァ-ヺ]))?[一-鿿々ァ-ヺーA-Za-z0-9・&]+"
                               r"(?:(?<=[A-Za-z0-9.]) [A-Z][A-Za-z0-9&.\-]*)*")
#: Capitalised Latin words (with "of", "and", "for" between them): Kestrel Robotics Inc.
_LATIN_RUN = re.compile(r"(?<![A-Za-z0-9&.\-])[A-Z][A-Za-z0-9&\-]*\.?"
                        r"(?: (?:[A-Z&][A-Za-z0-9&\-]*\.?|of|and|for|the|de))*"
                        r"(?:, (?:Inc|Ltd|LLC|Corp|Co|GmbH|AG|SE|plc|PLC|Pte|Pty)\.?)?")
#: A capitalised Latin name with lower-case letters (QuTech, Innospace; not AI, DX, EV)
_CAPITALISED = re.compile(r"[A-Z][a-z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)*")
#: A Latin abbreviation in brackets right after a name: 連邦科学産業研究機構（CSIRO）
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,9})\)")
#: A Latin name right before a legal form: Ｘｔｒｅｍｅ Ｌａｂｓ株式会社
_LATIN_BEFORE = re.compile(r"(?<![A-Za-z0-9&.\-])[A-Za-z][A-Za-z0-9&.\-]*"
                           r"(?: [A-Za-z0-9&][A-Za-z0-9&.\-]*)* ?$")
_COMPANY_SHA = re.compile(r"(" + _NAME + r")社(?![会長員内外是説債屋宅])")
_KIND_BY_SUFFIX = [("大学", "university"), ("研究所", "national_lab"),
                   ("機構", "government_agency"), ("省", "ministry"),
                   ("庁", "government_agency"), ("財団", "nonprofit"),
                   ("協会", "industry_association")]
_GLUED_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_LEADING_BRACKETS = re.compile(r"^[（(][^（）()]*[）)]")
#: Endings of prefectures, states and municipalities (not 府: 内閣府 is no place)
_REGIONS = ("県", "都", "道", "州", "市", "町", "村")
_STARTUP_WORDS = ("新興", "スタートアップ", "ベンチャー")
_KATA_OR_LATIN = re.compile(r"[ァ-ヺーA-Za-z0-9&.・]+")
#: the head office in brackets after a name: （東京・千代田）, （熊本県宇土市）
_KANJI_OR_KATA = re.compile(r"[一-鿿々ァ-ヺー・]+")
_HEADQUARTERS = re.compile(r"[（(][一-鿿ァ-ヺー]{1,6}"
                           r"(?:・[一-鿿ァ-ヺー]{1,6}|[県都府市区町村州])[）)]")


@dataclass
class JaMention:
    """A mention with its character span in the original text (for roles and quotes)."""

    mention: Mention
    start_char: int
    end_char: int


@dataclass
class NewOrg:
    name: str
    kind: str
    country: str | None


class JaMentionFinder:
    """Built once per knowledge base; :meth:`find` per document."""

    def __init__(self, kb: KnowledgeBase, lexicon: JaLexicon) -> None:
        self.kb = kb
        self.lx = lexicon
        self.names: dict[str, str] = {}  # folded name -> org id
        self.countries: set[str] = set()  # folded names that are bare country names
        prefix_of = {country: prefix for prefix, country in lexicon.country_prefixes.items()}
        romaji: list[tuple[str, str]] = []
        for org in kb.orgs.values():
            for name, lang in org.names:
                folded = fold(name).strip()
                if len(folded) < 2 or (lang == "en" and not _latin_name(folded)):
                    continue
                self.names.setdefault(folded, org.id)
                if org.kind == "government" and "政府" not in folded and lang == "ja":
                    self.countries.add(folded)
                prefix = prefix_of.get(org.country)
                if prefix and org.kind != "government" and not folded.startswith(prefix):
                    self.names.setdefault(prefix + folded, org.id)
                if lang == "en" or all(script(c) in ("kata", "other") for c in folded):
                    romaji.append((name, org.id))
        self._titled(kb)
        self.romaji = RomajiIndex(romaji)
        self._by_first: dict[str, list[str]] = {}
        for name in sorted(self.names, key=len, reverse=True):
            self._by_first.setdefault(name[0], []).append(name)
        self.governments = kb.governments
        self.non_org_terms = {fold(k) for t in technologies() for k in (*t.keywords_en,
                                                                      *t.keywords_ja)}
        prefixes = "".join(lexicon.country_prefixes)
        self._prefixed = re.compile(_BOUNDARY_BEFORE + "([" + prefixes + "])(" + _NAME + ")")
        descriptors = "|".join(re.escape(d) for d in lexicon.descriptors)
        suffixes = "|".join(re.escape(w) for w in lexicon.place_suffixes)
        self._place = re.compile(r"[一-鿿ァ-ヺー]{0,5}?(?:" + suffixes + r")(?![一-鿿])")
        self._described = re.compile("(" + descriptors + ")(?:の|である)?(" + _NAME + ")")
        countries = "|".join(re.escape(c) for c in sorted(lexicon.country_names, key=len,
                                                              reverse=True))
        #: 韓国のSKハイニックス, 英国のAIセキュリティ・インスティテュート: a katakana or Latin name
        #: right after a country and の
        #: a katakana (or mixed) name no mark shows (see _proposed)
        self._bare_name = re.compile(r"(?<![ァ-ヺーA-Za-z0-9・])(" + _NAME +
                                     r")(?![ァ-ヺーA-Za-z0-9])")
        self._of_country = re.compile(_BOUNDARY_BEFORE + "(" + countries + ")の(" + _NAME + ")")
        self._suffixes_longest = sorted(lexicon.name_suffixes, key=len, reverse=True)
        #: legal forms, folded: written after a company's name or before it (株式会社), and the
        #: forms only written before a name (一般社団法人, 国立研究開発法人)
        after_forms = {fold(f) for f in lexicon.legal_suffixes}
        self._legal_before_only = {fold(f) for f in lexicon.legal_prefixes} - after_forms
        self._legal_forms = re.compile("|".join(re.escape(f) for f in sorted(
            after_forms | self._legal_before_only, key=len, reverse=True)))

    def _titled(self, kb: KnowledgeBase) -> None:
        """Officials' titles as names of their organization (経済産業大臣, NEDO理事長)."""
        for name, org_id in list(self.names.items()):
            org = kb.orgs[org_id]
            if org.kind == "government" or name in self.countries or len(name) < 2:
                continue
            for ending, titles in self.lx.title_replacements.items():
                if name.endswith(ending) and len(name) > len(ending) + 1:
                    for title in titles:
                        self.names.setdefault(name[:-len(ending)] + title, org_id)
            for title in self.lx.titles:
                self.names.setdefault(name + title, org_id)

    # -- the document ---------------------------------------------------------------------

    def find(self, doc: Doc, reading: dict[int, str] | None = None) -> tuple[
            list[JaMention], dict[str, NewOrg]]:
        text = doc.text
        folded = Folded.of(text, wrap_breaks(text))
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        found: list[JaMention] = []
        taken: set[int] = set()
        new_orgs: dict[str, NewOrg] = {}

        def add(f_start: int, f_end: int, org_id: str | None, new: str | None, source: str,
                is_country: bool = False) -> bool:
            o_start, o_end = folded.span(f_start, f_end)
            if taken & set(range(o_start, o_end)):
                return False
            span = doc.char_span(o_start, o_end, alignment_mode="expand")
            if span is None:
                return False
            glued = _GLUED_BRACKETS.fullmatch(text, o_end, span.end_char) is not None
            if span.start_char < o_start - 1 or (span.end_char > o_end + 1 and not glued):
                return False  # the name is a piece of a longer word (not 機構（JST）)
            if org_id is None and source == "ner" and "地名" in span[-1].tag_ and (
                    len(span) == 1 or (len(span) == 2 and span[0].text in
                    self.lx.country_prefixes)) and span.text == text[o_start:o_end]:
                return False  # 米ボストン: the country prefix before a city, not a name
            if not is_country and source != "collective" and self._place.match(text, o_end):
                return False  # 北海道千歳市: a place
            if org_id is None and source == "ner" and (self._generic(text[o_start:o_end]) or any(
                    text.endswith(g, 0, o_end) and o_end - len(g) < o_start
                    for g in self.lx.generic_org_names)):
                return False  # ベンチャーキャピタル, 現地大学 (or a piece of one): a kind
            written = "".join(c for i, c in enumerate(text[o_start:o_end], o_start)
                              if i not in folded.dropped)  # a wrapped line's break: not a letter
            found.append(JaMention(Mention(span.start, span.end, written, org_id,
                                           new, source=source, is_country=is_country),
                                   o_start, o_end))
            taken.update(range(o_start, o_end))
            return True

        # 3. collective phrases first: 日米両政府 is not 日米 + 両政府
        for phrase in self.lx.collective_governments:
            for match in re.finditer(re.escape(phrase), folded.text):
                us, jp = self.governments.get("US"), self.governments.get("JP")
                o_start, o_end = folded.span(match.start(), match.end())
                if us and jp and not taken & set(range(o_start, o_end)):
                    span = doc.char_span(o_start, o_end, alignment_mode="expand")
                    if span is None:
                        continue
                    for gov in (us, jp):
                        found.append(JaMention(Mention(span.start, span.end, match.group(0), gov,
                                                       source="collective", is_country=True),
                                               o_start, o_end))
                    taken.update(range(o_start, o_end))
        # 1a. kanji names with a line of business (関西電力サービス before the known 関西電力)
        self._kanji(doc, folded, add, new_orgs)
        # 1b. names a legal form or a Latin name's last word marks whole (Auralytix Japan合同会社,
        # not the country Japan; 一般社団法人マリノフォーラム21)
        self._legal(doc, folded, add, new_orgs, early=True)
        # 1. the knowledge base's names
        self._gazetteer(folded, starts, ends, add, self.names)
        # 2. names marked as names
        self._marked(doc, folded, add, new_orgs)
        # 4. names no mark shows, judged by the evidence around them
        self._proposed(doc, folded, add, new_orgs, found)
        short = self._abbreviations(folded, found)
        learned = {fold(n): f"new:{n}" for n in new_orgs} | short
        # a news story shortens a new name to its first word after naming it whole
        # (ラインハルト・オートメーション社 … ラインハルトは): the same organization
        for n in new_orgs:
            first = self._short_form(n)
            if first is not None:
                learned.setdefault(fold(first), f"new:{n}")
        if learned:
            self._gazetteer(folded, starts, ends, add, learned)
        # a short name the text defined stands for the organization it was defined for, also
        # where another finder read it first (湘南精機工業株式会社（以下「湘南精機」）)
        for jm in found:
            target = short.get(fold(jm.mention.text)) or short.get(fold(jm.mention.new_name or ""))
            if target is not None and jm.mention.key != target and \
                    jm.mention.source in ("ner", "gazetteer") and not jm.mention.is_country:
                known = not target.startswith("new:")
                jm.mention.org_id = target if known else None
                jm.mention.new_name = None if known else target[4:]
                jm.mention.source = "gazetteer" if known else "ner"
        # a headline's short form found as a name of its own (米ジェノモ before 米ジェノモ・
        # サイエンシズ) is the same organization as the full name
        full_of: dict[str, str] = {}
        for n in new_orgs:
            first = self._short_form(n)
            if first is not None:
                for form in (first, *(p + first for p in self.lx.country_prefixes)):
                    if form in new_orgs and form != n:
                        full_of.setdefault(form, n)
        for jm in found:
            if jm.mention.new_name in full_of:
                jm.mention.new_name = full_of[jm.mention.new_name]
        used = {jm.mention.new_name for jm in found}
        for name in [n for n in new_orgs if n not in used]:
            del new_orgs[name]
        found.sort(key=lambda m: m.start_char)
        return found, new_orgs

    def _abbreviations(self, folded: Folded, found: list[JaMention]) -> dict[str, str]:
        """Short names defined in brackets right after a name (株式会社X（本社：…、以下「Y」）,
        X（以下、Y）): folded Y -> the organization X names (an id, or new:NAME)."""
        marks = "|".join(re.escape(fold(m)) for m in self.lx.abbreviation_marks)
        if not marks:
            return {}
        own_words = {fold(w) for w in (*self.lx.issuer_references, *self.lx.anaphora,
                                       *self.lx.collective_companies)}
        out: dict[str, str] = {}
        text = folded.text
        back = {o: f for f, o in reversed(list(enumerate(folded.origin)))}
        ends = {back.get(jm.end_char, len(text)): jm for jm in found
                if jm.mention.source in ("ner", "gazetteer")}
        forms = tuple(fold(f) for f in (*self.lx.legal_suffixes, "社"))
        quoted = re.compile(r"\(([^()]{0,80}?)(?:" + marks + r")[、,:：]? ?"
                            r"[「『\"]([^」』\"()]{2,20})[」』\"][^()]{0,20}\)")
        # （以下、北辰）, （以下、北辰という。）: unquoted
        bare = re.compile(r"\(([^()]{0,80}?)(?:" + marks + r")[、,] ?([^()「」『』、,。 ]{2,15}?)"
                          r"(?:という|と称する|とする)?。?\)")
        for match in (*quoted.finditer(text), *bare.finditer(text),
                      *_BRACKETED_ACRONYM.finditer(text)):
            before = match.start()
            name = match.group(match.lastindex or 1).strip()
            # the bracket follows a name, past a legal form written after it (X株式会社（…）)
            form = next((f for f in forms if text.endswith(f, 0, before)), "")
            ref = ends.get(before) or ends.get(before - len(form))
            if ref is None or fold(name) in own_words or not self._plausible(name):
                continue
            m = ref.mention
            out.setdefault(fold(name), m.org_id or f"new:{m.new_name}")
        return out

    def _gazetteer(self, folded: Folded, starts: set[int], ends: set[int], add: object,
                   names: dict[str, str]) -> None:
        text = folded.text
        by_first: dict[str, list[str]] = self._by_first if names is self.names else {}
        if names is not self.names:
            for name in sorted(names, key=len, reverse=True):
                by_first.setdefault(name[0], []).append(name)
        i = 0
        while i < len(text):
            for name in by_first.get(text[i], ()):
                if not text.startswith(name, i):
                    continue
                j = i + len(name)
                if not self._boundaries_ok(folded, i, j, starts, ends, name):
                    continue
                org_id = names[name]
                new = org_id[4:] if org_id.startswith("new:") else None
                if new is None and self._as_place(org_id, name, folded.text, j):
                    continue  # 北海道に拠点を置く: the prefecture as a place, not a party
                if add(i, j, None if new else org_id, new,  # type: ignore[operator]
                       "gazetteer" if new is None else "ner", name in self.countries):
                    i = j - 1
                    break
            i += 1

    def _as_place(self, org_id: str, name: str, text: str, end: int) -> bool:
        """A known prefecture, city or state named as a place: it does not act (は, が, と…,
        past brackets and an official's title) where the text names it."""
        if self.kb.orgs[org_id].kind != "government_agency" or not name.endswith(
                _REGIONS):
            return False
        rest = _LEADING_BRACKETS.sub("", text[end:end + 30])
        rest = next((rest[len(t):] for t in self.lx.titles if rest.startswith(t)), rest)
        return not rest.startswith(self.lx.acting_particles)

    def _boundaries_ok(self, folded: Folded, i: int, j: int, starts: set[int], ends: set[int],
                       name: str) -> bool:
        text = folded.text
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < len(text) else " "
        if _latin_name(name):
            return not (before.isascii() and before.isalnum()) and not (
                after.isascii() and after.isalnum())
        # "・" joins the words of one name, except as a list marker at the start of a line
        joiner = before == "・" and i > 1 and text[i - 2] not in "\n\r 　"
        if (script(name[0]) == "kata" and script(before) == "kata") or joiner:
            return False
        if script(name[-1]) == "kata" and (script(after) == "kata" or after == "・"):
            return False
        if name in self.countries and script(after) == "kata":
            return False  # 日本ガイシ: a country's name begins a company's
        if name in self.countries and script(before) == "han":
            return False  # 東日本, 全日本, 在米国: a region or a longer word, not the country
        o_start, o_end = folded.span(i, j)
        # a name that starts or ends inside a Sudachi word is a piece of another word; allow a
        # one-character suffix (経産省 may be one token with 省 split differently)
        return o_start in starts and (o_end in ends or o_end + 1 in ends)

    def _kanji(self, doc: Doc, folded: Folded, add: object,
               new_orgs: dict[str, NewOrg]) -> None:
        back = {o: f for f, o in reversed(list(enumerate(folded.origin)))}
        for found in find_kanji_names(doc, self.lx):
            f_start = back.get(found.start_char)
            f_end = back.get(found.end_char, len(folded.text))
            if f_start is None:
                continue
            body = found.name
            for prefix in self.lx.legal_prefixes:
                if body.startswith(prefix):
                    body = body[len(prefix):]
                    break
            org_id = self.resolve(found.name) or self.resolve(body)
            if org_id is not None:
                add(f_start, f_end, org_id, None, "gazetteer")  # type: ignore[operator]
                continue
            if found.kind in ("ministry", "government_agency") and self._known_inside(body):
                continue  # 経済産業省資源エネルギー庁: the known names inside decide
            if self._cut_known(folded.text, f_start, f_end):
                continue  # 盛山文部|科学大臣: the run ends inside a known name (文部科学大臣)
            # 株式会社北辰化成 and 北辰化成 are one organization: it is keyed without the prefix
            key = body if len(body) >= 2 else found.name
            if add(f_start, f_end, None, key, "ner"):  # type: ignore[operator]
                new_orgs.setdefault(key, NewOrg(key, found.kind, None))

    def _cut_known(self, text: str, start: int, end: int) -> bool:
        """A known name begins inside [start, end) and runs past ``end``."""
        for i in range(start + 1, end):
            for known in self._by_first.get(text[i], ()):
                if i + len(known) > end and text.startswith(known, i) and \
                        known not in self.countries:
                    return True
        return False

    def _known_inside(self, name: str) -> bool:
        """A known name other than a bare place covers most of ``name``."""
        folded = fold(name)
        for i in range(len(folded)):
            for known in self._by_first.get(folded[i], ()):
                if folded.startswith(known, i) and len(known) * 2 > len(folded) \
                        and known not in self.countries:
                    return True
        return False

    def _marked(self, doc: Doc, folded: Folded, add: object,
                new_orgs: dict[str, NewOrg]) -> None:
        text = folded.text
        for match in self._prefixed.finditer(text):
            prefix, name = match.group(1), match.group(2)
            self._candidate(match.start(1), match.start(2), match.end(2), name,
                            self.lx.country_prefixes[prefix], "", add, new_orgs)
        for match in self._described.finditer(text):
            name = match.group(2)
            context = text[max(0, match.start() - 12): match.start(2)]
            country = next((c for p, c in self.lx.country_prefixes.items() if p in context[:3]
                            or f"{p}国" in context), None)
            self._candidate(match.start(2), match.start(2), match.end(2), name, country,
                            match.group(1), add, new_orgs)
        for match in self._of_country.finditer(text):
            name = match.group(2)
            # (not a description: 韓国のセンサーメーカー, 米国のスタートアップ)
            latin_name = name.isascii() and _CAPITALISED.fullmatch(name) is not None and \
                fold(name) not in self.non_org_terms  # オランダのQuTech, 韓国のInnospace
            if len(name) >= 4 and (latin_name or not name.isascii()) and not any(
                    d in name for d in (*self.lx.descriptors, *self.lx.name_descriptors)) \
                    and (latin_name or not self._common_noun(doc, folded, match.start(2),
                                                             match.end(2))):
                self._candidate(match.start(2), match.start(2), match.end(2), name,
                                self.lx.country_names[match.group(1)], "", add, new_orgs)
        for match in _COMPANY_SHA.finditer(text):
            if match.start() > 0 and text[match.start() - 1] in "同両当各他本自親子新全数弊貴御":
                continue
            self._candidate(match.start(1), match.start(1), match.end(1), match.group(1), None,
                            "社", add, new_orgs)
        self._legal(doc, folded, add, new_orgs, early=False)

    def _legal(self, doc: Doc, folded: Folded, add: object, new_orgs: dict[str, NewOrg],
               early: bool) -> None:
        """Names marked by a legal form (株式会社X, X(株), 一般社団法人X) or, in Latin letters,
        by their last word (Xtreme Labs, Auralytix, Inc.). ``early`` (before the knowledge
        base's names): the forms only written before a name, Latin names and Latin runs;
        else the nouns before a legal form, or the name after it."""
        text = folded.text
        for match in self._legal_forms.finditer(text):
            if match.group(0) in self._legal_before_only:
                if early:  # 一般社団法人X: the form belongs to the name (as names.py reads it)
                    self._after_form(text, match.end(), add, new_orgs, match.start())
                continue
            latin = _LATIN_BEFORE.search(text, max(0, match.start() - 60), match.start())
            if latin and any(c.isalpha() for c in latin.group(0)):
                # Ｘｔｒｅｍｅ Ｌａｂｓ株式会社: a Latin name before the form, spaces and all
                if early:
                    self._candidate(latin.start(), latin.start(), latin.start() + len(
                        latin.group(0).rstrip()), latin.group(0), None, "株式会社", add,
                        new_orgs)
                continue
            if early:
                continue
            o_start, _o_end = folded.span(match.start(), match.end())
            # さくらインターネット株式会社: the nouns before the legal form
            parts: list[Token] = []
            before = [t for t in doc if t.idx + len(t.text) <= o_start]
            # IZクラフト・メディカル株式会社: ・ joins words; a wrapped line goes on
            while before and len(parts) < 7 and before[-1].idx + len(before[-1].text) == (
                    parts[0].idx if parts else o_start) and ((before[-1].pos_ in (
                    "NOUN", "PROPN") and not before[-1].is_punct) or (
                    before[-1].text == "・" and parts and len(before) > 1
                    and before[-2].pos_ in ("NOUN", "PROPN")) or (
                    before[-1].text == "\n" and before[-1].idx in folded.dropped)):
                parts.insert(0, before.pop())
            while parts and parts[0].text in ("・", "\n"):
                parts.pop(0)
            if parts:
                s = parts[0].idx
                fs = folded.origin.index(s) if s in folded.origin else None
                if fs is not None:
                    self._candidate(fs, fs, match.start(), folded.text[fs:match.start()], None,
                                    "株式会社", add, new_orgs)
                continue
            self._after_form(text, match.end(), add, new_orgs)
        for match in _LATIN_RUN.finditer(text) if early else ():
            if match.start() > 0 and text[match.start() - 1] in "「『":
                continue  # 「X Lab」を開設: a facility, product or programme named in brackets
            if match.start() > 0 and text[match.start() - 1] in self.lx.country_prefixes:
                continue  # 米Xtreme Labs: read with its prefix (below)
            words = match.group(0).split(" ")
            # Xtreme Labs, Kestrel Robotics Inc.: capitalised words ending with a word of names
            while len(words) > 1 and words[-1] not in self.lx.latin_org_words:
                words.pop()
            if len(words) >= 2 and words[0].rstrip(",") not in self.lx.latin_org_words:
                name = " ".join(words)
                self._candidate(match.start(), match.start(), match.start() + len(name), name,
                                None, "", add, new_orgs)

    def _after_form(self, text: str, s: int, add: object, new_orgs: dict[str, NewOrg],
                    form_start: int | None = None) -> None:
        """株式会社X, 一般社団法人X: the name after the legal form, in any script
        (株式会社東雲メディカル, 株式会社あおぞらロケット, 株式会社ヒノデAI): the legal form
        marks it as a name."""
        while s < len(text) and text[s] == " ":
            s += 1  # 一般財団法人　海洋宇宙政策フォーラム: a space after the form
        after = _AFTER_LEGAL_FORM.match(text, s)
        if after and text[s] not in "のとはがにをもでや":  # 法人である…: no name follows
            name = after.group(0)
            cut = min((name.find(t) for t in self.lx.titles if name.find(t) > 1),
                      default=len(name))  # 株式会社X代表取締役社長: the name ends at the title
            kana = re.match(r"[ぁ-ゖ]+(?=[一-鿿ァ-ヺ])", text[after.end():after.end() + 6])
            if cut == len(name) and kana and kana.group(0) not in self.lx.list_words and \
                    kana.group(0) not in self.lx.party_particles:
                return  # 国立がん研究センター: the name goes on in kana, the kanji finder reads it
            if cut >= 2 and name[:cut] not in self.lx.not_names:
                start = s if form_start is None else form_start
                self._named(start, s + cut, name[:cut], add, new_orgs)

    def _short_form(self, name: str) -> str | None:
        """The first word of a new katakana name written in words joined by ・, if it can stand
        alone: three kana or more, no common word, no known name."""
        body = name[1:] if name[:1] in self.lx.country_prefixes else name
        parts = body.split("・")
        first = parts[0]
        if len(parts) < 2 or len(first) < 3 or not re.fullmatch(r"[ァ-ヺー]+", first):
            return None
        if not self._plausible(first) or self._generic(first) or fold(first) in self.names \
                or first in self.lx.country_names or first.endswith(tuple(
                    w for w in self.lx.not_names if len(w) >= 3)):
            return None
        return first

    def _proposed(self, doc: Doc, folded: Folded, add: object, new_orgs: dict[str, NewOrg],
                  found: list[JaMention]) -> None:
        """Runs of katakana or Latin words, and runs of nouns opening on a kanji proper noun,
        that nothing marked as names: a name when the evidence around it (the cues and weights
        of ``name_evidence`` in the lexicon) reaches the threshold."""
        lx = self.lx
        back = {o: f for f, o in reversed(list(enumerate(folded.origin)))}
        text = doc.text
        for match in self._bare_name.finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is not None and not match.group(0).isascii():
                self._propose(doc, folded, back, span.start, span.end, add, new_orgs, found)
        for start, end in noun_runs(doc):
            if not re.match(r"[一-鿿]", doc[start].text):
                continue
            # a descriptor inside the run (ソフトウェア企業ライトハウス): the name starts after it
            cut = start
            for k in range(start, end - 1):
                head = doc[start:k + 1].text
                if head.endswith(lx.evidence_descriptors) and not head.endswith(
                        lx.legal_prefixes) and not doc[k + 1].tag_.startswith("接尾辞") \
                        and doc[k + 1].text != "・":
                    cut = k + 1
            if start > 0 and doc[start - 1].text == "・":
                continue  # a piece of a longer name
            if cut == start or re.match(r"[一-鿿]", doc[cut].text):
                self._propose(doc, folded, back, cut, end, add, new_orgs, found)

    def _propose(self, doc: Doc, folded: Folded, back: dict[int, int], cut: int, end: int,
                 add: object, new_orgs: dict[str, NewOrg], found: list[JaMention]) -> None:
        """Tokens [cut, end) as a name if the evidence is enough (see ``_proposed``)."""
        lx = self.lx
        text = doc.text
        span = doc[cut:end]
        name = span.text
        kata = bool(_KATA_OR_LATIN.fullmatch(name)) and not name.isascii()
        kanji = not kata and bool(re.match(r"[一-鿿]", name)) and \
            span[0].tag_.startswith("名詞-固有名詞")
        if not (kata or kanji) or len(name) < 3 or name.startswith("・"):
            return
        if any(m.start_char < span.end_char and span.start_char < m.end_char
               for m in found):
            return
        if not self._plausible(name) or self._generic(name) or name in lx.generic_org_names \
                or name.endswith(lx.evidence_descriptors) or name in lx.country_names \
                or name.endswith(lx.place_name_suffixes) or fold(name) in self.names:
            return
        if len(span) == 1 and "地名" in span[0].tag_:
            return  # ボストン, アルゼンチン: a place
        if any(name.endswith(w) for w in lx.not_names if len(w) >= 3) or \
                name.endswith(tuple(lx.not_fact_phrases)):
            return  # リーガル・アドバイザー: a role, not a name
        # (a country's name may begin a company's, 日本ガイシ: other cues must carry it)
        if kanji and (name[:1] in "同両当本各他自貴弊" or (span[0].text in lx.country_names
                                                          and len(span) == 1)
                      or name.endswith(lx.place_suffixes) or "地名" in span[-1].tag_
                      or name.endswith((*lx.name_not_endings, *lx.titles))
                      or (not name.endswith(tuple(lx.name_suffixes))
                      and not all(_KANJI_OR_KATA.fullmatch(t.text) for t in span))):
            return
        score = self._evidence(doc, cut, end, kanji, found)
        if score < lx.name_evidence_threshold:
            return
        f_start, f_end = back.get(span.start_char), back.get(span.end_char, len(folded.text))
        if f_start is None:
            return
        org_id = self.resolve(name)
        kind = next((k for suffix, k in _KIND_BY_SUFFIX if name.endswith(suffix)), "company")
        before = text[max(0, span.start_char - 8):span.start_char]
        if any(w in before for w in _STARTUP_WORDS):
            kind = "startup"
        if org_id is not None:
            add(f_start, f_end, org_id, None, "gazetteer")  # type: ignore[operator]
        elif add(f_start, f_end, None, name, "ner"):  # type: ignore[operator]
            new_orgs.setdefault(name, NewOrg(name, kind, None))

    def _evidence(self, doc: Doc, start: int, end: int, kanji: bool,
                  found: list[JaMention]) -> float:
        """The weight of the cues around tokens [start, end) (see ``_proposed``)."""
        lx = self.lx
        w = lx.name_evidence
        text = doc.text
        s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        cues: set[str] = set()
        before = text[max(0, s_char - 16):s_char]
        for sep in ("", "の", "である", "、", "であり、"):
            if before.endswith(sep) and before[:len(before) - len(sep)].endswith(
                    lx.evidence_descriptors):
                cues.add("descriptor")
                break
        if _HEADQUARTERS.match(text, e_char):
            cues.add("headquarters")
        after = text[e_char:e_char + 8]
        if after.startswith(lx.company_titles) or after.startswith(
                tuple("の" + t for t in lx.company_titles)):
            cues.add("title")
        # a kanji run opens on a proper noun (checked before): that counts as one
        if (kanji or all(t.tag_.startswith("名詞-固有名詞") for t in doc[start:end]
                         if t.text != "・")) and doc[start].text not in lx.country_names:
            cues.add("proper_noun")
        if start > 0 and doc[start - 1].pos_ == "VERB":
            cues.add("relative_clause")
        sides = set()
        for m in found:
            if m.mention.is_country:
                continue
            if m.end_char <= s_char and text[m.end_char:s_char].removeprefix(
                    "社") in lx.name_joiners:
                sides.add("before")
            if m.start_char >= e_char and text[e_char:m.start_char].removeprefix(
                    "社") in lx.name_joiners:
                sides.add("after")
        if sides:
            # inside a list beside an organization (A、X、B, or A、X、… going on): "listed";
            # only beside one (AとX): "coordinated"
            going_on = text.startswith("、", e_char) if "before" in sides else \
                text.endswith("、", 0, s_char)
            cues.add("listed" if len(sides) == 2 or going_on else "coordinated")
        if end - start == 1 and doc[start].tag_.startswith("名詞-普通名詞"):
            cues.add("common_noun")
        return sum(w.get(c, 0.0) for c in cues)

    def _candidate(self, start: int, name_start: int, end: int, name: str,
                   country: str | None, marker: str, add: object,
                   new_orgs: dict[str, NewOrg]) -> None:
        name = name.strip(" ・")
        if not self._plausible(name):
            return
        org_id = self.resolve(name)
        if org_id is not None:
            add(start, end, org_id, None, "gazetteer")  # type: ignore[operator]
            return
        kind = next((k for suffix, k in _KIND_BY_SUFFIX if name.endswith(suffix)), "company")
        if any(w in marker for w in _STARTUP_WORDS):
            kind = "startup"
        if add(start, end, None, name, "ner"):  # type: ignore[operator]
            new_orgs.setdefault(name, NewOrg(name, kind, country))

    def _named(self, start: int, end: int, name: str, add: object,
               new_orgs: dict[str, NewOrg]) -> None:
        """A name its legal form marks (株式会社X): known if the knowledge base has it, else
        new, with the kind its ending says (company by default)."""
        org_id = self.resolve(name)
        if org_id is not None:
            add(start, end, org_id, None, "gazetteer")  # type: ignore[operator]
            return
        kind = next((k for suffix, k in _KIND_BY_SUFFIX if name.endswith(suffix)), None) or \
            next((self.lx.name_suffixes[s] for s in self._suffixes_longest if name.endswith(s)),
                 "company")
        if add(start, end, None, name, "ner"):  # type: ignore[operator]
            new_orgs.setdefault(name, NewOrg(name, kind, None))

    @staticmethod
    def _common_noun(doc: Doc, folded: Folded, start: int, end: int) -> bool:
        """Folded [start, end) is one word of the dictionary's common nouns (エネルギー)."""
        o_start, o_end = folded.span(start, end)
        span = doc.char_span(o_start, o_end)
        return span is not None and len(span) == 1 and span[0].tag_.startswith("名詞-普通名詞")

    def _generic(self, name: str) -> bool:
        """A kind of organization, not a name: a generic name (with a country prefix or a
        generic head before it), or generic names joined by ・ (企業・大学)."""
        generic = self.lx.generic_org_names
        parts = [p for p in name.split("・") if p]
        if len(parts) > 1 and all(p in generic for p in parts):
            return True
        body = name[1:] if name[:1] in self.lx.country_prefixes and len(name) > 2 else name
        for head in ("", *self.lx.generic_name_heads):
            if body.startswith(head) and body[len(head):] in generic:
                return True
        return False

    def _plausible(self, name: str) -> bool:
        if len(name) < 2 or name in self.lx.not_names or fold(name) in self.non_org_terms:
            return False
        # 米クラウド大手, 米AIチップ: a common noun at the end; a name written in words joined by
        # ・ may end in one (ネクサス・ソブリン・クラウド); a two-kana unit glued to katakana is
        # the end of a longer word (ブリヂストン, ワシントン), not the unit (トン)
        if "・" not in name.strip("・") and any(
                name.endswith(w) and not (len(w) == 2 and len(name) > 2
                                          and script(name[-3]) == "kata")
                for w in self.lx.not_names if len(w) >= 2):
            return False
        if name.isascii() and len(name) <= 3 and name.isupper() and not is_acronym(name):
            return False
        return not (name.isascii() and name.isupper() and len(name) <= 2)

    def resolve(self, surface: str, reading: str | None = None) -> str | None:
        """A surface form (in any script, with or without a country prefix) -> a known
        organization: exact name, name without its prefix, then romanisation."""
        folded = fold(surface).strip()
        hit = self.names.get(folded) or self.kb.resolve(folded)
        if hit:
            return hit
        # 韓国政府, 中国企業: a country's name, not a prefix before 国政府 (that is 米国政府)
        country_named = folded.startswith(tuple(self.lx.country_names))
        if country_named:
            return self.romaji.resolve(folded, reading)
        if folded[:1] in self.lx.country_prefixes and len(folded) > 2:
            stripped = folded[1:]
            hit = self.names.get(stripped) or self.kb.resolve(stripped)
            if hit:
                return hit
            folded = stripped
        # the knowledge base may only know the prefixed form (英アーム): a unique prefixed hit
        prefixed = {self.names[p + folded] for p in self.lx.country_prefixes
                    if p + folded in self.names}
        if len(prefixed) == 1:
            return next(iter(prefixed))
        return self.romaji.resolve(folded, reading)


def _latin_name(name: str) -> bool:
    return all(c.isascii() for c in name) and any(c.isalpha() for c in name)
