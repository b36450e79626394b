"""Extraction: organizations, collaborations, amounts, dates and status, with evidence, from
English (``kizuna.extract.pipeline``) and Japanese (``kizuna.extract.japanese``) documents;
:class:`MultilingualExtractor` sends each sentence to the right one."""

from kizuna.extract.multilingual import MultilingualExtractor, extract_text
from kizuna.extract.pipeline import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extraction,
    Extractor,
)

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extraction", "Extractor",
           "MultilingualExtractor", "extract_text", "extractor_for_store"]


def extractor_for_store(store: object | None) -> MultilingualExtractor:
    """An extractor whose gazetteer is the store's organizations (the starter knowledge base when
    no store is initialised). English and Japanese documents, and mixed ones."""
    from kizuna.extract.knowledge import from_records, from_starter

    if store is None:
        return MultilingualExtractor(from_starter())
    from kizuna.store import Store, db

    assert isinstance(store, Store)
    with store.read() as conn:
        records = db.organization_records(conn)
    return MultilingualExtractor(from_records(records) if records else from_starter())
