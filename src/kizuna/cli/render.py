"""Rendering rows for the terminal (Rich tables), for programs (JSON) and spreadsheets (CSV)."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment
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


#: Headers of columns whose values are copied into other commands or read as figures: never
#: wrapped, folded or cut, whatever the terminal's width.
WHOLE_HEADERS = frozenset({"id", "code", "date", "year", "list", "version"})

#: The narrowest a folding text column may become before rows switch to a record layout...
MIN_TEXT_WIDTH = 8
#: ...and at least its longest word up to this width, so that words fold between lines only
#: when a single word is longer than this ("collaborat/ive" in a ten-column quote is a row that
#: reads better as a record).
WHOLE_WORD_WIDTH = 16


def table(title: str | None, columns: Sequence[tuple[str, Callable[[dict[str, Any]], Any]]],
          rows: Sequence[dict[str, Any]], *, no_wrap: bool = False, width: int | None = None,
          **kwargs: Any) -> RenderableType:
    """Rows as a table that fits ``width`` (the terminal's by default) without hiding data.

    Ids, codes, dates and numbers are kept whole; text columns fold. When even that cannot fit,
    each row is printed as a block of ``header: value`` lines instead (a record layout), so an
    80-column terminal never shows a truncated number or an id split over two lines."""
    width = width or console().width
    cells = [[_cell(fn(row)) for _h, fn in columns] for row in rows]
    whole = [header.lower() in WHOLE_HEADERS or no_wrap or _numeric(cells, i)
             for i, (header, _fn) in enumerate(columns)]
    widths = [max([_width(header), *(_width(r[i]) for r in cells)])
              for i, (header, _fn) in enumerate(columns)]
    words = [max([_longest_word(header), *(_longest_word(r[i]) for r in cells)])
             for i, (header, _fn) in enumerate(columns)]
    needed = sum(w if keep else min(w, max(MIN_TEXT_WIDTH, min(word, WHOLE_WORD_WIDTH)))
                 for w, keep, word in zip(widths, whole, words, strict=True))
    pad = kwargs.get("padding", (0, 1))
    per_column = 1 + 2 * (pad[1] if isinstance(pad, tuple) else 1)
    if needed + per_column * len(columns) + 1 > width:
        return records(title, [h for h, _fn in columns], cells)
    out = Table(title=title, header_style="bold", width=None, **kwargs)
    for (header, _fn), keep, w in zip(columns, whole, widths, strict=True):
        out.add_column(header, overflow="fold", no_wrap=keep, min_width=w if keep else None)
    for row_cells in cells:
        out.add_row(*row_cells)
    if _drawn_width(out, width) > width:  # Rich could not fit it after all: never crop
        return records(title, [h for h, _fn in columns], cells)
    return out


def _drawn_width(renderable: RenderableType, width: int) -> int:
    """The widest line ``renderable`` draws in ``width`` columns (wider means it is cropped)."""
    con = Console(width=width, file=io.StringIO(), highlight=False, color_system=None)
    lines = con.render_lines(renderable, con.options.update(width=width), pad=False)
    return max((Segment.get_line_length(line) for line in lines), default=0)


def records(title: str | None, headers: Sequence[str],
            cells: Sequence[Sequence[Text | str]]) -> RenderableType:
    """Each row as ``header: value`` lines under a rule: the layout for narrow terminals."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="bold italic"))
    label = max((len(h) for h in headers), default=0)
    for row_cells in cells:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True, min_width=label)
        grid.add_column(overflow="fold")
        for header, cell in zip(headers, row_cells, strict=True):
            grid.add_row(header or "·", cell)
        parts.extend([Rule(style="dim"), grid])
    return Group(*parts)


def _numeric(cells: Sequence[Sequence[Text | str]], i: int) -> bool:
    values = [str(r[i]).strip() for r in cells if str(r[i]).strip() not in ("", "—", "·")]
    return bool(values) and all(_NUMBER.fullmatch(v) for v in values)


_NUMBER = re.compile(r"[-+]?[\d,]*\.?\d+%?")


def _longest_word(cell: Text | str) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max((Text(word).cell_len for word in text.split()), default=0)


def _width(cell: Text | str) -> int:
    return cell.cell_len if isinstance(cell, Text) else Text(cell).cell_len


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


def progress_bar(on: Console | None = None, *, counted: bool = True,
                 label: str = "{task.description}") -> Any:
    """The one look of kizuna's progress bars: a label, then a bar with done/total (`counted`)
    or a spinner for steps without a count, and the time taken; gone when finished, so the
    command's own output is what stays on the screen. Imported late: Rich's progress module is
    only paid for by commands that show one."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: tuple[Any, ...] = ((TextColumn(label), BarColumn(), MofNCompleteColumn())
                                if counted else (SpinnerColumn(), TextColumn(label)))
    return Progress(*columns, TimeElapsedColumn(), console=on or console(),
                    transient=True)
