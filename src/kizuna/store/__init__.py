"""The store: one database (SQLite by default, PostgreSQL for teams) behind one module."""

from kizuna.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
