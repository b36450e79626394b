"""Tables of supply chains (kizuna.supply): a chain and its stages, inputs, providers, shares
and sequence, each row keyed by its chain so several chains can be held side by side."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Integer,
    String,
    Table,
    Text,
)

from kizuna.store.tables import metadata


def _chain_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["chain_id"], ["supply_chains.id"], ondelete="CASCADE")


supply_chains = Table(
    "supply_chains",
    metadata,
    Column("id", String, primary_key=True, comment="chain id, default the folder's name"),
    Column("name", String, nullable=False),
    Column("path", String, nullable=False, comment="folder it was loaded from"),
    Column("sha256", String, nullable=False, comment="content hash of its files"),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

supply_stages = Table(
    "supply_stages",
    metadata,
    Column("chain_id", String, primary_key=True),
    Column("stage_id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("description", Text, nullable=False),
    Column("market_size", String, nullable=False),
    _chain_fk(),
)

supply_inputs = Table(
    "supply_inputs",
    metadata,
    Column("chain_id", String, primary_key=True),
    Column("input_id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("type", String, nullable=False),
    Column("stage_id", String, nullable=True, comment="given for top-level processes only"),
    Column("description", Text, nullable=False),
    Column("year", Integer, nullable=True),
    Column("market_size", String, nullable=False),
    Column("source", Text, nullable=False),
    _chain_fk(),
)

supply_providers = Table(
    "supply_providers",
    metadata,
    Column("chain_id", String, primary_key=True),
    Column("provider_id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("kind", String, nullable=False, comment="country | organization"),
    Column("country", String, nullable=True, comment="ISO3 headquarters country of a firm"),
    Column("aliases", JSON, nullable=False),
    Column("unattributed", Boolean, nullable=False, comment="a 'Various …' remainder"),
    Column("org_id", String, nullable=True, comment="the knowledge-base organization it is"),
    _chain_fk(),
)

supply_provisions = Table(
    "supply_provisions",
    metadata,
    Column("chain_id", String, primary_key=True),
    Column("row", Integer, primary_key=True, comment="1-based data row of provision.csv"),
    Column("provider_id", String, nullable=False),
    Column("provided_id", String, nullable=False, comment="an input id or a stage id"),
    Column("share", Float, nullable=True, comment="percent; null when not quantified"),
    Column("year", Integer, nullable=True),
    Column("source", Text, nullable=False),
    _chain_fk(),
)

supply_sequence = Table(
    "supply_sequence",
    metadata,
    Column("chain_id", String, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("input_id", String, nullable=False),
    Column("goes_into_id", String, nullable=True),
    Column("is_type_of_id", String, nullable=True),
    _chain_fk(),
)
