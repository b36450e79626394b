"""Per-list JSON files of U.S. lists (Entity List, MEU, 1260H, UFLPA, …) in the layout
``{list_id, source_file, extracted, count, entities: [{name, aliases, country, …}]}``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kizuna.screening.countries import country_code
from kizuna.screening.loaders.base import fail, json_record_lines, read_text, set_lines, stable_id
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import split_aliases

#: Official names, publishers and addresses of the lists this layout carries.
LISTS: dict[str, tuple[str, str, str]] = {
    "bis-entity-list": ("Entity List (15 CFR 744 Supp. 4)", "U.S. BIS",
                        "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/"
                        "subchapter-C/part-744/appendix-Supplement%20No.%204%20to%20Part%20744"),
    "bis-meu": ("Military End-User List (15 CFR 744 Supp. 7)", "U.S. BIS",
                "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/"
                "part-744/appendix-Supplement%20No.%207%20to%20Part%20744"),
    "bis-dpl": ("Denied Persons List", "U.S. BIS", "https://www.bis.doc.gov/dpl/dpl.txt"),
    "dow-1260h": ("Section 1260H Chinese Military Companies", "U.S. Department of War",
                  "https://www.federalregister.gov/"),
    "dow-1286": ("Section 1286 list", "U.S. Department of War", "https://basicresearch.defense.gov/"),
    "ofac-nscmic": ("Non-SDN Chinese Military-Industrial Complex Companies List", "U.S. OFAC",
                    "https://ofac.treasury.gov/"),
    "ofac-eo14032": ("E.O. 14032 annex", "U.S. OFAC", "https://ofac.treasury.gov/"),
    "fcc-covered": ("FCC Covered List", "U.S. FCC", "https://www.fcc.gov/supplychain/coveredlist"),
    "dhs-uflpa": ("UFLPA Entity List", "U.S. DHS", "https://www.dhs.gov/uflpa-entity-list"),
    "cbp-wro": ("Withhold Release Orders and Findings", "U.S. CBP", "https://www.cbp.gov/"),
    "state-nonproliferation": ("Nonproliferation sanctions", "U.S. Department of State",
                               "https://www.state.gov/"),
    "state-debarred-statutory": ("AECA statutorily debarred parties", "U.S. Department of State",
                                 "https://www.pmddtc.state.gov/"),
    "state-debarred-admin": ("AECA administratively debarred parties",
                             "U.S. Department of State", "https://www.pmddtc.state.gov/"),
}


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and "entities" in data and "list_id" in data


def read(path: Path) -> ParsedList:
    text, digest = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(path, f"line {exc.lineno}, column {exc.colno}", f"bad JSON ({exc.msg})")
    if not looks_like(data) or not isinstance(data["entities"], list):
        fail(path, "top level", "expected {list_id, entities: [...]}")
    list_id = str(data["list_id"])
    name, publisher, url = LISTS.get(list_id, (list_id, "unknown publisher", ""))
    entities = []
    for i, rec in enumerate(data["entities"], 1):
        if not isinstance(rec, dict) or not str(rec.get("name") or "").strip():
            fail(path, f"entity {i}", "not an object with a name")
        names = split_aliases(str(rec["name"]))
        aliases = names[1:] + [a for alias in rec.get("aliases") or []
                               for a in split_aliases(str(alias))]
        code = country_code(str(rec.get("country") or ""))
        is_person = "," in names[0] and len(names[0].split()) <= 4 and list_id in ("bis-dpl",)
        entities.append(ListEntity(
            stable_id(list_id, rec["name"], rec.get("country"), rec.get("address")), names[0],
            aliases, "person" if is_person else "unknown", [code] if code else [], [list_id],
            name, str(rec.get("notes") or rec.get("federal_register") or "") or None))
    set_lines(entities, json_record_lines(text, "entities"))
    if isinstance(data.get("count"), int) and data["count"] != len(entities):
        fail(path, "count", f"the file says {data['count']} entities but holds {len(entities)} "
                            "(truncated?)")
    return ParsedList(list_id, name, publisher, str(data.get("extracted") or "") or None,
                      "nsfreg-json", str(path), digest, entities, url)
