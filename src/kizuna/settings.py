"""Typed settings, read from ``KIZUNA_*`` environment variables by an explicit call.

Nothing here runs at import time: call :func:`load_settings` where a command starts, so tests and
library users can pass their own values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kizuna.errors import E, KizunaError

#: Every setting, its meaning and default. A test checks that the README documents each one.
SETTINGS_DOC: dict[str, str] = {
    "KIZUNA_DATABASE_URL": "SQLAlchemy URL of the store (sqlite:///… or postgresql+psycopg://…); "
    "default: SQLite at KIZUNA_DATA_DIR/kizuna.db",
    "KIZUNA_DATA_DIR": "folder for the default database and other per-user data; default: "
    "$XDG_DATA_HOME/kizuna, else ~/.local/share/kizuna",
    "KIZUNA_MAX_FILE_BYTES": "largest document the readers accept, in bytes; "
    "default 52428800 (50 MiB)",
    "KIZUNA_API_TOKEN": "secret that unlocks writing through the web (uploading documents, "
    "confirming or rejecting extracted facts); unset: the dashboard and API are read-only",
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    max_file_bytes: int
    api_token: str | None = field(default=None, repr=False)

    @property
    def is_default_database(self) -> bool:
        return self.database_url == default_database_url(self.data_dir)


def default_data_dir(env: Mapping[str, str]) -> Path:
    xdg = env.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "kizuna"


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kizuna.db'}"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    data_dir = Path(env["KIZUNA_DATA_DIR"]) if env.get("KIZUNA_DATA_DIR") else default_data_dir(env)
    url = env.get("KIZUNA_DATABASE_URL") or default_database_url(data_dir)
    raw_max = env.get("KIZUNA_MAX_FILE_BYTES", "52428800")
    try:
        max_bytes = int(raw_max)
        if max_bytes <= 0:
            raise ValueError("must be positive")
    except ValueError as exc:
        raise KizunaError(
            E.SETTING_INVALID, name="KIZUNA_MAX_FILE_BYTES", value=raw_max, reason=str(exc)
        ) from None
    token = env.get("KIZUNA_API_TOKEN") or None
    if token is not None and len(token) < 16:
        raise KizunaError(E.SETTING_INVALID, name="KIZUNA_API_TOKEN", value="…",
                          reason="use at least 16 characters") from None
    return Settings(data_dir=data_dir, database_url=url, max_file_bytes=max_bytes,
                    api_token=token)
