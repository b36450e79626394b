"""Storing restricted-party lists and reading them back: one transaction per load, and a load of
an unchanged file changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kizuna.screening.loaders import read_list
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.store import Store, db

__all__ = ["LoadResult", "load_lists", "loaded_lists", "parse_files", "remove_lists",
           "stored_lists"]

LoadResult = dict[str, Any]


def parse_files(paths: Iterable[Path | str], fmt: str = "auto") -> list[ParsedList]:
    """Read every file first, so one bad file stops the load before anything is written."""
    out: list[ParsedList] = []
    for path in paths:
        out.extend(read_list(path, fmt))
    return out


def _rows(parsed: ParsedList, now: dt.datetime) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                        list[dict[str, Any]]]:
    entities: dict[str, ListEntity] = {}
    for e in parsed.entities:  # a publisher id listed twice: its names are united
        if e.entity_id in entities:
            entities[e.entity_id].aliases.extend([e.name, *e.aliases])
        else:
            entities[e.entity_id] = e
    ent_rows, name_rows = [], []
    for e in entities.values():
        ent_rows.append({"list_id": parsed.list_id, "entity_id": e.entity_id, "name": e.name,
                         "entity_type": e.entity_type, "countries": e.countries,
                         "programs": e.programs, "source": e.source, "remarks": e.remarks,
                         "line": e.line})
        for pos, (name, is_main, weak) in enumerate(e.names()):
            name_rows.append({"list_id": parsed.list_id, "entity_id": e.entity_id,
                              "position": pos, "name": name, "is_main": is_main, "weak": weak})
    meta = {"id": parsed.list_id, "name": parsed.name, "publisher": parsed.publisher,
            "version": parsed.version, "format": parsed.format, "path": parsed.path,
            "url": parsed.url, "sha256": parsed.sha256, "loaded_at": now,
            "entity_count": len(ent_rows), "name_count": len(name_rows)}
    return meta, ent_rows, name_rows


def load_lists(store: Store, paths: Sequence[Path | str], fmt: str = "auto",
               list_id: str | None = None) -> list[LoadResult]:
    """Load list files into the store in one transaction; ``list_id`` renames a single list.

    A list whose content hash is unchanged is left as it is (``status: unchanged``)."""
    parsed = parse_files(paths, fmt)
    if list_id is not None:
        for p in parsed:
            p.list_id = list_id if len(parsed) == 1 else f"{list_id}-{p.list_id}"
    now = dt.datetime.now(dt.UTC)
    results: list[LoadResult] = []
    with store.write() as conn:
        for p in parsed:
            status = "loaded"
            if db.restricted_list_sha256(conn, p.list_id) == p.sha256 and not (
                    any(e.line for e in p.entities)
                    and db.restricted_list_lacks_lines(conn, p.list_id)):
                status = "unchanged"  # (a list stored before its lines were kept is reloaded)
            else:
                db.replace_restricted_list(conn, *_rows(p, now))
            results.append({"list": p.list_id, "name": p.name, "format": p.format,
                            "version": p.version, "entities": len(p.entities),
                            "names": p.name_count, "path": p.path, "status": status})
    return results


def remove_lists(store: Store, list_ids: Sequence[str]) -> None:
    """Remove loaded lists (their entities and names) in one transaction; an id that is not
    loaded is an error (K012) and nothing is removed."""
    from kizuna.errors import E, KizunaError

    with store.write() as conn:
        for list_id in list_ids:
            if not db.remove_restricted_list(conn, list_id):
                raise KizunaError(E.NOT_FOUND, what="loaded list", key=list_id)


def loaded_lists(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return db.restricted_list_rows(conn)


def stored_lists(store: Store, list_ids: Sequence[str] | None = None) -> list[ParsedList]:
    """The stored lists as :class:`ParsedList` objects, ready for a matcher index."""
    with store.read() as conn:
        metas = {r["id"]: r for r in db.restricted_list_rows(conn)}
        rows = db.restricted_entity_rows(conn, list_ids)
    by_list: dict[str, list[ListEntity]] = {}
    for r in rows:
        main = [n for n, is_main, _w in r["names"] if is_main]
        by_list.setdefault(r["list_id"], []).append(ListEntity(
            r["entity_id"], main[0] if main else r["name"],
            [n for n, is_main, weak in r["names"] if not is_main and not weak],
            r["entity_type"], list(r["countries"]), list(r["programs"]), r["source"],
            r["remarks"], [n for n, _m, weak in r["names"] if weak], r.get("line")))
    return [ParsedList(m["id"], m["name"], m["publisher"], m["version"], m["format"], m["path"],
                       m["sha256"], by_list.get(m["id"], []), m["url"])
            for m in metas.values() if list_ids is None or m["id"] in list_ids]
