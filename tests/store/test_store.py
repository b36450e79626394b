"""The store on real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from kizuna.errors import KizunaError
from kizuna.model import Collaboration, Organization
from kizuna.starter import StarterKB, load_starter
from kizuna.store import Store, db, open_store
from kizuna.store.tables import metadata


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.read() as conn:
        return {t.name: sorted(tuple(map(str, r)) for r in conn.execute(select(t)))
                for t in metadata.sorted_tables}


def _org(org_id: str, country: str = "JP") -> Organization:
    return Organization(id=org_id, name=org_id.title(), kind="company", country=country)


def _collab(collab_id: str, *orgs: str) -> Collaboration:
    return Collaboration.model_validate({
        "id": collab_id, "title": f"{collab_id} title", "mechanism": "partnership",
        "parties": [{"org": o} for o in orgs], "technologies": ["ai"],
        "citation": {"publisher": "P", "title": "T"}, "verified": True, "verified_via": "x"})


def test_init_creates_the_current_schema(store: Store) -> None:
    assert store.schema_state()[0] == "current"
    store.upgrade()  # idempotent
    assert store.schema_state()[0] == "current"


def test_the_heads_read_from_the_migration_files_are_alembics(store: Store) -> None:
    # The start-up fast path reads heads from the files; it must agree with Alembic's own graph.
    from alembic.script import ScriptDirectory

    from kizuna.store.engine import _alembic_config, migration_heads

    assert migration_heads() == set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def test_an_older_revision_is_reported_as_older(store: Store) -> None:
    with store.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert store.schema_state() == ("older", "0001")
    with pytest.raises(KizunaError, match="K004"):
        store.require_current()


def test_loading_twice_changes_nothing(store: Store, starter_kb: StarterKB) -> None:
    first = load_starter(store, starter_kb)
    snapshot = _dump(store)
    second = load_starter(store, starter_kb)
    assert first == second
    assert _dump(store) == snapshot
    assert len(snapshot["collaborations"]) == len(starter_kb.collaborations)


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    kb = StarterKB([_org("alpha"), _org("beta")], [_collab("c1", "alpha", "beta")])
    load_starter(store, kb)
    before = _dump(store)
    # The second collaboration names an organization that does not exist: the foreign key fails
    # after the first collaboration and the new organization were already written.
    broken = StarterKB([_org("gamma")], [_collab("c2", "alpha", "gamma"),
                                         _collab("c3", "alpha", "missing")])
    with pytest.raises(Exception):  # noqa: B017 - the driver's integrity error
        load_starter(store, broken)
    assert _dump(store) == before


def test_upserts_update_in_place(store: Store) -> None:
    load_starter(store, StarterKB([_org("alpha"), _org("beta")], [_collab("c1", "alpha", "beta")]))
    renamed = _org("alpha").model_copy(update={"name": "Alpha Renamed", "aliases": ("AR",)})
    with store.write() as conn:
        db.upsert_organizations(conn, [renamed], origin="starter")
    with store.read() as conn:
        assert db.find_organizations_by_name(conn, "alpha renamed") == ["alpha"]
        assert db.find_organizations_by_name(conn, "AR") == ["alpha"]
        assert db.count_rows(conn)["organizations"] == 2


def test_a_newer_schema_is_refused(store: Store) -> None:
    with store.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz99'"))
    with pytest.raises(KizunaError) as info:
        open_store(store.url)
    assert info.value.code == "K003"


def test_an_uninitialised_database_is_refused(database_url: str) -> None:
    with pytest.raises(KizunaError) as info:
        open_store(database_url)
    assert info.value.code == "K002"


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "kizuna.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KizunaError) as info:
        open_store(f"sqlite:///{bogus}")
    assert info.value.code == "K001"
    assert bogus.read_bytes() == b"this is not sqlite" * 100


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'k.db'}", create=True)
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_match_the_model(store: Store) -> None:
    """The tables derived from the model and the Alembic migrations never drift apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
