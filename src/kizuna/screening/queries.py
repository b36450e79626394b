"""Screening input: names given directly, and CSV files read strictly, so no name is ever
dropped silently.

A CSV file is decoded as documents are (BOM, UTF-8, CP932, EUC-JP, UTF-16 with or without a BOM;
damaged UTF-8 is refused) and parsed record by record with the line each record starts on. An
unbalanced quote, a row whose number of cells differs from the header's, a name cell that spans
lines or is empty while the row is not: each is a coded error naming the line (K310), or with
``lenient`` a warning naming the line, the line skipped and counted. The summary says how many
rows were read, how many names screened and how many lines skipped, so a dropped name is seen.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kizuna.errors import E, KizunaError
from kizuna.readers.detect import UndecodableError, decode

__all__ = ["InputSummary", "Query", "Skipped", "read_csv_queries", "read_input"]


@dataclass(frozen=True)
class Query:
    """One name to screen, with what narrows it (country, entity type) and its other names."""

    query: str
    country: str | None = None
    org_id: str | None = None
    names: tuple[str, ...] = ()  # further names of the same party (aliases, Japanese names)
    entity_type: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A line left out in lenient mode, and why."""

    path: str
    line: int
    problem: str

    def message(self) -> str:
        return f"{self.path}, line {self.line}: {self.problem}; skipped"


@dataclass
class FileSummary:
    path: str
    encoding: str
    rows_read: int = 0  # data records (the header and blank lines are not rows)
    names: int = 0
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class InputSummary:
    """What was read: names screened, per file rows read and lines skipped."""

    queries: list[Query] = field(default_factory=list)
    direct: int = 0  # names given on the command line
    files: list[FileSummary] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return self.direct + sum(f.rows_read for f in self.files)

    @property
    def skipped(self) -> list[Skipped]:
        return [s for f in self.files for s in f.skipped]

    def as_json(self) -> dict[str, object]:
        return {"rows_read": self.rows_read, "screened": len(self.queries),
                "skipped": len(self.skipped),
                "files": [{"path": f.path, "encoding": f.encoding, "rows_read": f.rows_read,
                           "screened": f.names,
                           "skipped": [{"line": s.line, "problem": s.problem}
                                       for s in f.skipped]} for f in self.files]}


def read_input(inputs: Sequence[str], *, lenient: bool = False) -> InputSummary:
    """Each input is a name, or a CSV file with a ``name`` column and an optional ``country``."""
    summary = InputSummary()
    for item in inputs:
        path = Path(item)
        if item.lower().endswith(".csv") and path.is_file():
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise KizunaError(E.SCREEN_INPUT_INVALID, path=item,
                                  reason=exc.strerror or str(exc)) from None
            queries, file_summary = read_csv_queries(data, item, lenient=lenient)
            summary.queries += queries
            summary.files.append(file_summary)
        else:
            summary.queries.append(Query(item))
            summary.direct += 1
    return summary


def read_csv_queries(data: bytes, path: str, *, lenient: bool = False
                     ) -> tuple[list[Query], FileSummary]:
    """The queries of one CSV file, strictly (K310 at the first bad line) or leniently."""
    try:
        text, encoding = decode(data)
    except UndecodableError as exc:
        raise KizunaError(E.SCREEN_INPUT_UNDECODABLE, path=path, reason=str(exc)) from None
    summary = FileSummary(path, encoding)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    header: list[str] | None = None
    queries: list[Query] = []
    for first, last, row, problem in _records(lines):
        if problem is None and header is None:
            if not row:
                continue
            header = [c.strip().lstrip("\ufeff").lower() for c in row]
            if "name" not in header:
                raise KizunaError(E.SCREEN_INPUT_INVALID, path=path,
                                  reason=f"no `name` column in the header (line {first})")
            continue
        if problem is None and header is not None:
            problem = _check(row, header, first, last)
            if problem == "":
                continue  # a blank line, or a row of empty cells
        if problem is not None:
            if not lenient:
                raise KizunaError(E.SCREEN_CSV_MALFORMED, path=path, line=first,
                                  problem=problem)
            summary.skipped.append(Skipped(path, first, problem))
            continue
        assert header is not None
        rec = dict(zip(header, (c.strip() for c in row), strict=True))
        summary.rows_read += 1
        queries.append(Query(rec["name"], rec.get("country") or None))
    if header is None:
        raise KizunaError(E.SCREEN_INPUT_INVALID, path=path, reason="the file has no header")
    summary.rows_read += len(summary.skipped)  # a skipped line was read, and not screened
    summary.names = len(queries)
    return queries, summary


def _check(row: list[str], header: list[str], first: int, last: int) -> str | None:
    """Why a data row cannot be screened ("" for a blank one, None when it is fine)."""
    if not any(c.strip() for c in row):
        return ""
    if len(row) != len(header):
        return (f"{len(row)} cell{'s' if len(row) != 1 else ''} where the header has "
                f"{len(header)} (a missing or extra comma, or an unquoted comma in a name?)")
    name = row[header.index("name")]
    if "\n" in name:
        return (f"the name cell runs over lines {first}–{last} (a quote is probably not "
                "closed)")
    if not name.strip():
        return "the name cell is empty"
    return None


def _records(lines: list[str]) -> Iterator[tuple[int, int, list[str], str | None]]:
    """(first line, last line, cells, problem) for each record, lines counted from 1.

    After a bad record the parser restarts on the line after the record's first, so (in
    lenient mode) a quote left open swallows one line, not the rest of the file."""
    pos = 0
    while pos < len(lines):
        reader = csv.reader(iter(lines[pos:]), strict=True)
        consumed = 0
        try:
            for row in reader:
                first, last = pos + consumed + 1, pos + reader.line_num
                consumed = reader.line_num
                if last > first and len(row) == 1 and row[0].count("\n") == last - first:
                    # one cell running over several lines: a quote opened and never closed
                    yield first, last, row, (f"a quote opened here is not closed before line "
                                             f"{last}")
                    pos = first
                    break
                yield first, last, row, None
            else:
                return
        except csv.Error as exc:
            line = pos + consumed + 1
            problem = ("a quote opened here is not closed by the end of the file"
                       if "end of data" in str(exc) else f"bad quoting ({exc})")
            yield line, line, [], problem
            pos = line
