"""OpenSanctions FollowTheMoney entities, one JSON object per line (``entities.ftm.json``).
Only Person, Organization, Company, LegalEntity, Vessel and Airplane entities are parties;
addresses and other helper entities are skipped."""

from __future__ import annotations

import json
from pathlib import Path

from kizuna.screening.countries import country_code
from kizuna.screening.loaders.base import combined_sha256, fail, latest, read_text
from kizuna.screening.model import ListEntity, ParsedList

PARTY_SCHEMATA = {"Person": "person", "Organization": "organization", "Company": "organization",
                  "LegalEntity": "organization", "PublicBody": "organization",
                  "Vessel": "vessel", "Airplane": "aircraft"}
URL = "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json"


def read(path: Path) -> ParsedList:
    text, digest = read_text(path)
    entities: list[ListEntity] = []
    dates: list[str | None] = []
    datasets: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            fail(path, f"line {n}", f"bad JSON ({exc.msg}; truncated?)")
        if not isinstance(rec, dict) or "id" not in rec or "schema" not in rec:
            fail(path, f"line {n}", "not a FollowTheMoney entity (no id or schema)")
        kind = PARTY_SCHEMATA.get(str(rec["schema"]))
        if kind is None:
            continue
        props = rec.get("properties") or {}
        names = [str(v) for key in ("name", "alias", "previousName")
                 for v in props.get(key, [])]
        caption = str(rec.get("caption") or (names[0] if names else ""))
        if not caption:
            fail(path, f"line {n}", "an entity without a name")
        countries = []
        for c in [*props.get("country", []), *props.get("jurisdiction", []),
                  *props.get("nationality", [])]:
            code = country_code(str(c))
            if code and code not in countries:
                countries.append(code)
        datasets.update(rec.get("datasets") or [])
        dates.append(str(rec.get("last_change") or "")[:10] or None)
        entities.append(ListEntity(
            str(rec["id"]), caption, [x for x in names if x != caption], kind, countries,
            [str(t) for t in props.get("topics", [])], ", ".join(rec.get("datasets") or []),
            "; ".join(str(x) for x in props.get("notes", [])) or None,
            [str(x) for x in props.get("weakAlias", [])], line=n))
    if not entities:
        fail(path, "line 1", "no FollowTheMoney party entities")
    return ParsedList("opensanctions", "OpenSanctions (" + ", ".join(sorted(datasets)) + ")",
                      "OpenSanctions (opensanctions.org), CC BY-NC 4.0", latest(dates),
                      "ftm-jsonl", str(path), combined_sha256([digest]), entities, URL)
