"""What ``kizuna stats`` reports, as constant SQL that SQLite and PostgreSQL both run.

This is the one definition of those counts. The store runs the statements through its SQLAlchemy
connection (:mod:`kizuna.store.db.catalog`); ``kizuna stats`` on a SQLite file runs the same
statements through the standard library's sqlite3 (:mod:`kizuna.store.sqlite_read`), because
importing SQLAlchemy alone costs more than the half second the command may take. Nothing is ever
put into these strings but this module's own table and column names: there are no values to bind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: Runs one SQL statement and returns its rows as tuples.
Run = Callable[[str], Iterable[Sequence[Any]]]

COUNTED_TABLES = ("organizations", "org_names", "technologies", "collaborations", "citations",
                  "documents", "evidence")
#: The collaboration columns counted value by value; booleans come back from SQLite as 0/1.
GROUPED_COLUMNS = ("mechanism", "origin", "status", "verified")
_BOOLEAN_COLUMNS = frozenset({"verified"})

_YEARS = "SELECT min(year), max(year) FROM collaborations"
_WITH_SOURCE = (
    "SELECT count(*) FROM collaborations AS c WHERE "
    "EXISTS (SELECT 1 FROM citations WHERE citations.collaboration_id = c.id) OR "
    "EXISTS (SELECT 1 FROM evidence WHERE evidence.collaboration_id = c.id)")
_COUNTRIES = "SELECT country, count(*) FROM organizations GROUP BY country ORDER BY country"


def _scalar(run: Run, sql: str) -> Any:
    return next(iter(run(sql)))[0]


def count_rows(run: Run) -> dict[str, int]:
    return {table: int(_scalar(run, f"SELECT count(*) FROM {table}")) for table in COUNTED_TABLES}


def _value_key(column: str, value: Any) -> str:
    if column in _BOOLEAN_COLUMNS and value is not None:
        return str(bool(value))
    return str(value)


def collaboration_summary(run: Run) -> dict[str, Any]:
    """Facts about the collaborations as a whole: years covered, verification, provenance."""
    first, last = next(iter(run(_YEARS)))
    by = {column: {_value_key(column, value): int(n) for value, n in run(
        f"SELECT {column}, count(*) FROM collaborations GROUP BY {column} ORDER BY {column}")}
        for column in GROUPED_COLUMNS}
    return {"first_year": first, "last_year": last, "by": by,
            "with_source": int(_scalar(run, _WITH_SOURCE))}


def organization_countries(run: Run) -> dict[str, int]:
    return {country: int(n) for country, n in run(_COUNTRIES)}


def stats(run: Run, database: str) -> dict[str, Any]:
    """Counts of everything, years covered, provenance and verification (``kizuna stats``)."""
    return {"database": database, "rows": count_rows(run),
            "collaborations": collaboration_summary(run),
            "organizations_by_country": organization_countries(run)}
