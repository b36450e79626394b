"""The U.S. Consolidated Screening List (trade.gov): CSV (current layout with ``_id`` and the
2019 layout without it) and JSON (the download's ``{"results": [...]}`` or a bare array)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from kizuna.screening.countries import country_code
from kizuna.screening.loaders.base import (
    clean,
    entity_type,
    fail,
    iso_date,
    json_record_lines,
    latest,
    read_text,
    set_lines,
    stable_id,
)
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import split_aliases

REQUIRED = ("source", "name")
URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in clean(value).split(";") if v.strip()]


def _entity(rec: dict[str, Any], where: str, path: Path) -> ListEntity:
    raw_name = clean(rec.get("name"))
    if not raw_name:
        fail(path, where, "the record has no name")
    names = split_aliases(raw_name)
    aliases = names[1:] + [a for alt in _split(rec.get("alt_names")) for a in split_aliases(alt)]
    countries: list[str] = []
    addresses = rec.get("addresses")
    texts: list[str] = []
    if isinstance(addresses, list):
        for a in addresses:
            if isinstance(a, dict):
                texts.append(str(a.get("country") or ""))
            else:
                texts.append(str(a).rsplit(",", 1)[-1])
    else:
        texts = [a.rsplit(",", 1)[-1] for a in _split(addresses)]
    texts += _split(rec.get("nationalities")) + _split(rec.get("citizenships"))
    for text in texts:
        code = country_code(text.strip())
        if code and code not in countries:
            countries.append(code)
    ident = clean(rec.get("_id") or rec.get("id")) or stable_id(rec.get("source"),
                                                               rec.get("entity_number"), raw_name)
    return ListEntity(
        entity_id=ident, name=names[0], aliases=aliases, entity_type=entity_type(rec.get("type")),
        countries=countries, programs=_split(rec.get("programs")),
        source=clean(rec.get("source")) or None,
        remarks=clean(rec.get("license_requirement") or rec.get("remarks")) or None)


def read_csv(path: Path) -> ParsedList:
    text, digest = read_text(path)
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        fail(path, "line 1", "no header row")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        fail(path, "line 1", f"not a CSL header (missing {', '.join(missing)})")
    entities, dates = [], []
    try:
        start = reader.line_num + 1
        for row in reader:
            where = f"line {reader.line_num}"
            row_line, start = start, reader.line_num + 1  # a quoted field may span lines
            if not any(row):
                continue
            if len(row) != len(header):
                fail(path, where, f"{len(row)} fields where the header has {len(header)} "
                                  "(truncated?)")
            rec = dict(zip(header, row, strict=False))
            entities.append(_entity(rec, where, path))
            entities[-1].line = row_line
            dates.append(iso_date(rec.get("start_date")))
    except csv.Error as exc:
        fail(path, f"line {reader.line_num}", f"bad CSV ({exc})")
    return ParsedList("us-csl", "Consolidated Screening List", "U.S. International Trade "
                      "Administration", latest(dates), "csl-csv", str(path), digest, entities,
                      URL)


def read_json(path: Path) -> ParsedList:
    text, digest = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(path, f"line {exc.lineno}, column {exc.colno}", f"bad JSON ({exc.msg})")
    records = data.get("results") if isinstance(data, dict) else data
    if not isinstance(records, list):
        fail(path, "top level", "expected a list of records or {\"results\": [...]}")
    entities, dates = [], []
    for i, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            fail(path, f"record {i}", "not an object")
        entities.append(_entity(rec, f"record {i}", path))
        dates.append(iso_date(str(rec.get("start_date") or "")))
    set_lines(entities, json_record_lines(text, "results" if isinstance(data, dict) else None))
    return ParsedList("us-csl", "Consolidated Screening List", "U.S. International Trade "
                      "Administration", latest(dates), "csl-json", str(path), digest, entities,
                      URL.replace(".csv", ".json"))
