"""Extraction: organizations, collaborations, amounts, dates and status, with evidence, from
English (``kizuna.extract.pipeline``) and Japanese (``kizuna.extract.japanese``) documents;
:class:`MultilingualExtractor` sends each sentence to the right one.

Extraction is handed what it knows (a :class:`~kizuna.extract.knowledge.KnowledgeBase`); it never
opens a store: :mod:`kizuna.ingest.knowledge` builds one from the store or the starter."""

from kizuna.extract.multilingual import MultilingualExtractor, extract_text
from kizuna.extract.pipeline import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extraction,
    Extractor,
)

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extraction", "Extractor",
           "MultilingualExtractor", "extract_text"]

