"""The default matcher's index kept between runs (kizuna.screening.index_cache): loading it
gives exactly what building it gives, on real lists; a stale index is never read; a damaged
file is reported and rebuilt, never used."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kizuna.screening import index_cache
from kizuna.screening.lists import load_lists, remove_lists, stored_lists
from kizuna.screening.matching import build_matcher
from kizuna.screening.matching.prepared import (
    PREPARED,
    IndexUnreadable,
    Prepared15,
    Prepared16,
    read_index,
    write_index,
)
from kizuna.store import Store
from tests.cli.test_cli import run
from tests.screening.conftest import shared

GOLDEN = Path(__file__).resolve().parent / "golden"
#: the versions that keep an index: the default (``kizuna-match``, 1.6, which keeps its 1.5
#: base's), 1.5 and 1.4
KEPT = ["kizuna-match/1.6", "kizuna-match/1.5", "kizuna-match/1.4"]
FILES = ["us_restricted_lists_nsfreg_2026/bis_entity_list.json",
         "jp_cn_export_control_lists_2026/jp_meti_end_user_list.json",
         "jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json"]


def _queries(label: str) -> list[tuple[str, str | None, str | None]]:
    """The version's golden set's queries (listed names as listed, with a letter dropped,
    reversed, and unlisted names), with their countries, and each again as a person."""
    rows = json.loads((GOLDEN / f"{label.replace('/', '_')}.json").read_text())["results"]
    asks = [(r["query"], r["country"], None) for r in rows]
    return asks + [(q, None, "person") for q, _c, _t in asks[::5]]


def _answers(matcher: Any, asks: list[tuple[str, str | None, str | None]]
             ) -> list[list[dict[str, Any]]]:
    one = [[m.as_json() for m in matcher.match(q, country=c, entity_type=t, threshold=0.5,
                                               limit=5)] for q, c, t in asks]
    batch = [[m.as_json() for m in ms]
             for ms in matcher.match_batch(asks, threshold=0.5, limit=5)]
    assert one == batch
    return one


@pytest.fixture
def listed(store: Store) -> Store:
    load_lists(store, [shared(f) for f in FILES])
    return store


@pytest.fixture
def small(store: Store) -> Store:
    """The METI and MOFCOM lists only (the damage tests build an index several times)."""
    load_lists(store, [shared(f) for f in FILES[1:]])
    return store


def _index_files(store: Store) -> list[Path]:
    folder = index_cache.cache_dir(store)
    return sorted(folder.glob("*.npz")) if folder.exists() else []


def test_the_default_matcher_keeps_its_index() -> None:
    assert index_cache.resolve("kizuna-match") == KEPT[0]
    assert {label: PREPARED[label].ALGORITHM for label in KEPT} == {k: k for k in KEPT}
    assert PREPARED[KEPT[0]] is Prepared16
    assert PREPARED[KEPT[1]] is Prepared15


@pytest.mark.parametrize("label", KEPT)
def test_the_kept_index_screens_exactly_as_a_fresh_build(listed: Store, label: str,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    lists = stored_lists(listed)
    fresh = build_matcher(lists, label)
    asks = _queries(label)
    expected = _answers(fresh, asks)
    assert sum(1 for a in expected if a) > 500  # the queries find something to compare
    # first use: nothing kept yet, so it is built from the store and written
    built, built_lists = index_cache.cached_matcher(listed, label)
    assert built_lists == lists
    [path] = _index_files(listed)
    # the file read back directly, and through the cache on the next use
    key = index_cache.cache_key(label, index_cache._rows(listed))
    loaded = read_index(path, PREPARED[label], key)
    assert list(loaded.lists) == lists
    again, again_lists = index_cache.cached_matcher(listed, label)
    assert again_lists == lists and again.algorithm == fresh.algorithm == label
    assert _answers(loaded.matcher(), asks) == expected
    assert _answers(again, asks) == expected
    assert _answers(built, asks) == expected
    assert capsys.readouterr().err == ""  # a good file: no warning
    assert _index_files(listed) == [path]


def test_loading_or_removing_a_list_makes_the_kept_index_stale(listed: Store) -> None:
    first = index_cache.refresh(listed)
    assert first is not None and first.exists()
    before = {r["id"] for r in index_cache._rows(listed)}
    assert index_cache.refresh(listed) == first  # unchanged lists: the same file
    load_lists(listed, [shared("us_restricted_lists_nsfreg_2026/dow_1260h.json")])
    matcher, lists = index_cache.cached_matcher(listed, "kizuna-match")
    assert {lst.list_id for lst in lists} == before | {"dow-1260h"}
    second = {p for p in _index_files(listed) if p != first}
    assert len(second) == 1  # a new index, for the new set of lists
    asks = [("Aviation Industry Corporation of China", "CN", None), ("Huawei", None, None)]
    assert _answers(matcher, asks) == _answers(build_matcher(stored_lists(listed)), asks)
    assert any(m["list"] == "dow-1260h" for m in _answers(matcher, asks)[0])
    remove_lists(listed, ["dow-1260h"])
    matcher, lists = index_cache.cached_matcher(listed, "kizuna-match")
    assert "dow-1260h" not in {lst.list_id for lst in lists}
    assert not any(m["list"] == "dow-1260h" for m in _answers(matcher, asks)[0])
    # a newer kizuna (another matcher or code) has another key, so another file
    key = index_cache.cache_key(index_cache.resolve("kizuna-match"), index_cache._rows(listed))
    other = {**key, "code": "0" * 64}
    assert index_cache.index_path(Path("."), other) != index_cache.index_path(Path("."), key)


@pytest.mark.parametrize("label", KEPT)
@pytest.mark.parametrize("damage", ["truncated", "one byte changed", "not a zip", "other lists"])
def test_a_damaged_index_is_reported_and_rebuilt_never_used(
        small: Store, damage: str, label: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = index_cache.refresh(small, label)
    assert path is not None
    good = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "one byte changed":
        middle = len(good) // 2
        path.write_bytes(good[:middle] + bytes([good[middle] ^ 0x01]) + good[middle + 1:])
    elif damage == "not a zip":
        path.write_text("not an index")
    else:  # a sound file, but of another set of lists, put where this key's file goes
        remove_lists(small, ["cn-attention-list"])
        other = index_cache.refresh(small, label)
        assert other is not None
        load_lists(small, [shared(FILES[2])])
        key = index_cache.cache_key(label, index_cache._rows(small))
        path = index_cache.index_path(index_cache.cache_dir(small), key)
        shutil.copyfile(other, path)
    capsys.readouterr()
    matcher, _lists = index_cache.cached_matcher(small, label)
    err = capsys.readouterr().err
    assert "warning: screening index" in err and str(path) in err and "rebuilding" in err
    asks = _queries(label)[::7]
    assert _answers(matcher, asks) == _answers(build_matcher(stored_lists(small), label), asks)
    key = index_cache.cache_key(label, index_cache._rows(small))
    read_index(path, PREPARED[label], key)  # rewritten: sound again
    again, _lists = index_cache.cached_matcher(small, label)
    assert _answers(again, asks) == _answers(matcher, asks)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("label", KEPT)
def test_an_index_that_does_not_fit_its_names_is_refused(small: Store, tmp_path: Path,
                                                         label: str) -> None:
    """A file with a good checksum (written by this code) whose parts do not fit together."""
    cls = PREPARED[label]
    prepared: Any = cls.prepare(stored_lists(small))
    key = {"k": 1}
    broken = dataclasses.replace(prepared, entries=prepared.entries[:-1])
    write_index(tmp_path / "a.npz", broken, key)
    with pytest.raises(IndexUnreadable, match="norms do not fit"):
        read_index(tmp_path / "a.npz", cls, key)
    write_index(tmp_path / "b.npz", prepared, key)
    with pytest.raises(IndexUnreadable, match="other lists"):
        read_index(tmp_path / "b.npz", cls, {"k": 2})
    with pytest.raises(IndexUnreadable, match="made for"):
        read_index(tmp_path / "b.npz", PREPARED[next(k for k in KEPT if k != label)], key)
    assert read_index(tmp_path / "b.npz", cls, key).lists == prepared.lists


def test_other_versions_are_built_each_time(small: Store) -> None:
    matcher, _lists = index_cache.cached_matcher(small, "kizuna-match/1.3")
    assert matcher.algorithm == "kizuna-match/1.3"
    assert _index_files(small) == []


def test_the_cli_keeps_the_index_and_screens_alike_with_and_without_it(
        cli_env: dict[str, str]) -> None:
    paths = [str(shared(f)) for f in FILES[:2]]
    loaded = run(cli_env, "lists", "load", *paths)
    assert loaded.returncode == 0, loaded.stderr
    folder = Path(cli_env["KIZUNA_DATA_DIR"]) / "kizuna.db.screening-index"
    assert "screening index:" in loaded.stdout and len(list(folder.glob("*.npz"))) == 1
    names = ["Huawei Technologies Co Ltd", "Beijing Power Machinery Institute",
             "Toyota Motor Corporation", "Korea Rungrado Trading"]
    kept = run(cli_env, "screen", *names, "-f", "json")
    assert kept.returncode == 0 and kept.stderr == "", kept.stderr
    shutil.rmtree(folder)
    built = run(cli_env, "screen", *names, "-f", "json")  # builds it again, and keeps it
    assert built.stdout == kept.stdout and len(list(folder.glob("*.npz"))) == 1
    assert json.loads(kept.stdout)["results"][0]["matches"]
    removed = run(cli_env, "lists", "remove", "jp-end-user-list")
    assert removed.returncode == 0, removed.stderr
    after = json.loads(run(cli_env, "screen", *names, "-f", "json").stdout)
    assert all(m["list"] == "bis-entity-list" for r in after["results"] for m in r["matches"])
    missing = run(cli_env, "lists", "remove", "no-such-list")
    assert missing.returncode == 1 and "K012" in missing.stderr


SCREEN = """
import json, sys
from kizuna.store import open_store
from kizuna.screening.run import ScreenRequest, run_screen
store = open_store(sys.argv[1])
run = run_screen(ScreenRequest(sys.argv[2:]), lambda: store)
print(json.dumps({"pypinyin": "pypinyin" in sys.modules, "results": run.as_json()["results"]}))
"""


def test_the_pinyin_of_screened_names_is_kept_and_answers_alike(
        small: Store, tmp_path: Path) -> None:
    """Names with Chinese characters need pypinyin's dictionary; the runs it romanised are
    kept, so the next process screens the same names without it, with the same answers; a
    damaged memo is reported and not used."""
    import os
    import subprocess
    import sys

    assert index_cache.refresh(small) is not None
    env = dict(os.environ)  # this process's KIZUNA_DATA_DIR: PostgreSQL keeps the memo there
    names = ["トヨタ自動車株式会社", "北京航空航天大学", "華為技術有限公司", "国防科学院"]

    def screen() -> tuple[dict[str, Any], str]:
        done = subprocess.run([sys.executable, "-c", SCREEN, small.url, *names], env=env,
                              capture_output=True, text=True, check=True, timeout=300)
        return json.loads(done.stdout), done.stderr

    first, err = screen()
    assert first["pypinyin"] and err == ""
    assert any(r["matches"] for r in first["results"])
    [memo] = index_cache.cache_dir(small).glob("pinyin-*.json")
    second, err = screen()
    assert not second["pypinyin"] and err == ""
    assert second["results"] == first["results"]
    data = json.loads(memo.read_text(encoding="utf-8"))
    run = next(iter(data["runs"]))
    data["runs"][run] = ["x"]  # a syllable changed, the checksum left as it was
    memo.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    third, err = screen()
    assert "pinyin memo" in err and "unusable" in err
    assert third["pypinyin"] and third["results"] == first["results"]
