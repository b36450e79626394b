"""OFAC's SDN list: the legacy header-less CSV set (sdn.csv + alt.csv + add.csv) and the XML."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kizuna.screening.countries import country_code
from kizuna.screening.loaders.base import (
    clean,
    combined_sha256,
    entity_type,
    fail,
    iso_date,
    read_text,
)
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import split_aliases

URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
_ENTRY = re.compile(r"<(?:\w+:)?sdnEntry[\s>]")  # where each entry starts, for its line
NAME = "Specially Designated Nationals and Blocked Persons List"
PUBLISHER = "U.S. Treasury, Office of Foreign Assets Control"


def _rows(path: Path, width: int, *, required: bool = True) -> tuple[list[list[str]], str]:
    """The rows of an OFAC legacy CSV; every row must have ``width`` fields. Each row ends
    with the line it starts on (an extra field, not OFAC's)."""
    if not path.exists() and not required:
        return [], ""
    text, digest = read_text(path)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        start = reader.line_num + 1
        for row in reader:
            row_line, start = start, reader.line_num + 1
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
                continue  # blank lines and the DOS end-of-file mark OFAC still writes
            if len(row) != width:
                fail(path, f"line {reader.line_num}",
                     f"{len(row)} fields where {width} were expected (truncated?)")
            if not row[0].strip().isdigit():
                fail(path, f"line {reader.line_num}", f"entity number {row[0]!r} is not a number")
            rows.append([*row, str(row_line)])
    except csv.Error as exc:
        fail(path, f"line {reader.line_num}", f"bad CSV ({exc})")
    return rows, digest


def sdn_files(path: Path) -> Path:
    """The folder of an OFAC legacy CSV set, given the folder or its sdn.csv."""
    return path if path.is_dir() else path.parent


def read_legacy_csv(path: Path) -> ParsedList:
    folder = sdn_files(path)
    sdn_path = folder / "sdn.csv" if path.is_dir() else path
    sdn, d1 = _rows(sdn_path, 12)
    alt, d2 = _rows(folder / "alt.csv", 5, required=False)
    add, d3 = _rows(folder / "add.csv", 6, required=False)
    aliases: dict[str, list[tuple[str, bool]]] = {}
    for ent, _num, kind, name, _rem, _line in alt:
        aliases.setdefault(ent.strip(), []).append((clean(name), clean(kind).lower() == "nka"
                                                    or False))
    countries: dict[str, list[str]] = {}
    for ent, _num, _addr, _city, country, _rem, _line in add:
        code = country_code(clean(country))
        if code and code not in countries.setdefault(ent.strip(), []):
            countries[ent.strip()].append(code)
    entities = []
    for row in sdn:
        ent = row[0].strip()
        names = split_aliases(clean(row[1]))
        if not names:
            fail(sdn_path, f"entity {ent}", "no name")
        sdn_type = clean(row[2]) or "entity"
        remarks = clean(row[11])
        entities.append(ListEntity(
            entity_id=ent, name=names[0],
            aliases=names[1:] + [a for a, _ in aliases.get(ent, []) if a],
            entity_type=entity_type(sdn_type), countries=countries.get(ent, []),
            programs=[p.strip(" []") for p in clean(row[3]).split(";") if p.strip(" []")],
            source="SDN", remarks=remarks or None, line=int(row[12])))
    return ParsedList("ofac-sdn", NAME, PUBLISHER, None, "ofac-csv", str(folder),
                      combined_sha256([d1, d2, d3]), entities, URL)


def _text(el: ET.Element | None, tag: str, ns: str) -> str:
    if el is None:
        return ""
    found = el.find(f"{ns}{tag}")
    return (found.text or "").strip() if found is not None and found.text else ""


def read_xml(path: Path) -> ParsedList:
    text, digest = read_text(path)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        fail(path, f"line {line}, column {col}", f"bad XML ({exc})")
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if not root.tag.endswith("sdnList"):
        fail(path, "root element", f"expected sdnList, found {root.tag}")
    version = iso_date(_text(root.find(f"{ns}publshInformation"), "Publish_Date", ns))
    entities = []
    starts = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY.finditer(text)]
    for i, entry in enumerate(root.iter(f"{ns}sdnEntry"), 1):
        uid = _text(entry, "uid", ns)
        last, first = _text(entry, "lastName", ns), _text(entry, "firstName", ns)
        if not uid or not last:
            fail(path, f"sdnEntry {i}", "missing uid or lastName")
        kind = entity_type(_text(entry, "sdnType", ns))
        name = f"{last}, {first}" if first else last
        strong: list[str] = []
        weak: list[str] = []
        for aka in entry.iter(f"{ns}aka"):
            a_last, a_first = _text(aka, "lastName", ns), _text(aka, "firstName", ns)
            alias = f"{a_last}, {a_first}" if a_first else a_last
            (weak if _text(aka, "category", ns) == "weak" else strong).append(alias)
        countries = []
        for addr in entry.iter(f"{ns}address"):
            code = country_code(_text(addr, "country", ns))
            if code and code not in countries:
                countries.append(code)
        programs = [p.text.strip() for p in entry.iter(f"{ns}program") if p.text]
        entities.append(ListEntity(uid, name, strong, kind, countries, programs, "SDN",
                                   _text(entry, "remarks", ns) or None, weak))
    if len(starts) == len(entities):
        for entity, line in zip(entities, starts, strict=True):
            entity.line = line
    return ParsedList("ofac-sdn", NAME, PUBLISHER, version, "ofac-xml", str(path), digest,
                      entities, URL.replace("sdn.csv", "sdn.xml"))
