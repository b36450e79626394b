"""Language dispatch: English text to the English pipeline, Japanese to the Japanese one, and a
mixed document sentence by sentence.

A document is cut into sentences (line breaks; 。！？; and . ! ? before a space), each sentence is
Japanese when at least 30 % of its letters are kana or kanji, and consecutive sentences of one
language form a run. A document that is one run goes to its pipeline whole (so English documents
are read exactly as the English extractor reads them); otherwise each run is extracted on its own
and the results are merged, with every span shifted by the run's offset so quotes stay verbatim
substrings of the full text. Each pipeline is built on first use: an English-only workload never
loads Sudachi.
"""

from __future__ import annotations

import re
from typing import Any

from kizuna.extract.chunks import chunk_spans, limit_for
from kizuna.extract.japanese.normalize import japanese_share
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.pipeline import ExtractedOrg, Extraction
from kizuna.model.dates import PartialDate

#: A sentence is Japanese when at least this share of its letters are kana or kanji.
JAPANESE_SHARE = 0.3
_SENTENCE = re.compile(r"[^\n。！？]*(?:[。！？]+[」』）)]?|\n+|$)")
_LATIN_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def runs(text: str) -> list[tuple[str, int, int]]:
    """(language, start, end) runs of consecutive sentences in one language, covering
    ``text``."""
    pieces: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        if match.start() == match.end():
            continue
        start = match.start()
        chunk = match.group(0)
        # English sentences on one line: "…packaging. 東京エレクトロンと…"
        for cut in _LATIN_END.finditer(chunk):
            pieces.append((start, match.start() + cut.end()))
            start = match.start() + cut.end()
        pieces.append((start, match.end()))
    out: list[tuple[str, int, int]] = []
    for start, end in pieces:
        piece = text[start:end]
        if not any(ch.isalpha() for ch in piece):
            lang = out[-1][0] if out else None
        else:
            lang = "ja" if japanese_share(piece) >= JAPANESE_SHARE else "en"
        if lang is None:
            out.append(("en", start, end))
        elif out and out[-1][0] == lang:
            out[-1] = (lang, out[-1][1], end)
        else:
            out.append((lang, start, end))
    # runs of punctuation only that were given "en" at the very start join the next run
    if len(out) >= 2 and not any(ch.isalpha() for ch in text[out[0][1]:out[0][2]]):
        out[1] = (out[1][0], out[0][1], out[1][2])
        out.pop(0)
    return out


class MultilingualExtractor:
    """The extractor the CLI and ingestion use: :meth:`extract` has the English Extractor's
    signature, plus an optional ``language`` hint ("en", "ja")."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._pipelines: dict[str, Any] = {}

    def pipeline(self, language: str) -> Any:
        if language not in self._pipelines:
            if language == "ja":
                from kizuna.extract.japanese import JapaneseExtractor

                self._pipelines[language] = JapaneseExtractor(self.kb)
            else:
                from kizuna.extract.pipeline import Extractor

                self._pipelines[language] = Extractor(self.kb)
        return self._pipelines[language]

    def extract(self, text: str, document_date: PartialDate | None = None,
                language: str | None = None) -> Extraction:
        parts = runs(text)
        languages = {lang for lang, _s, _e in parts}
        if len(languages) <= 1:
            lang = "ja" if (next(iter(languages)) if languages else language) == "ja" else "en"
            if len(text) <= limit_for(lang):
                result: Extraction = self.pipeline(lang).extract(text, document_date)
                return result
            parts = [(lang, 0, len(text))]
        merged = Extraction({}, [])
        for lang, start, end in parts:
            # a run longer than its pipeline takes is read chunk by chunk (see extract.chunks)
            for c_start, c_end in chunk_spans(text[start:end], limit_for(lang)):
                piece = text[start + c_start:start + c_end]
                if not piece.strip():
                    continue
                result = self.pipeline(lang).extract(piece, document_date)
                _merge(merged, result, start + c_start)
        merged.collaborations.sort(key=lambda c: c.start)
        return merged


def _merge(into: Extraction, part: Extraction, offset: int) -> None:
    for key, org in part.organizations.items():
        spans = [(s + offset, e + offset) for s, e in org.spans]
        if key in into.organizations:
            have = into.organizations[key]
            have.surface += [s for s in org.surface if s not in have.surface]
            have.spans += spans
            if have.org_id is not None:
                known_name = have.canonical or have.name
                # one canonical name across languages: the knowledge base's English name
                if org.canonical is None and org.name != known_name:
                    have.surface.append(org.name)
        else:
            into.organizations[key] = ExtractedOrg(org.key, org.org_id, org.name, org.kind,
                                                   org.country, list(org.surface), spans,
                                                   org.canonical)
    seen = {(frozenset(c.parties), c.mechanism.group) for c in into.collaborations}
    for collab in part.collaborations:
        ident = (frozenset(collab.parties), collab.mechanism.group)
        if ident in seen:
            continue
        seen.add(ident)
        collab.start += offset
        collab.end += offset
        into.collaborations.append(collab)


def extract_text(text: str, kb: KnowledgeBase, document_date: PartialDate | None = None,
                 language: str | None = None) -> Extraction:
    """One-off extraction (builds the pipelines each call; keep a :class:`MultilingualExtractor`
    for many documents)."""
    return MultilingualExtractor(kb).extract(text, document_date, language)
