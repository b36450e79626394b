"""`kizuna stats` has two readers, SQLAlchemy (any backend) and sqlite3 (SQLite files, so the
command starts without importing SQLAlchemy): both give the numbers counted here row by row."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kizuna.overview import stats
from kizuna.starter import load_starter
from kizuna.store import Store, open_store
from kizuna.store.counts import COUNTED_TABLES, GROUPED_COLUMNS
from kizuna.store.sqlite_read import read_stats, sqlite_file
from kizuna.store.tables import citations, collaborations, evidence, metadata, organizations


def _counted_in_python(store: Store) -> dict[str, Any]:
    """The stats from whole rows, counted in Python: a reference independent of the SQL."""
    with store.read() as conn:
        rows = {t: [dict(r._mapping) for r in conn.execute(select(metadata.tables[t]))]
                for t in COUNTED_TABLES}
        cited = {r.collaboration_id for r in conn.execute(select(citations.c.collaboration_id))}
        cited |= {r.collaboration_id for r in conn.execute(select(evidence.c.collaboration_id))}
        countries = Counter(r.country for r in conn.execute(select(organizations.c.country)))
        collabs = [dict(r._mapping) for r in conn.execute(select(collaborations))]
    years = [c["year"] for c in collabs if c["year"] is not None]
    return {
        "database": store.display_url,
        "rows": {t: len(r) for t, r in rows.items()},
        "collaborations": {
            "first_year": min(years), "last_year": max(years),
            "by": {col: dict(Counter(str(c[col]) for c in collabs)) for col in GROUPED_COLUMNS},
            "with_source": sum(1 for c in collabs if c["id"] in cited)},
        "organizations_by_country": dict(countries),
    }


def test_the_store_counts_what_the_rows_say(loaded_store: Store) -> None:
    reference = _counted_in_python(loaded_store)
    assert reference["rows"]["collaborations"] > 100  # the starter is loaded: not a vacuous match
    assert stats(loaded_store) == reference


def test_sqlite3_reads_the_same_numbers_as_sqlalchemy(loaded_store: Store) -> None:
    quick = read_stats(loaded_store.url)
    if not loaded_store.is_sqlite:
        assert quick is None  # PostgreSQL always goes through the store
        return
    assert quick is not None
    assert quick == stats(loaded_store) == _counted_in_python(loaded_store)


def test_the_command_reads_sqlite_without_sqlalchemy_and_agrees(loaded_store: Store) -> None:
    code = ("import atexit, json, sys; "
            "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules)))); "
            "from kizuna.cli.app import main; sys.argv = ['kizuna', 'stats', '-f', 'json']; main()")
    env = {**os.environ, "KIZUNA_DATABASE_URL": loaded_store.url}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    loaded = {m.split(".")[0] for m in json.loads(result.stderr)}
    assert ("sqlalchemy" in loaded) is not loaded_store.is_sqlite
    assert json.loads(result.stdout) == _counted_in_python(loaded_store)


def test_anything_unusual_is_left_to_the_store(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert read_stats(f"sqlite:///{missing}") is None
    assert not missing.exists()  # the shortcut never creates a database
    assert sqlite_file(f"sqlite:///{missing}?timeout=5") is None
    assert sqlite_file("sqlite://") is None and sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file(f"sqlite+pysqlite:///{missing}") == missing

    url = f"sqlite:///{tmp_path / 'k.db'}"
    store = open_store(url, create=True)
    load_starter(store)
    store.dispose()
    assert read_stats(url) is not None
    with sqlite3.connect(tmp_path / "k.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    assert read_stats(url) is None  # the store then refuses the newer schema with its coded error
    (tmp_path / "garbage.db").write_bytes(b"not a database" * 100)
    assert read_stats(f"sqlite:///{tmp_path / 'garbage.db'}") is None
