"""``kizuna stats`` on a SQLite file through the standard library's sqlite3, without SQLAlchemy.

Importing SQLAlchemy costs about half a second, more than the whole command may take
(``benchmarks/startup_bench.py``). The statements are :mod:`kizuna.store.counts`, the same the
store runs, so both paths give the same numbers (``tests/store/test_sqlite_read.py``).

This is only a shortcut: for anything out of the ordinary (not a plain SQLite file URL, no file,
a schema that is not exactly this kizuna's, any sqlite3 error) it returns None and the caller
opens the store as usual, which reports the coded error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kizuna.store import counts
from kizuna.store.revisions import migration_heads

# The URL forms SQLAlchemy reads as "a file at this path" for the standard pysqlite driver.
_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def sqlite_file(url: str) -> Path | None:
    """The file a plain SQLite URL names, or None for any other URL (or one with options)."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            path = url[len(prefix):]
            # Query options and %-escapes are SQLAlchemy's to interpret, not ours.
            if not path or path == ":memory:" or "?" in path or "%" in path:
                return None
            return Path(path)
    return None


def read_stats(url: str) -> dict[str, Any] | None:
    """The stats of the SQLite database at ``url``, or None when the store must be opened."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        # mode=rw: never create a database here; reading needs no write transaction.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA busy_timeout=30000")

        def run(sql: str) -> list[Sequence[Any]]:
            return conn.execute(sql).fetchall()

        if not _schema_is_current(run):
            return None
        return counts.stats(run, database=url)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _schema_is_current(run: counts.Run) -> bool:
    tables = run("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    if not list(tables):
        return False
    stamped = {row[0] for row in run("SELECT version_num FROM alembic_version")}
    return len(stamped) == 1 and stamped <= migration_heads()
