"""The evidence model: entities, vocabularies, partial dates and the technology taxonomy."""

from kizuna.model.dates import PartialDate
from kizuna.model.entities import (
    Amount,
    Citation,
    Collaboration,
    Document,
    Evidence,
    Organization,
    Party,
    Technology,
)
from kizuna.model.taxonomy import cet_areas, technologies, technology_ids
from kizuna.model.vocab import DatePrecision, Mechanism, OrgKind, Role, Status

__all__ = [
    "Amount",
    "Citation",
    "Collaboration",
    "DatePrecision",
    "Document",
    "Evidence",
    "Mechanism",
    "OrgKind",
    "Organization",
    "PartialDate",
    "Party",
    "Role",
    "Status",
    "Technology",
    "cet_areas",
    "technologies",
    "technology_ids",
]
