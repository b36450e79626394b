"""Storing lists on SQLite and PostgreSQL: one transaction, idempotent, failures leave no trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from kizuna.errors import KizunaError
from kizuna.screening.lists import load_lists, loaded_lists, stored_lists
from kizuna.store import Store
from kizuna.store.tables import restricted_entities, restricted_lists, restricted_names
from tests.screening.conftest import shared


def _dump(store: Store) -> dict[str, list[tuple[str, ...]]]:
    with store.read() as conn:
        return {t.name: sorted(tuple(map(str, r)) for r in conn.execute(select(t)))
                for t in (restricted_lists, restricted_entities, restricted_names)}


def test_load_is_idempotent_and_round_trips(store: Store) -> None:
    meu = shared("us_restricted_lists_nsfreg_2026/bis_meu.json")
    meti = shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json")
    first = load_lists(store, [meu, meti])
    assert [r["status"] for r in first] == ["loaded", "loaded"]
    snapshot = _dump(store)
    second = load_lists(store, [meu, meti])
    assert [r["status"] for r in second] == ["unchanged", "unchanged"]
    assert _dump(store) == snapshot
    rows = {r["id"]: r for r in loaded_lists(store)}
    assert rows["bis-meu"]["entity_count"] == 70 and rows["bis-meu"]["version"] == "2026-07-09"
    back = {p.list_id: p for p in stored_lists(store)}
    assert len(back["jp-end-user-list"].entities) == 835
    assert sum(len(e.names()) for e in back["bis-meu"].entities) == rows["bis-meu"]["name_count"]
    # each entry's line in its file is stored with it (migration 0005)
    lines = meti.read_text(encoding="utf-8").splitlines()
    for e in back["jp-end-user-list"].entities[::100]:
        assert e.line and e.name.split()[0] in lines[e.line - 1]


def test_a_list_stored_without_lines_is_reloaded_once(store: Store) -> None:
    meu = shared("us_restricted_lists_nsfreg_2026/bis_meu.json")
    load_lists(store, [meu])
    with store.write() as conn:  # as stored before migration 0005 kept the lines
        conn.execute(update(restricted_entities).values(line=None))
    assert [r["status"] for r in load_lists(store, [meu])] == ["loaded"]
    assert all(e.line for e in stored_lists(store)[0].entities)
    assert [r["status"] for r in load_lists(store, [meu])] == ["unchanged"]


def test_a_malformed_file_leaves_loaded_lists_intact(store: Store, tmp_path: Path) -> None:
    meu = shared("us_restricted_lists_nsfreg_2026/bis_meu.json")
    load_lists(store, [meu])
    before = _dump(store)
    broken = tmp_path / "bis_entity_list.json"
    data = shared("us_restricted_lists_nsfreg_2026/bis_entity_list.json").read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(KizunaError) as info:
        load_lists(store, [shared("jp_cn_export_control_lists_2026/jp_meti_end_user_list.json"),
                           broken])
    assert info.value.code == "K102"
    assert _dump(store) == before
