"""``kizuna serve``: the dashboard and HTTP API (a thin wrapper over :mod:`kizuna.web`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.settings import Settings
    from kizuna.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve_store(store: Store, settings: Settings, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT) -> None:
    """Run the dashboard over ``store`` until interrupted."""
    import uvicorn

    from kizuna.web import create_app

    mode = "writes enabled (KIZUNA_API_TOKEN set)" if settings.api_token else "read-only"
    typer.echo(f"kizuna dashboard on http://{host}:{port}/ ({mode}); API docs at /docs. "
               "Ctrl-C stops it.")
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")


def offer(store: Store, settings: Settings) -> None:
    """End of ``kizuna demo``: print the address and, in a terminal, offer to start it."""
    typer.echo(f"\nThe dashboard: run `kizuna serve`, then open http://{DEFAULT_HOST}:"
               f"{DEFAULT_PORT}/")
    if sys.stdin.isatty() and sys.stdout.isatty() and _yes("Start it now?"):
        serve_store(store, settings)


def _yes(question: str) -> bool:
    """A yes/no prompt where the end of input (Ctrl-D, a closed pipe) means "no", quietly."""
    try:
        return typer.confirm(question, default=False)
    except (typer.Abort, EOFError):
        typer.echo()
        return False


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULT_HOST,
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)
                        ] = DEFAULT_PORT,
    ) -> None:
        """Start the dashboard and HTTP API (read-only unless KIZUNA_API_TOKEN is set)."""
        serve_store(state.store(), state.settings(), host, port)
