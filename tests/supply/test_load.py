"""Loading chains: the real CSET files, a synthetic battery chain, and files that must be refused
with nothing half-loaded."""

from __future__ import annotations

import copy
import csv
import shutil
from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.store import Store
from kizuna.supply.load import load_chain, loaded_chains, stored_chain
from kizuna.supply.read import read_chain
from tests.supply.conftest import BATTERY, CHIPS, write_chain


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (CHIPS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_real_chain_loads_whole(chips_store: Store) -> None:
    chain = stored_chain(chips_store)
    # Expectations counted from the files with the csv module, not copied from them.
    assert len(chain.provisions) == len(_csv_rows("provision.csv"))
    assert len(chain.inputs) == len(_csv_rows("inputs.csv"))
    assert len(chain.sequence) == len(_csv_rows("sequence.csv"))
    assert len(chain.providers) == len({r["provider_id"] for r in _csv_rows("providers.csv")})
    unquantified = sum(1 for r in _csv_rows("provision.csv") if not r["share_provided"])
    assert sum(1 for p in chain.provisions if p.share is None) == unquantified


def test_a_firm_listed_on_several_rows_is_one_provider_with_its_aliases(chips_store: Store
                                                                        ) -> None:
    chain = stored_chain(chips_store)
    rows = [r for r in _csv_rows("providers.csv") if r["provider_name"] == "Canon"]
    assert len(rows) > 1  # the trap the issue names
    canon = [p for p in chain.providers if p.name == "Canon"]
    assert len(canon) == 1
    assert set(canon[0].aliases) == {r["alias"] for r in rows if r["alias"]}


def test_various_rows_are_unattributed(chips_store: Store) -> None:
    chain = stored_chain(chips_store)
    names = {p.name for p in chain.providers if p.unattributed}
    assert names == {"Various countries", "Various companies"}


def test_firms_link_to_knowledge_base_organizations(chips_store: Store) -> None:
    chain = stored_chain(chips_store)
    links = {p.name: p.org_id for p in chain.providers}
    assert links["Tokyo Electron"] == "tokyo-electron"
    assert links["Applied Materials"] == "applied-materials"
    assert links["JPN"] is None  # countries never link to a government
    # "Sumitomo" (resins, photoresists) is a group's name, not the trading house
    # Sumitomo Corporation of the knowledge base, whose name key is also "sumitomo".
    assert links["Sumitomo"] is None


def test_reloading_an_unchanged_chain_changes_nothing(chips_store: Store) -> None:
    before = loaded_chains(chips_store)
    result = load_chain(chips_store, CHIPS)
    assert result.status == "unchanged"
    assert loaded_chains(chips_store) == before


def test_a_chain_of_the_same_shape_loads(store: Store, battery: Path) -> None:
    result = load_chain(store, battery)
    assert (result.chain, result.status, result.inputs, result.provisions) == (
        "battery", "loaded", 4, 13)
    chain = stored_chain(store, "battery")
    cmj = [p for p in chain.providers if p.id == "F2"]
    assert cmj[0].aliases == ("CMJ",)


def _broken(tmp_path: Path, name: str, mutate: object) -> Path:
    files = copy.deepcopy(BATTERY)
    assert callable(mutate)
    mutate(files[name])
    return write_chain(tmp_path / "broken", files)


@pytest.mark.parametrize(("name", "mutate", "line", "words"), [
    ("provision.csv", lambda rows: rows[1].__setitem__(1, "C404"), 2, "unknown provider_id"),
    ("provision.csv", lambda rows: rows[3].__setitem__(3, "B99"), 4, "unknown provided_id"),
    ("provision.csv", lambda rows: rows[2].__setitem__(4, "45"), 3, "over 100%"),
    ("provision.csv", lambda rows: rows[2].__setitem__(4, "ten"), 3, "not a number"),
    ("provision.csv", lambda rows: rows[2].__setitem__(4, "140"), 3, "between 0 and 100"),
    ("provision.csv", lambda rows: [r.pop(4) for r in rows], 1, "missing column"),
    ("providers.csv", lambda rows: rows[7].__setitem__(4, "USA"), 8, "country"),
    ("inputs.csv", lambda rows: rows[2].__setitem__(0, "B2"), 4, "appears twice"),
    ("sequence.csv", lambda rows: rows[1].__setitem__(3, "B77"), 2, "unknown goes_into_id"),
])
def test_bad_files_are_refused_naming_file_and_line(store: Store, tmp_path: Path, name: str,
                                                    mutate: object, line: int, words: str
                                                    ) -> None:
    folder = _broken(tmp_path, name, mutate)
    with pytest.raises(KizunaError) as err:
        load_chain(store, folder)
    assert err.value.code == "K201"
    assert f"{name}, line {line}:" in str(err.value)
    assert words in str(err.value)
    assert loaded_chains(store) == []  # nothing half-loaded


def test_a_bad_reload_keeps_the_loaded_chain(store: Store, tmp_path: Path) -> None:
    folder = write_chain(tmp_path / "battery", BATTERY)
    load_chain(store, folder)
    (folder / "provision.csv").write_text("provider_id,provided_id\n", encoding="utf-8")
    with pytest.raises(KizunaError, match="K201"):
        load_chain(store, folder)
    assert len(stored_chain(store, "battery").provisions) == 13


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "chips"
    shutil.copytree(CHIPS, folder)
    (folder / "providers.csv").unlink()
    with pytest.raises(KizunaError, match=r"K200.*providers\.csv"):
        read_chain(folder)


def test_shares_rounded_up_past_100_are_accepted() -> None:
    # The technical notes: shares under 1% were rounded up to 1%, so a total may exceed 100.
    chain = read_chain(CHIPS)
    totals: dict[str, float] = {}
    for p in chain.provisions:
        if p.share is not None and chain.provider(p.provider_id).kind == "country":
            totals[p.provided_id] = totals.get(p.provided_id, 0.0) + p.share
    assert max(totals.values()) > 100
