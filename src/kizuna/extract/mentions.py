"""Finding organization mentions: a gazetteer of the knowledge base's names combined with spaCy's
statistical NER (for organizations not yet known), acronyms defined in the text, country-pair
compounds ("U.S.-Japan") and phrases standing for both governments ("the two countries")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kizuna.extract.acting import (
    acting_cues,
    acting_organizations,
    cut_runs,
    is_acting_place,
    is_place_name,
    join_campus,
    join_split_names,
    widen_place,
)
from kizuna.extract.boundaries import extend_names, office_names
from kizuna.extract.knowledge import KnowledgeBase, is_acronym
from kizuna.extract.lexicon import Lexicon
from kizuna.extract.mention import Mention as Mention  # re-exported: where callers look
from kizuna.extract.mention_filter import DocFacts, MentionModel, current, features, judged
from kizuna.extract.references import acronyms, short_names
from kizuna.model.taxonomy import technologies

#: Organization-like NER labels worth keeping as candidates for new organizations.
_NER_LABELS = {"ORG"}
#: Labels of names that may be a place's administration ("Aichi" of "Aichi Prefecture").
_PLACE_LABELS = {"ORG", "GPE", "PERSON", "LOC", "FAC"}
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_COMPOUND_SPLIT = re.compile(r"\s*[-–—/]\s*")
_MARKUP = re.compile(r"<[^>]+>[^<]*</[^>]+>|<[^>]+>|\[[^\]]*\]\([^)]*\)")
_PLACE_PAIR = re.compile(r"^[A-Z][\w.]*[-–][A-Z][\w.]*$")
_EDGES = re.compile(r"^[^\w(]+|[^\w).]+$")


@cache
def _organization_cues() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))["organization_cues"]
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@cache
def _offices() -> dict[str, str]:
    """"Minister of Economy, Trade and Industry" names the Ministry of Economy, Trade and
    Industry: the office-holder word and the body its "of" phrase names."""
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))["organization_cues"]["office_of"]
    return {str(k): str(v) for k, v in raw.items()}


_DASHES = {"--", "—", "–", "-", "―"}


def dateline_places(doc: Doc) -> set[int]:
    """The tokens of a press release's dateline ("SEOUL, South Korea and BOSTON, Sept. 15,
    2026 /PRNewswire/ --"): a line that opens with a word in capitals and reaches a date and
    a dash within a few words. What comes before the date names places, never a party."""
    out: set[int] = set()
    for t in doc:
        if not (t.i == 0 or "\n" in doc[t.i - 1].text or "\n" in doc[t.i - 1].whitespace_):
            continue
        if not (len(t.text) >= 3 and t.text.isupper() and t.text.isalpha()):
            continue
        date = dash = None
        for u in doc[t.i:min(t.i + 30, len(doc))]:
            if "\n" in u.text:
                break
            if date is None and u.ent_type_ == "DATE":
                date = u.i
            if u.text in _DASHES and date is not None:
                dash = u.i
                break
        if date is not None and dash is not None:
            out.update(range(t.i, date))
    return out


def _lines(span: Span) -> list[Span]:
    """A statistical span cut at its line breaks: a name never runs from one line (a heading,
    a logo's caption) into the next."""
    doc, parts, start = span.doc, [], span.start
    for t in span:
        if "\n" in t.text or "\n" in t.whitespace_:
            end = t.i if "\n" in t.text else t.i + 1
            if end > start:
                parts.append(doc[start:end])
            start = t.i + 1
    if start < span.end:
        parts.append(doc[start:span.end])
    return parts


def _company_shaped(words: list[str]) -> bool:
    """"Keysight Technologies", "Schmidt Sciences": a distinctive capitalised word or two
    before a last word that ends companies' names as well as topics (no "and", no "of", no
    generic first word such as "Quantum" or "Advanced")."""
    cues = _organization_cues()
    return 2 <= len(words) <= 4 and words[-1].lower() in cues["org_suffixes"] and \
        words[0].lower() not in cues["generic_first_words"] and \
        words[0].lower() not in cues["generic_name_words"] and \
        all(w[:1].isupper() for w in words)


def _comma_parts(span: Span, resolve: Callable[[str], str | None]) -> list[Span]:
    """"IonQ, Keio University": the statistical model sometimes joins a list into one name;
    each capitalised piece between commas is a name of its own."""
    cuts = [t.i for t in span if t.text == ","]
    if not cuts or _portfolio(span, cuts[0]) or _campus(span, cuts, resolve):
        return [span]
    parts, start = [], span.start
    for cut in [*cuts, span.end]:
        piece = span.doc[start:cut]
        if len(piece) and not piece[0].text[:1].isupper():
            return [span]
        parts.append(piece)
        start = cut + 1
    return [p for p in parts if len(p)]


def _portfolio(span: Span, first_comma: int) -> bool:
    """"Ministry of Agriculture, Forestry and Fisheries": a name with "of" listing its fields
    after the comma, none of which is an organization's name."""
    cues = _organization_cues()
    head = span.doc[span.start:first_comma]
    rest = span.doc[first_comma + 1:span.end]
    fields = [t for t in rest if t.is_alpha and t.lower_ not in ("and", "&")]
    return any(t.lower_ in cues["name_joiners"] for t in head) and len(fields) <= 5 and \
        not any(t.lower_ in cues["name_heads"] for t in rest)


def _campus(span: Span, cuts: list[int], resolve: Callable[[str], str | None]) -> bool:
    """"University of California, Davis", "Vietnam National University, Ho Chi Minh City": a
    university named with its campus, a place of one to four words after the only comma that
    is no organization's name (neither an organization word nor a known name)."""
    cues = _organization_cues()
    head = span.doc[span.start:cuts[0]]
    rest = span.doc[cuts[0] + 1:span.end]
    return len(cuts) == 1 and 1 <= len(rest) <= 4 and \
        any(t.lower_ in cues["campus_heads"] for t in head) and \
        all(t.is_title for t in rest) and resolve(rest.text) is None and \
        not any(t.lower_ in cues["name_heads"] or t.lower_ in cues["org_suffixes"]
                for t in rest)


def _extends(part: Span, inside: list[Span]) -> bool:
    """"Mitsubishi UFJ Capital" names the known "Mitsubishi UFJ"'s investment arm: a name that
    goes on past the known one with a word that makes a separate organization."""
    last = part[-1]
    return last.lower_ in _organization_cues()["subsidiary_heads"] and all(
        k.end < part.end for k in inside)


def _is_place_modifier(span: Span) -> bool:
    """"Hyderabad-based", "Tokyo-headquartered": the name is where something is based."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return False
    return doc[span.end].text in ("-", "–") and doc[span.end + 1].lower_ in (
        "based", "headquartered", "born", "area", "region")


def _split_possessive(span: Span) -> list[Span]:
    """"the Japan Science and Technology Agency's Center for X" is two organizations."""
    cuts = [t.i for t in span if t.text in ("'s", "’s") and span.start < t.i < span.end - 1]
    if not cuts:
        return [span]
    parts, start = [], span.start
    for cut in cuts:
        parts.append(span.doc[start:cut])
        start = cut + 1
    parts.append(span.doc[start:span.end])
    return [p for p in parts if len(p)]


def _in_credit(span: Span, text: str) -> bool:
    """Inside a picture credit such as "[Image: Office of X / Twitter]". ``text`` is the
    document's text (``Doc.text`` is rebuilt on every access, so callers pass it in)."""
    before = text[max(0, span.start_char - 40): span.start_char]
    bracket = max(before.rfind("["), before.rfind("("))
    if bracket < 0 or "]" in before[bracket:] or ")" in before[bracket:]:
        return False
    return bool(re.match(r"[\[(]\s*(image|photo|picture|credit|source|courtesy)\b",
                         before[bracket:], re.I))


def repeated(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A new name the filter accepted once names the same organization wherever the text
    repeats it word for word ("Avikus, a subsidiary, ..." then "Avikus and the alliance"),
    though the NER labelled the repetition otherwise or not at all. Known names are found
    everywhere by the gazetteer already; a repetition inside a longer proper name is not it."""
    names: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        words = tuple(t.text for t in doc[m.start:m.end])
        # an acronym is reused only where the text defines it ("Full Name (FN)")
        if m.org_id is None and m.new_name and not m.is_country and \
                m.source in ("ner", "acting") and len("".join(words)) >= 3 and \
                not is_acronym(m.text):
            names.setdefault(words, m)
    if not names:
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    by_first: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    for words, m in names.items():
        by_first.setdefault(words[0], []).append((words, m))

    def proper(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

    out = list(mentions)
    for token in doc:
        for words, m in by_first.get(token.text, []):
            end = token.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[token.i:end]) != words or any(
                    i in taken for i in range(token.i, end)) or proper(token.i - 1) or \
                    proper(end):
                continue
            out.append(Mention(token.i, end, doc[token.i:end].text, None, m.new_name,
                               source="acronym", credit=m.credit))
            taken.update(range(token.i, end))
    return out


class MentionFinder:
    """Builds the phrase matcher once per knowledge base and finds mentions in a Doc."""

    def __init__(self, nlp_vocab: object, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        from spacy.vocab import Vocab

        assert isinstance(nlp_vocab, Vocab)
        self.kb = kb
        self.lexicon = lexicon
        self.governments = kb.governments
        self.exact = PhraseMatcher(nlp_vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp_vocab, attr="LOWER")
        self.country_names: dict[str, str] = {}  # lower-cased name -> government id
        self._names: dict[str, str] = {}
        for org in kb.orgs.values():
            for name, lang in org.names:
                if lang != "en" or len(name) < 2:
                    continue
                self._names[name] = org.id
                if org.kind == "government":
                    self.country_names[name.lower()] = org.id
        self._vocab = nlp_vocab
        self._built = False
        self._text = ""
        self.non_org_terms = {k.lower() for t in technologies() for k in t.keywords_en}
        # "Memorandum", "Partnership": the words of deals are not names of organizations
        self.trigger_words = {w for w in [*lexicon.noun_triggers, *lexicon.weak_nouns,
                                          *lexicon.verb_triggers] if " " not in w}
        self.kinds = {o.id: o.kind for o in kb.orgs.values()}
        #: the trained filter of found names (None: the shipped weights); ``filtering`` off
        #: keeps every name, for training it
        self.model: MentionModel | None = None
        self.filtering = True
        #: the last document's judged mentions with their features (read by training)
        self.judged: list[tuple[Mention, dict[str, float]]] = []

    def _build(self, make_doc: object) -> None:
        exact: list[tuple[str, Doc]] = []
        folded: list[tuple[str, Doc]] = []
        for name, org_id in self._names.items():
            doc = make_doc(name)  # type: ignore[operator]
            (exact if is_acronym(name) or len(name) <= 4 else folded).append((org_id, doc))
        for org_id, doc in exact:
            self.exact.add(org_id, [doc])
        for org_id, doc in folded:
            self.folded.add(org_id, [doc])
        self._built = True

    def find(self, doc: Doc, make_doc: object) -> list[Mention]:
        if not self._built:
            self._build(make_doc)
        self._text = doc.text
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        known: list[Span] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                # "Koji Murata" is a person, not the company whose short name is "Murata"
                if any(p.start <= start and end <= p.end and len(p) > end - start
                       for p in persons):
                    continue
                known.append(Span(doc, start, end, label=match_id))
        known = filter_spans(known)
        statistical: list[Span] = []
        ents = [widen_place(e) if e.label_ in _PLACE_LABELS else e for e in doc.ents]
        for ent in join_split_names(join_campus(ents, _organization_cues()["campus_heads"])):
            if ent.label_ not in _NER_LABELS and not is_acting_place(ent):
                continue
            for part in (r for line in _lines(ent) for piece in _split_possessive(line)
                         for p in _comma_parts(piece, self.kb.resolve)
                         for r in cut_runs(p)):
                inside = [k for k in known if k.start < part.end and part.start < k.end]
                # A longer statistical span wins over the known names it overlaps when it is
                # known itself, or when those are only place or one-word names it builds on
                # ("Google Japan", "Japan Association of New Economy"); otherwise the known
                # name stands ("U.S. National Institutes of Health").
                if not inside or self.kb.resolve(part.text.strip()) or _extends(
                        part, inside) or all(
                        (len(k) == 1 or k.text.lower() in self.country_names)
                        and part.start <= k.start and k.end <= part.end for k in inside):
                    statistical.append(part)
        gazetteer = {(s.start, s.end): s.label_ for s in known}
        mentions: list[Mention] = []
        for span in filter_spans([*known, *statistical]):
            label = gazetteer.get((span.start, span.end))
            if label:
                span = Span(doc, span.start, span.end, label=label)
            mention = self._mention(span, label is not None)
            if mention is not None:
                mentions.append(mention)
        taken = {i for m in mentions if not m.is_country for i in range(m.start, m.end)}
        countries = {i for m in mentions if m.is_country for i in range(m.start, m.end)}
        for span in acting_organizations(doc, taken, countries):
            mention = self._mention(span, False, "acting")
            if mention is not None:
                mentions.append(mention)
        mentions = office_names(doc, extend_names(doc, mentions, self.kb.resolve),
                                self.kb.resolve)
        mentions = acronyms(doc, self._text, mentions)
        mentions += short_names(doc, mentions, self.kb,
                                _organization_cues()["generic_first_words"])
        mentions += self._compounds(doc, mentions)
        dateline = dateline_places(doc)
        mentions = [m for m in mentions if not any(i in dateline for i in range(m.start, m.end))]
        return sorted(repeated(doc, self._filtered(doc, mentions)), key=lambda m: m.start)

    def _filtered(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The mentions the trained filter accepts (country names and stand-ins always)."""
        facts = DocFacts.of(doc, mentions)
        self.judged = [(m, features(m, doc, mentions, self.kinds, facts)) for m in mentions
                       if judged(m)]
        model = self.model or current()
        if not self.filtering or model is None:
            return mentions
        dropped = {id(m) for m, f in self.judged if model.probability(f) < model.threshold}
        return [m for m in mentions if id(m) not in dropped]

    def _mention(self, span: Span, from_gazetteer: bool, source: str = "ner"
                 ) -> Mention | None:
        credit = _in_credit(span, self._text)
        if from_gazetteer:
            return Mention(span.start, span.end, span.text, span.label_,
                           is_country=span.text.lower() in self.country_names, credit=credit)
        org_id: str | None = None
        if span.start >= 2 and span.doc[span.start - 1].lower_ == "of":
            office = _offices().get(span.doc[span.start - 2].lower_)
            if office:
                org_id = self.kb.resolve(office + span.text.strip())
        text = self.clean(span.text) if org_id is None else span.text.strip()
        if text is None:
            return None
        org_id = org_id or self.kb.resolve(text)
        if org_id is None and _is_place_modifier(span):
            return None  # "a Hyderabad-based maker": a place
        if org_id is None and span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") \
                in acting_cues().person_marks:
            return None  # "astronaut Soichi Noguchi", "Dr. Jane Quill": a person
        if org_id is None:
            text = self.plausible_new(text)
            if text is None:
                return None
            org_id = self.kb.resolve(text)
        start, end = span.start, span.end
        while start < end and (span.doc[start].lower_ in ("the", "a", "an")
                               or not span.doc[start].text[0].isalnum()):
            start += 1
        while end > start and span.doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        if end <= start:
            return None
        if org_id is None and self._compound_parts(text):
            return None  # "U.S.-Japan" alone is a pair of countries, not an organization
        return Mention(start, end, span.doc[start:end].text, org_id,
                       None if org_id else text, source=source, credit=credit)

    def clean(self, raw: str) -> str | None:
        """A statistical entity's text as a candidate name (markup, articles, possessives and
        dangling function words removed), or None if nothing name-like is left."""
        text = _MARKUP.sub("", raw.split("\n\n")[0]).replace("\n", " ")
        text = _EDGES.sub("", text)
        text = _TRAILING.sub("", _LEADING.sub("", text)).strip()
        words = text.split()
        while words and words[-1].lower() in _organization_cues()["trailing_function_words"]:
            words.pop()
        text = " ".join(words)
        if len(text) < 2 or not any(ch.isupper() for ch in text) or len(words) > 10:
            return None
        if words[0].islower() or not (text[0].isupper() or text[0].isdigit()):
            return None
        return text

    def plausible_new(self, text: str) -> str | None:
        """Whether a name the knowledge base does not know looks like an organization's."""
        words = text.split()
        if text.lower() in self.non_org_terms or text.lower() in self.trigger_words:
            return None
        if all(w.lower().strip(".,") in _organization_cues()["legal_forms"] for w in words) or (
                len(words) == 1 and text.endswith(".") and len(text) <= 5):
            return None  # "Ltd.", "Ind.": a legal form or an abbreviation left from a name
        if all(w.lower().strip(".,") in _organization_cues()["generic_name_words"] for w in words):
            return None  # "Research Complex": a stray piece of a name, nobody in particular
        if len(words) > 1 and text.isupper():
            return None  # a heading in capitals, not a name
        if text.lower() in _organization_cues()["common_abbreviations"]:
            return None  # "R&D", "ICT": a common noun's letters
        folded = " " + " ".join(w.lower().strip(".,:") for w in words) + " "
        if any(f" {phrase} " in folded for phrase in _organization_cues()["contact_offices"]):
            return None  # "Corporate Communications", "UNSW Media Office": a release's contact
        if _PLACE_PAIR.match(text) and (is_place_name(text) or all(
                is_place_name(p) or p.lower() in self.country_names
                for p in _COMPOUND_SPLIT.split(text))):
            return None  # "Indo-Pacific", "Japan-Korea": places ("CEA-Leti" is a name)
        cues = _organization_cues()
        named = any(w.lower() in cues["name_heads"] for w in words[:-1])
        if words[-1].lower() in cues["topic_heads"] and not named and \
                not _company_shaped(words):
            return None  # "Science and Technology Relations", "Digital Strategy": topics
        if "," in text and any(w.lower() in _organization_cues()["name_heads"]
                               for w in text.split(", ", 1)[1].split()):
            # "Division, Center for X": keep a part the knowledge base knows, else give up
            known = [p for p in text.split(", ") if self.kb.resolve(p)]
            return known[-1] if known else None
        return text

    def _compound_parts(self, text: str) -> list[str] | None:
        parts = [p for p in _COMPOUND_SPLIT.split(text) if p]
        if len(parts) < 2:
            return None
        ids = [self.country_names.get(p.lower()) for p in parts]
        if all(ids) and len(set(ids)) == len(ids):
            return [i for i in ids if i]
        return None

    def _compounds(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'U.S.-Japan' and 'Japan–US' tokens name both governments."""
        taken = {i for m in mentions if m.source != "gazetteer" or not m.is_country
                 for i in range(m.start, m.end)}
        out = []
        for token in doc:
            if token.i in taken or not any(ch in token.text for ch in "-–—/"):
                continue
            # the tokenizer may split "U.S.-Japan" into several tokens; look at a small window
            for width in (3, 2, 1):
                span = doc[token.i: token.i + width]
                parts = self._compound_parts(span.text)
                if parts:
                    for gov in parts:
                        out.append(Mention(span.start, span.end, span.text, gov,
                                           source="compound", is_country=True))
                    break
        return out
