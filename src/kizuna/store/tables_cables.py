"""Tables for submarine cables (TeleGeography's map data): one load replaces them all.

A landing point is a city, not a station; ``country`` is the node the analyses use (territories
such as Guam or Hong Kong split out of the country the data codes them under, which is kept in
``coded_country``)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from kizuna.store.tables import metadata

cable_sources = Table(
    "cable_sources",
    metadata,
    Column("id", String, primary_key=True, comment="data set id, e.g. telegeography"),
    Column("format", String, nullable=False, comment="csv or api_v2"),
    Column("path", String, nullable=False, comment="folder it was loaded from"),
    Column("sha256", String, nullable=False, comment="content hash of the files read"),
    Column("snapshot", String, nullable=True, comment="date of the data snapshot"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("cable_count", Integer, nullable=False),
    Column("landing_count", Integer, nullable=False),
)

cables = Table(
    "cables",
    metadata,
    Column("slug", String, primary_key=True),
    Column("cable_id", Integer, nullable=False),
    Column("name", String, nullable=False),
    Column("rfs", String, nullable=True, comment="ready-for-service as written"),
    Column("rfs_year", Integer, nullable=True),
    Column("length_km", Float, nullable=True),
    Column("owners_raw", Text, nullable=True),
    Column("url", String, nullable=True),
    Column("notes", Text, nullable=True),
    Column("route", JSON, nullable=True, comment="schematic route: lists of [lon, lat]"),
)

cable_landing_points = Table(
    "cable_landing_points",
    metadata,
    Column("slug", String, primary_key=True),
    Column("landing_point_id", Integer, nullable=False),
    Column("name", String, nullable=False),
    Column("country", String, nullable=False, comment="country or split-out territory"),
    Column("coded_country", String, nullable=False, comment="country as the data codes it"),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("is_tbd", Boolean, nullable=False),
    Index("ix_cable_landing_points_country", "country"),
)

cable_landings = Table(
    "cable_landings",
    metadata,
    Column("cable_slug", String, ForeignKey("cables.slug", ondelete="CASCADE"),
           primary_key=True),
    Column("landing_point_slug", String,
           ForeignKey("cable_landing_points.slug", ondelete="CASCADE"), primary_key=True),
    Index("ix_cable_landings_landing_point", "landing_point_slug"),
)

cable_owners = Table(
    "cable_owners",
    metadata,
    Column("cable_slug", String, ForeignKey("cables.slug", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", String, nullable=False, comment="owner as written, split from the list"),
    Column("canonical", String, nullable=False, comment="normalised owner name"),
    Column("org_id", String, nullable=True, comment="knowledge-base organization, if resolved"),
    Index("ix_cable_owners_canonical", "canonical"),
)
