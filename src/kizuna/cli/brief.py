"""``kizuna brief``: a cited brief on an organization, a technology or a country, as PDF or
HTML (a thin wrapper over :mod:`kizuna.briefs`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kizuna.cli import render
from kizuna.cli._app import state
from kizuna.collector import collector_paused
from kizuna.errors import E, KizunaError

SUFFIXES = (".pdf", ".html")


def register(app: typer.Typer) -> None:
    @app.command()
    def brief(
        kind: Annotated[str, typer.Argument(help="organization, technology or country.")],
        ident: Annotated[str, typer.Argument(
            metavar="ID", help="Organization id/name, technology or CET area id, or ISO code.")],
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", help="FILE.pdf or FILE.html (default brief-KIND-ID.pdf).")] = None,
        years: Annotated[str | None, typer.Option(
            "--years", "-y", help="Only collaborations of YYYY, YYYY-YYYY, YYYY- or -YYYY.")
        ] = None,
        reviewed_only: Annotated[bool, typer.Option(
            "--reviewed-only", help="Leave out extracted collaborations no reviewer has "
            "confirmed (see `review`).")] = False,
    ) -> None:
        """Write a brief with every fact cited: charts, tables, screening, sources."""
        from kizuna.briefs import build_brief, to_html, to_pdf

        path = output or Path(f"brief-{kind}-{ident.lower().replace(' ', '-')}.pdf")
        if path.suffix.lower() not in SUFFIXES:
            raise KizunaError(E.BAD_FORMAT, value=path.suffix or str(path),
                              choices=", ".join(SUFFIXES))
        with collector_paused():  # one brief, then the process ends (see kizuna.collector)
            made = build_brief(state.store(), kind, ident, years, reviewed_only=reviewed_only)
            try:
                if path.suffix.lower() == ".pdf":
                    path.write_bytes(to_pdf(made))
                else:
                    path.write_text(to_html(made), encoding="utf-8")
            except OSError as exc:
                raise KizunaError(E.OUTPUT_UNWRITABLE, path=path, reason=exc.strerror) from None
        render.console().print(f"[green]✓[/] wrote {path}: {len(made.sections)} sections, "
                               f"{len(made.sources)} sources")
