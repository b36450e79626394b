"""Shared fixtures: real databases (SQLite files and, when available, a PostgreSQL server).

Every test that takes ``database_url`` or ``store`` runs once per backend. PostgreSQL comes from
``KIZUNA_TEST_POSTGRES_URL`` (an admin URL; each test gets its own fresh database there). In CI
(``CI`` set) a missing PostgreSQL is an error, not a skip, so the suite cannot silently test
less than it claims.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from kizuna.starter import load_starter, read_starter
from kizuna.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

BACKENDS = ["sqlite", "postgresql"]


def _postgres_admin_url() -> str | None:
    url = os.environ.get("KIZUNA_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            raise RuntimeError("CI is set but KIZUNA_TEST_POSTGRES_URL is not: start PostgreSQL")
        return None
    return url


def _fresh_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"kizuna_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'kizuna.db'}"
        return
    admin = _postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not configured (set KIZUNA_TEST_POSTGRES_URL)")
    url, name = _fresh_postgres_database(admin)
    try:
        yield url
    finally:
        _drop_postgres_database(admin, name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from _database_url(request.param, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = open_store(database_url, create=True)
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def starter_kb():  # type: ignore[no-untyped-def]
    return read_starter()


@pytest.fixture(scope="module", params=BACKENDS)
def loaded_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 starter_kb) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """A store with the starter knowledge base loaded; shared by a module's read-only tests."""
    tmp = tmp_path_factory.mktemp("loaded")
    for url in _database_url(request.param, tmp):
        s = open_store(url, create=True)
        load_starter(s, starter_kb)
        yield s
        s.dispose()


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running the real ``kizuna`` command against a private SQLite database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    env["KIZUNA_DATA_DIR"] = str(tmp_path / "data")
    env["COLUMNS"] = "200"
    return env


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's own KIZUNA_DATA_DIR (unless it sets one): what kizuna keeps beside a
    PostgreSQL store (the screening index, the pinyin memo) never lands in the user's data
    folder, nor in another test's."""
    if "KIZUNA_DATA_DIR" not in os.environ:
        monkeypatch.setenv("KIZUNA_DATA_DIR", str(tmp_path_factory.mktemp("data")))
