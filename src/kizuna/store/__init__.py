"""The store: one database (SQLite by default, PostgreSQL for teams) behind one module.

``Store`` and ``open_store`` load :mod:`kizuna.store.engine`, and with it SQLAlchemy, on first use:
``kizuna stats`` reads a SQLite file through :mod:`kizuna.store.sqlite_read` without either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kizuna.store.engine import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kizuna.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
