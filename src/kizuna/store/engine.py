"""Opening the store: engines, SQLite pragmas, the single writer, and schema migrations.

SQLite runs in WAL mode so readers never block the writer, and every write transaction starts with
``BEGIN IMMEDIATE`` behind a process-wide lock: one writer at a time, and a second process waits
(``busy_timeout``) instead of failing half-way. PostgreSQL gets the same code through the same URL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError

from kizuna.errors import E, KizunaError
from kizuna.store.revisions import migration_heads

if TYPE_CHECKING:
    from alembic.config import Config

SchemaState = Literal["missing", "current", "older", "newer"]

_WRITE_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "kizuna.store:migrations")
    return cfg


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


class Store:
    """A handle on one kizuna database. Create it with :func:`open_store`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.display_url = make_url(url).render_as_string(hide_password=True)
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self.engine: Engine = self._create_engine()
        with _LOCKS_GUARD:
            self._write_lock = _WRITE_LOCKS.setdefault(url, threading.Lock())

    def _create_engine(self) -> Engine:
        kwargs: dict[str, Any] = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30}
        engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        return engine

    # -- schema -------------------------------------------------------------------------------

    def schema_state(self) -> tuple[SchemaState, str | None]:
        """Where the database's schema stands relative to this kizuna's migrations."""
        path = _sqlite_path(self.url)
        if path is not None and not path.exists():
            return "missing", None
        current = self._current_revision()
        if current is None:
            return "missing", None
        if current in migration_heads():
            return "current", current
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        script = ScriptDirectory.from_config(_alembic_config())
        try:
            script.get_revision(current)
        except CommandError:
            return "newer", current
        return "older", current

    def _current_revision(self) -> str | None:
        """The revision stamped in ``alembic_version``, or None for a database without one."""
        try:
            with self.engine.connect() as conn:
                if not conn.dialect.has_table(conn, "alembic_version"):
                    return None
                rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
                found = sorted(rows)
        except DBAPIError as exc:
            raise KizunaError(E.DB_UNREADABLE, url=self.display_url, reason=_short(exc)) from None
        return found[0] if len(found) == 1 else (",".join(found) or None)

    def require_current(self) -> None:
        """Fail with a one-line error unless the schema is exactly this kizuna's."""
        state, found = self.schema_state()
        if state == "missing":
            raise KizunaError(E.DB_NOT_INITIALISED, url=self.display_url)
        if state == "newer":
            raise KizunaError(E.DB_NEWER_SCHEMA, url=self.display_url, found=found,
                              known=", ".join(sorted(migration_heads())))
        if state == "older":
            raise KizunaError(E.DB_OLDER_SCHEMA, url=self.display_url, found=found)

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest revision (idempotent)."""
        if self.schema_state()[0] == "newer":
            self.require_current()
        path = _sqlite_path(self.url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        from alembic import command

        cfg = _alembic_config()
        try:
            with self._write_lock, self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except DBAPIError as exc:
            raise KizunaError(E.DB_UNREADABLE, url=self.display_url, reason=_short(exc)) from None

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: all of it is committed, or none of it."""
        try:
            with self._write_lock, self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise KizunaError(E.DB_UNREADABLE, url=self.display_url, reason=_short(exc)) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise KizunaError(E.DB_UNREADABLE, url=self.display_url, reason=_short(exc)) from None

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, create: bool = False) -> Store:
    """Open the store at ``url``; with ``create`` the schema is created or migrated first,
    otherwise it must already be current."""
    try:
        store = Store(url)
    except Exception as exc:  # a malformed URL or a missing driver
        raise KizunaError(E.DB_UNREADABLE, url=url, reason=str(exc)) from None
    if create:
        store.upgrade()
    else:
        store.require_current()
    return store


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite recipe), so writes can use
    # BEGIN IMMEDIATE and take the write lock up front instead of failing at the first write.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _short(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
