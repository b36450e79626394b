"""The Japanese extraction pipeline: ``spacy.blank("ja")`` (SudachiPy with its core dictionary,
both wheels from the package index, nothing downloaded at run time) plus kizuna's Japanese
components, producing the same :class:`~kizuna.extract.pipeline.Extraction` as the English one."""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kizuna.extract.japanese import components
from kizuna.extract.japanese.candidates import PairCandidate
from kizuna.extract.japanese.decide import DECISIONS
from kizuna.extract.japanese.lexicon import japanese
from kizuna.extract.japanese.mentions import JaMention, NewOrg
from kizuna.extract.japanese.model import PairModel
from kizuna.extract.japanese.normalize import fold
from kizuna.extract.japanese.relations import JaCandidate, is_heading
from kizuna.extract.japanese.values import document_date as header_date
from kizuna.extract.japanese.values import find_date, find_money
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.layout import install, layout_of
from kizuna.extract.mentions import Mention
from kizuna.extract.pipeline import ExtractedOrg, Extraction, collaborations_from, restore
from kizuna.model.dates import PartialDate

EXTRACTOR_NAME = "kizuna.extract.ja"
EXTRACTOR_VERSION = "0.1.0+" + "+".join(f"{k}-{v}" for k, v in components.VERSIONS.items())
#: Sudachi's finest split (A) puts word boundaries where names begin and end most often.
SPLIT_MODE = "A"
_KANJI = re.compile(r"[一-鿿]")


def load_model() -> Language:
    """The bare Japanese pipeline: Sudachi's tokenizer (POS, lemma, reading)."""
    try:
        return spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": SPLIT_MODE}}})
    except (ImportError, ValueError) as exc:  # pragma: no cover - a broken install
        raise RuntimeError("the Japanese pipeline needs sudachipy and sudachidict-core: "
                           f"{exc}") from exc


class JapaneseExtractor:
    """Build once, then call :meth:`extract` per document (the English Extractor's API)."""

    name = EXTRACTOR_NAME
    version = EXTRACTOR_VERSION

    def __init__(self, kb: KnowledgeBase, nlp: Language | None = None,
                 decision: str = "model", model: PairModel | None = None) -> None:
        self.kb = kb
        self.nlp = nlp or load_model()
        install(self.nlp, "ja")  # every text read with its layout (zones, repaired line breaks)
        context = components.JaContext(kb, japanese(), decision, model)
        if "kizuna_ja_sentences" not in self.nlp.pipe_names:
            self.nlp.add_pipe("kizuna_ja_sentences", first=True)
        for name in ("kizuna_ja_orgs", "kizuna_ja_technologies", "kizuna_ja_relations"):
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name, last=True)
            self.nlp.get_pipe(name).configure(context)  # type: ignore[attr-defined]

    def use_relation_model(self, model: PairModel | None, decision: str = "model") -> None:
        """Decide collaborations with ``model`` (None: the shipped weights) in one of
        ``decide.DECISIONS``: for training and measuring."""
        if decision not in DECISIONS:
            raise ValueError(f"decision {decision!r} is not one of {DECISIONS}")
        pipe = self.nlp.get_pipe("kizuna_ja_relations")
        assert pipe.context is not None  # type: ignore[attr-defined]
        pipe.context.model, pipe.context.decision = model, decision  # type: ignore[attr-defined]

    def extract(self, text: str, document_date: PartialDate | None = None) -> Extraction:
        return self.read(text, document_date)[0]

    def read(self, text: str, document_date: PartialDate | None = None,
             every_mention_a_party: bool = False) -> tuple[Extraction, list[PairCandidate]]:
        """The extraction and every candidate pair the model scored (for training).
        ``every_mention_a_party``: list a bare country name (日本) among the organizations even
        where no accepted pair holds it, so that training labels depend on the mentions alone,
        not on what the shipped model happened to accept (else training is no fixed point:
        each retraining would move the labels of the next)."""
        document_date = document_date or header_date(text)
        doc = self.nlp(text)
        layout, original, text = layout_of(doc), text, doc.text  # read in the repaired copy
        mentions: list[JaMention] = doc._.kizuna_ja_mentions or []
        new_orgs: dict[str, NewOrg] = doc._.kizuna_ja_new_orgs or {}
        candidates: list[JaCandidate] = doc._.kizuna_candidates or []
        tech_spans = doc._.kizuna_technologies or []
        party_keys = ({jm.mention.key for jm in mentions} if every_mention_a_party
                      else {m.key for c in candidates for m in c.parties})
        orgs = self._organizations(mentions, new_orgs, party_keys, text)
        # prose first: a title that names the same deal as a sentence gives way to the sentence
        ordered = sorted(candidates, key=lambda c: (is_heading(c.sentence), c.sentence.start))
        collabs = collaborations_from(ordered, text, tech_spans, document_date,
                                      find_date=_stated_or_document, find_money=find_money,
                                      extractor=(EXTRACTOR_NAME, EXTRACTOR_VERSION))
        collabs.sort(key=lambda c: c.start)
        extraction = restore(Extraction(orgs, collabs), original, layout)
        return extraction, list(doc._.kizuna_ja_pairs or [])

    @staticmethod
    def _as_written(m: Mention, jm: JaMention, text: str) -> str:
        """A new organization is named as the text first writes it (米アンペリオン・セルズ,
        with its country prefix; 米X社 with its 社), the form a reader would look up."""
        if m.source in ("collective", "anaphora"):
            return m.new_name or m.text
        name = text[jm.start_char:jm.end_char].replace("\n", "")  # a wrapped line (PDF text)
        # 米ヴァンティス・センシング社: a foreign company is written whole with its 社
        if name[:1] in japanese().country_prefixes and text[jm.end_char:jm.end_char + 1] == "社" \
                and not _KANJI.match(text[jm.end_char + 1:jm.end_char + 2]):
            name += "社"
        # 西部ガス株式会社: the legal form written after the name is part of it as written
        elif text.startswith("株式会社", jm.end_char) and not name.startswith("株式会社"):
            name += "株式会社"
        return name

    def _organizations(self, mentions: list[JaMention], new_orgs: dict[str, NewOrg],
                       party_keys: set[str], text: str) -> dict[str, ExtractedOrg]:
        """Known organizations under their canonical English name, with the Japanese forms
        the text uses as aliases; new ones under the name as written. A bare country name
        (日本, 米国) is a place unless it is a party."""
        out: dict[str, ExtractedOrg] = {}
        # a new organization is named by its first mention in full (a headline may shorten it)
        first_full: dict[str, JaMention] = {}
        for jm in mentions:
            m = jm.mention
            if m.org_id is None and m.source not in ("collective", "anaphora") and \
                    m.new_name and fold(m.new_name) in fold(m.text):
                first_full.setdefault(m.key, jm)
        for jm in mentions:
            m = jm.mention
            if m.is_country and m.source != "collective" and m.key not in party_keys:
                continue
            if m.key not in out:
                if m.org_id is not None:
                    known = self.kb.orgs[m.org_id]
                    out[m.key] = ExtractedOrg(m.key, m.org_id, known.name, known.kind,
                                              known.country)
                else:
                    new = new_orgs.get(m.new_name or "") or NewOrg(m.text, "company", None)
                    named = first_full.get(m.key, jm)
                    out[m.key] = ExtractedOrg(m.key, None, self._as_written(
                        named.mention, named, text), new.kind, new.country)
            if m.source in ("collective", "anaphora"):
                continue
            out[m.key].surface.append(m.text)
            out[m.key].surface += [w for w in _with_legal_form(jm, text)
                                   if w not in out[m.key].surface]
            out[m.key].spans.append((jm.start_char, jm.end_char))
        return out


#: Legal forms written around a name (中部電力株式会社, 株式会社中部電力, X・マテリアルズ社,
#: X合同会社, X投資事業有限責任組合): the lexicon's, as words (not the bracketed (株))
_LEGAL_AFTER = (*(f for f in japanese().legal_suffixes if "(" not in f), "社")
_LEGAL_BEFORE = tuple(f for f in japanese().legal_suffixes if "(" not in f and "組合" not in f)


def _with_legal_form(jm: JaMention, text: str) -> list[str]:
    """The name as written with the legal form the text puts beside it, an alias a reader
    (or a gold file) may use: 社 only when no kanji follows (社長, 社会 are other words)."""
    name = text[jm.start_char:jm.end_char].replace("\n", "")  # a wrapped line (PDF text)
    out = []
    for form in _LEGAL_AFTER:
        end = jm.end_char + len(form)
        if text.startswith(form, jm.end_char) and not _KANJI.match(text[end:end + 1]):
            out.append(name + form)
            break
    for form in _LEGAL_BEFORE:
        if text.endswith(form, 0, jm.start_char) and not name.startswith(form):
            out.append(form + name)
    return out


def _stated_or_document(quote: str, document_date: PartialDate | None) -> PartialDate | None:
    """The date the sentence states (relative ones resolved), else the document's own date (a
    release reports what it states as of its date), else none."""
    return find_date(quote, document_date) or document_date


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the Japanese pipeline's sentences (for tests and tools)."""
    return [(s.start_char, s.end_char) for s in doc.sents]
