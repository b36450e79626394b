"""Tables of the store, derived from the evidence model.

Scalar fields of the pydantic models in :mod:`kizuna.model.entities` become columns automatically
(:func:`columns_from`), so adding a field to the model and a migration is all a change takes; the
one-to-many parts (names, parties, technologies, citations) are child tables declared here.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeEngine

from kizuna.model.entities import Collaboration, Document, Evidence, Organization, Technology

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _sql_type(annotation: Any) -> tuple[TypeEngine[Any] | type[TypeEngine[Any]], bool]:
    """Map a field annotation to (SQL type, nullable)."""
    nullable = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is tuple or annotation is tuple:
        return JSON, nullable
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return Boolean, nullable
        if issubclass(annotation, enum.Enum | str):
            return String, nullable
        if issubclass(annotation, int):
            return Integer, nullable
        if issubclass(annotation, float):
            return Float, nullable
        if issubclass(annotation, dt.datetime):
            return DateTime(timezone=True), nullable
    raise TypeError(f"no column type for {annotation!r}")


def columns_from(
    model: type[BaseModel], *, exclude: frozenset[str] | set[str] = frozenset(),
    primary_key: str | None = "id"
) -> list[Column[Any]]:
    """One column per scalar field of ``model``; nested models and excluded fields are skipped."""
    columns: list[Column[Any]] = []
    for name, field in model.model_fields.items():
        if name in exclude:
            continue
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            continue
        sql_type, nullable = _sql_type(annotation)
        columns.append(
            Column(name, sql_type, primary_key=(name == primary_key), nullable=nullable,
                   comment=field.description)
        )
    return columns


organizations = Table(
    "organizations",
    metadata,
    # parent stays a plain column: the starter loader has checked it, and a foreign key would
    # force parents to be inserted before their subsidiaries.
    *columns_from(Organization, exclude={"aliases", "ja"}),
    Column("origin", String, nullable=False, comment="starter | extracted | user"),
)

org_names = Table(
    "org_names",
    metadata,
    Column("org_id", String, ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String, primary_key=True),
    Column("lang", String, nullable=False),
    Column("key", String, nullable=False, comment="normalised form used for lookup"),
    Column("is_primary", Boolean, nullable=False),
    Column("position", Integer, nullable=False, comment="curator's order: most formal first"),
    Index("ix_org_names_key", "key"),
)

technologies = Table(
    "technologies",
    metadata,
    *columns_from(Technology),
)

collaborations = Table(
    "collaborations",
    metadata,
    *columns_from(Collaboration, exclude={"parties", "technologies", "amount", "citation",
                                               "also_cited"}),
    Column("amount_value", Float, nullable=True),
    Column("amount_currency", String, nullable=True),
    Column("amount_usd", Float, nullable=True),
    Column("year", Integer, nullable=True, comment="derived from date, for filtering"),
    Column("date_precision", String, nullable=True),
    Column("origin", String, nullable=False, comment="starter | extracted | user"),
    Column("review", String, nullable=True, comment="confirmed | rejected, set by a reviewer"),
    Index("ix_collaborations_mechanism", "mechanism"),
    Index("ix_collaborations_year", "year"),
)

collaboration_parties = Table(
    "collaboration_parties",
    metadata,
    Column("collaboration_id", String, ForeignKey("collaborations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("org_id", String, ForeignKey("organizations.id"), primary_key=True),
    Column("role", String, nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_collaboration_parties_org", "org_id"),
)

collaboration_technologies = Table(
    "collaboration_technologies",
    metadata,
    Column("collaboration_id", String, ForeignKey("collaborations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("technology_id", String, ForeignKey("technologies.id"), primary_key=True),
    Index("ix_collaboration_technologies_tech", "technology_id"),
)

citations = Table(
    "citations",
    metadata,
    Column("collaboration_id", String, ForeignKey("collaborations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True, comment="0 for the primary source"),
    Column("publisher", String, nullable=False),
    Column("title", String, nullable=True),
    Column("date", String, nullable=True),
    Column("url", String, nullable=True),
    Column("document_sha256", String, nullable=True),
)

documents = Table(
    "documents",
    metadata,
    *columns_from(Document),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", String, primary_key=True, comment="hash of document, span and fact"),
    *columns_from(Evidence, exclude={"document_id", "collaboration_id", "org_id"},
                  primary_key=None),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("collaboration_id", String, ForeignKey("collaborations.id", ondelete="CASCADE"),
           nullable=True),
    Column("org_id", String, ForeignKey("organizations.id", ondelete="CASCADE"), nullable=True),
    Index("ix_evidence_collaboration", "collaboration_id"),
    Index("ix_evidence_org", "org_id"),
)

# -- restricted-party lists (screening) -------------------------------------------------------

restricted_lists = Table(
    "restricted_lists",
    metadata,
    Column("id", String, primary_key=True, comment="list id, e.g. bis-entity-list, ofac-sdn"),
    Column("name", String, nullable=False),
    Column("publisher", String, nullable=False),
    Column("version", String, nullable=True, comment="date of the list's latest entry or issue"),
    Column("format", String, nullable=False),
    Column("path", String, nullable=False, comment="file (or folder) it was loaded from"),
    Column("url", String, nullable=True, comment="official address"),
    Column("sha256", String, nullable=False, comment="content hash of the file(s) loaded"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("name_count", Integer, nullable=False),
)

restricted_entities = Table(
    "restricted_entities",
    metadata,
    Column("list_id", String, ForeignKey("restricted_lists.id", ondelete="CASCADE"),
           primary_key=True),
    Column("entity_id", String, primary_key=True, comment="the publisher's id, or a stable hash"),
    Column("name", String, nullable=False),
    Column("entity_type", String, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("programs", JSON, nullable=False),
    Column("source", String, nullable=True, comment="sub-list, e.g. the CSL source column"),
    Column("remarks", Text, nullable=True),
    Column("line", Integer, nullable=True, comment="line of the entry in the list file"),
)

restricted_names = Table(
    "restricted_names",
    metadata,
    Column("list_id", String, primary_key=True),
    Column("entity_id", String, primary_key=True),
    Column("position", Integer, primary_key=True, comment="0 for the main name"),
    Column("name", String, nullable=False),
    Column("is_main", Boolean, nullable=False),
    Column("weak", Boolean, nullable=False, comment="a weak alias (OFAC)"),
    ForeignKeyConstraint(["list_id", "entity_id"],
                         ["restricted_entities.list_id", "restricted_entities.entity_id"],
                         ondelete="CASCADE"),
)

# The tables of the analyses, in modules of their own, on the same metadata (Alembic sees them).
from kizuna.store import tables_cables, tables_supply  # noqa: E402, F401
