"""``kizuna review``: list what extraction added, then confirm, reject or merge it (a thin
wrapper over :mod:`kizuna.review`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated

import typer

from kizuna.cli import render
from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.review import Decision, Pending

review_app = typer.Typer(
    help="Review facts read from documents: list them with their quotes (the default), then "
         "confirm, reject or merge.", invoke_without_command=True, no_args_is_help=False)

Ids = Annotated[list[str], typer.Argument(help="Organization or collaboration ids (see the list).")]


def register(app: typer.Typer) -> None:
    """Add ``kizuna review`` to the main app; the commands reach the store through ``state``."""

    @review_app.callback()
    def review_main(ctx: typer.Context,
                    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")
                                   ] = "table") -> None:
        """List organizations and collaborations read from documents that no one has reviewed,
        with the quotes behind them."""
        if ctx.invoked_subcommand is not None:
            return
        from kizuna.review import pending

        render.check_format(fmt, ("table", "json"))
        todo = pending(state.store())
        if fmt == "json":
            render.write_json(dataclasses.asdict(todo))
            return
        _print_pending(todo)

    @review_app.command("confirm")
    def confirm_cmd(ids: Ids) -> None:
        """Confirm organizations (real, correctly named) or collaborations (stated as fact)."""
        from kizuna.review import confirm

        for target in ids:
            _done(confirm(state.store(), target))

    @review_app.command("reject")
    def reject_cmd(ids: Ids) -> None:
        """Reject collaborations (kept, marked rejected) or invented organizations (removed;
        collaborations left with fewer than two parties are rejected)."""
        from kizuna.review import reject

        for target in ids:
            _done(reject(state.store(), target))

    @review_app.command("merge")
    def merge_cmd(
        source: Annotated[str, typer.Argument(help="The extracted duplicate's id.")],
        target: Annotated[str, typer.Argument(help="The organization it is the same as.")],
    ) -> None:
        """Merge an extracted organization into the one it names: its names become aliases,
        its collaborations and evidence move."""
        from kizuna.review import merge

        _done(merge(state.store(), source, target))

    app.add_typer(review_app, name="review")


def _done(decision: Decision) -> None:
    what = ", ".join(f"{n} {k}" for k, n in decision.changed.items())
    render.console().print(f"[green]✓[/] {decision.action} {decision.target}: {what}")


def _print_pending(todo: Pending) -> None:
    con = render.console()
    con.print(render.table(f"{len(todo.organizations)} organizations to review", [
        ("id", lambda r: r["id"]), ("name", lambda r: r["name"]), ("kind", lambda r: r["kind"]),
        ("country", lambda r: r["country"]), ("collabs", lambda r: r["collaborations"]),
        ("quote", lambda r: r["quote"])],
        [{**dataclasses.asdict(o), "quote": o.quotes[0].quote if o.quotes else ""}
         for o in todo.organizations]))
    con.print(render.table(f"{len(todo.collaborations)} collaborations to review", [
        ("id", lambda r: r["id"]), ("date", lambda r: r["date"]),
        ("mechanism", lambda r: r["mechanism"]), ("parties", lambda r: r["parties"]),
        ("quote", lambda r: r["quote"])],
        [{**dataclasses.asdict(c), "parties": " · ".join(c.parties),
          "quote": c.quotes[0].quote if c.quotes else ""} for c in todo.collaborations]))
    if todo.organizations or todo.collaborations:
        con.print("[dim]kizuna review confirm ID… · kizuna review reject ID… · "
                  "kizuna review merge DUPLICATE INTO[/]")
