"""The BIS Denied Persons List as BIS publishes it: tab-separated text with a header row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kizuna.screening.countries import country_code
from kizuna.screening.loaders.base import fail, iso_date, latest, read_text, stable_id
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import split_aliases

HEADER = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
          "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation")
URL = "https://www.bis.doc.gov/dpl/dpl.txt"


def read(path: Path) -> ParsedList:
    text, digest = read_text(path)
    reader = csv.reader(io.StringIO(text), delimiter="\t", strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        fail(path, "line 1", "no header row")
    if header[:2] != list(HEADER[:2]):
        fail(path, "line 1", "not a Denied Persons List header")
    entities, dates = [], []
    try:
        start = reader.line_num + 1
        for row in reader:
            where = f"line {reader.line_num}"
            row_line, start = start, reader.line_num + 1  # a quoted field may span lines
            if not any(c.strip() for c in row):
                continue
            # Old files stop after Last_Update; newer ones carry Action and FR_Citation too.
            if len(row) < 10 or len(row) > len(header) + 1:
                fail(path, where, f"{len(row)} fields where the header has {len(header)} "
                                  "(truncated?)")
            rec = dict(zip(header, (c.strip() for c in row), strict=False))
            names = split_aliases(rec["Name"])
            if not names:
                fail(path, where, "the record has no name")
            code = country_code(rec.get("Country")) or ("US" if rec.get("State") else None)
            effective = iso_date(rec.get("Effective_Date"))
            entities.append(ListEntity(
                stable_id(rec["Name"], effective, rec.get("Street_Address")), names[0],
                names[1:], "unknown", [code] if code else [], ["DPL"], "Denied Persons List",
                rec.get("FR_Citation") or None, line=row_line))
            dates.append(iso_date(rec.get("Last_Update")) or effective)
    except csv.Error as exc:
        fail(path, f"line {reader.line_num}", f"bad tab-separated text ({exc})")
    return ParsedList("bis-dpl", "Denied Persons List", "U.S. Department of Commerce, Bureau of "
                      "Industry and Security", latest(dates), "dpl-txt", str(path), digest,
                      entities, URL)
