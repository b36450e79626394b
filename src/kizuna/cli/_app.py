"""The ``kizuna`` Typer app and the state its global options set (the spaCy CLI's ``_util``).

Every command module imports :data:`app` and :data:`state` from here, never from each other, and
reaches the settings and the store through :data:`state`. Nothing heavy is imported here: the
library modules load inside the commands that use them (``benchmarks/startup_bench.py``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from kizuna import __version__

if TYPE_CHECKING:
    from kizuna.settings import Settings
    from kizuna.store import Store

__all__ = ["State", "app", "state"]

app = typer.Typer(
    name="kizuna",
    help="Evidence-backed intelligence on U.S.–Japan technology cooperation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@dataclass
class State:
    """What the global options say: ``--debug`` and ``--database``."""

    debug: bool = False
    database_url: str | None = None

    def settings(self) -> Settings:
        """The settings from the environment, with ``--database`` applied."""
        from kizuna.settings import load_settings

        settings = load_settings()
        if self.database_url:
            settings = dataclasses.replace(settings, database_url=self.database_url)
        return settings

    def store(self, *, create: bool = False) -> Store:
        """The store the settings name (``create`` makes and migrates it)."""
        from kizuna.store import open_store

        return open_store(self.settings().database_url, create=create)


state = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kizuna {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    database: Annotated[str | None, typer.Option(
        "--database", "-d", help="Database URL; overrides KIZUNA_DATABASE_URL.",
        show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    state.debug = debug
    state.database_url = database
