"""Supply chains: a chain is replaced whole inside the caller's transaction, and read back whole
(the analyses work on the chain in memory; a chain is a few thousand rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, delete, select, update

from kizuna.store.db.catalog import Row
from kizuna.store.tables_supply import (
    supply_chains,
    supply_inputs,
    supply_providers,
    supply_provisions,
    supply_sequence,
    supply_stages,
)

_CHILDREN = (supply_sequence, supply_provisions, supply_providers, supply_inputs, supply_stages)


def supply_chain_rows(conn: Connection) -> list[Row]:
    """The loaded chains, by id."""
    return [dict(r._mapping) for r in conn.execute(select(supply_chains)
                                                   .order_by(supply_chains.c.id))]


def supply_provider_links(conn: Connection, chain_id: str) -> dict[str, str | None]:
    stmt = select(supply_providers.c.provider_id, supply_providers.c.org_id).where(
        supply_providers.c.chain_id == chain_id)
    return {r.provider_id: r.org_id for r in conn.execute(stmt)}


def set_supply_provider_links(conn: Connection, chain_id: str,
                              links: Mapping[str, str | None]) -> None:
    for provider_id, org_id in links.items():
        conn.execute(update(supply_providers)
                     .where(supply_providers.c.chain_id == chain_id,
                            supply_providers.c.provider_id == provider_id)
                     .values(org_id=org_id))


def replace_supply_chain(conn: Connection, chain: Row, tables: Mapping[str, Sequence[Row]]
                         ) -> None:
    """Replace one chain (its row and every child row) inside the caller's transaction."""
    chain_id = chain["id"]
    for table in _CHILDREN:
        conn.execute(delete(table).where(table.c.chain_id == chain_id))
    conn.execute(delete(supply_chains).where(supply_chains.c.id == chain_id))
    conn.execute(supply_chains.insert(), [{**chain, "loaded_at": dt.datetime.now(dt.UTC)}])
    for table in reversed(_CHILDREN):
        rows = [{**r, "chain_id": chain_id} for r in tables.get(table.name, ())]
        for start in range(0, len(rows), 2000):
            conn.execute(table.insert(), rows[start:start + 2000])


def supply_chain_tables(conn: Connection, chain_id: str) -> dict[str, list[Row]]:
    """Every child row of one chain, by table name, in a stable order."""
    out: dict[str, list[Row]] = {}
    for table in _CHILDREN:
        keys = [c for c in table.primary_key.columns if c.name != "chain_id"]
        stmt = select(table).where(table.c.chain_id == chain_id).order_by(*keys)
        out[table.name] = [dict(r._mapping) for r in conn.execute(stmt)]
    return out


def supply_inputs_of_org(conn: Connection, org_id: str) -> list[Row]:
    """Every share row of the providers linked to ``org_id``, with the input or stage named."""
    stmt = (select(supply_provisions.c.chain_id, supply_provisions.c.row,
                   supply_provisions.c.provided_id, supply_provisions.c.share,
                   supply_provisions.c.year, supply_providers.c.provider_id,
                   supply_providers.c.name.label("provider_name"))
            .join(supply_providers, (supply_providers.c.chain_id == supply_provisions.c.chain_id)
                  & (supply_providers.c.provider_id == supply_provisions.c.provider_id))
            .where(supply_providers.c.org_id == org_id)
            .order_by(supply_provisions.c.chain_id, supply_provisions.c.row))
    return [dict(r._mapping) for r in conn.execute(stmt)]
