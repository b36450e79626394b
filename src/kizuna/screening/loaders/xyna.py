"""Normalised entity arrays of the Japanese METI End User List (外国ユーザーリスト) and the
Chinese MOFCOM lists: ``[{id, list_id, source_list_name, entity_name, aliases, addresses, …}]``.
A file holding several ``list_id`` values becomes several lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kizuna.screening.countries import country_code, split_country_prefix
from kizuna.screening.loaders.base import (
    entity_type,
    fail,
    json_record_lines,
    latest,
    read_text,
)
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import split_aliases

PUBLISHERS = {"jp": "Japan, Ministry of Economy, Trade and Industry (出典：経済産業省)",
              "cn": "China, Ministry of Commerce"}
URLS = {"jp-end-user-list": "https://www.meti.go.jp/policy/anpo/law05.html#user-list"}


def looks_like(data: Any) -> bool:
    return (isinstance(data, list) and bool(data) and isinstance(data[0], dict)
            and "entity_name" in data[0] and "list_id" in data[0])


def read(path: Path) -> list[ParsedList]:
    text, digest = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(path, f"line {exc.lineno}, column {exc.colno}", f"bad JSON ({exc.msg})")
    if not looks_like(data):
        fail(path, "top level", "expected an array of {id, list_id, entity_name, …}")
    groups: dict[str, list[ListEntity]] = {}
    meta: dict[str, dict[str, Any]] = {}
    dates: dict[str, list[str | None]] = {}
    lines = json_record_lines(text)
    lines = lines if len(lines) == len(data) else []
    for i, rec in enumerate(data, 1):
        if not isinstance(rec, dict) or not rec.get("id"):
            fail(path, f"record {i}", "missing id")
        # A few METI records lost their main name in extraction; their first alias stands in.
        all_names = [str(rec.get("entity_name") or ""), *map(str, rec.get("aliases") or [])]
        split = [a for raw in all_names if raw.strip() for a in split_aliases(raw)]
        if not split:
            for addr in rec.get("addresses") or []:
                code, rest = split_country_prefix(str(addr))
                if code and rest:
                    split = split_aliases(rest)
                    rec = {**rec, "addresses": [code]}
                    break
        if not split:
            fail(path, f"record {i}", "no entity_name and no aliases")
        names, aliases = split[:1], split[1:]
        countries = []
        for addr in rec.get("addresses") or []:
            code = country_code(str(addr).rsplit(",", 1)[-1])
            if code and code not in countries:
                countries.append(code)
        list_id = str(rec["list_id"])
        meta.setdefault(list_id, rec)
        dates.setdefault(list_id, []).append(rec.get("last_verified") or rec.get("date_added"))
        groups.setdefault(list_id, []).append(ListEntity(
            str(rec["id"]), names[0], aliases, entity_type(rec.get("entity_type")), countries,
            [list_id], str(rec.get("source_list_name") or list_id),
            str(rec.get("reason") or "") or None, line=lines[i - 1] if lines else None))
    out = []
    for list_id, entities in groups.items():
        m = meta[list_id]
        issuer = str(m.get("country") or "")
        out.append(ParsedList(list_id, str(m.get("source_list_name") or list_id),
                              PUBLISHERS.get(issuer, issuer), latest(dates[list_id]),
                              "xyna-json", str(path), digest, entities,
                              URLS.get(list_id, str(m.get("source_url") or ""))))
    return out
