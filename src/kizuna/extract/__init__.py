"""English extraction: organizations, collaborations, amounts, dates and status, with evidence."""

from kizuna.extract.pipeline import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    Extraction,
    Extractor,
)

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extraction", "Extractor", "extractor_for_store"]


def extractor_for_store(store: object | None) -> Extractor:
    """An extractor whose gazetteer is the store's organizations (the starter knowledge base when
    no store is initialised)."""
    from kizuna.extract.knowledge import from_records, from_starter

    if store is None:
        return Extractor(from_starter())
    from kizuna.store import Store, db

    assert isinstance(store, Store)
    with store.read() as conn:
        records = db.organization_records(conn)
    return Extractor(from_records(records)) if records else Extractor(from_starter())
