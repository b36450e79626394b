"""Rendering rows for the terminal (Rich tables), for programs (JSON) and spreadsheets (CSV)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kizuna.errors import E, KizunaError

FORMATS = ("table", "json", "csv")


def check_format(fmt: str, choices: Sequence[str] = FORMATS) -> str:
    if fmt not in choices:
        raise KizunaError(E.BAD_FORMAT, value=fmt, choices=", ".join(choices))
    return fmt


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(row.get(k)) for k in columns})
    sys.stdout.write(buffer.getvalue())


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def table(title: str | None, columns: Sequence[tuple[str, Callable[[dict[str, Any]], Any]]],
          rows: Sequence[dict[str, Any]], *, no_wrap: bool = False, **kwargs: Any) -> Table:
    out = Table(title=title, header_style="bold", **kwargs)
    for header, _fn in columns:
        out.add_column(header, overflow="ellipsis" if no_wrap else "fold", no_wrap=no_wrap)
    for row in rows:
        out.add_row(*[_cell(fn(row)) for _h, fn in columns])
    return out


def _cell(value: Any) -> Text | str:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, Text):
        return value
    return str(value)


def heat(count: int, peak: int) -> Text:
    """A count as a cell whose background darkens with its share of the peak."""
    if count == 0:
        return Text("·", style="dim")
    shades = ["on grey23", "on dark_green", "on green4", "on green3", "on bright_green"]
    level = min(len(shades) - 1, int((count / max(peak, 1)) * (len(shades) - 1) + 0.5))
    style = shades[level] + (" black" if level >= 3 else "")
    return Text(f"{count:>3}", style=style)


def bar(count: int, peak: int, width: int = 40) -> str:
    filled = count * width / max(peak, 1)
    return "█" * int(filled) + ("▌" if filled - int(filled) >= 0.5 else "")


def console() -> Console:
    return Console(highlight=False, soft_wrap=False)
