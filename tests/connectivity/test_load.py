"""Loading the cable map data: CSVs and api_v2 JSON agree, territories split, owners split,
an unchanged reload is a no-op, bad files are coded errors and leave the store as it was."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from kizuna.connectivity.load import load_cables, stored_cable_data
from kizuna.connectivity.model import CableData
from kizuna.connectivity.owners import canonical, split_owners
from kizuna.connectivity.read import read_cable_data
from kizuna.errors import KizunaError
from kizuna.store import Store


def test_csv_and_api_json_give_the_same_data(cable_data: CableData, cables_dir: Path) -> None:
    api = read_cable_data(cables_dir / "api_v2")
    assert api.format == "api_v2" and cable_data.format == "csv"
    assert set(api.cables) == set(cable_data.cables)
    for slug, cable in cable_data.cables.items():
        other = api.cables[slug]
        assert (other.landing_points, other.owners, other.rfs_year, other.length_km) == (
            cable.landing_points, cable.owners, cable.rfs_year, cable.length_km)
    assert {s: p.country for s, p in api.landing_points.items()} == {
        s: p.country for s, p in cable_data.landing_points.items()}
    assert api.snapshot and api.snapshot.startswith("2021-06-28")
    assert cable_data.snapshot == api.snapshot  # config.json beside the CSVs


def test_counts_match_the_source_description(cable_data: CableData) -> None:
    # SOURCE.md: 484 cables, 2,144 landing rows; the issue: 446 in service and 35 planned in
    # June 2021 (three cables have RFS "n.a." and are in neither).
    assert len(cable_data.cables) == 484
    assert sum(len(c.landing_points) for c in cable_data.cables.values()) == 2144
    assert len(cable_data.in_service(2021).cables) == 446
    planned = [c for c in cable_data.cables.values() if c.rfs_year and c.rfs_year > 2021]
    assert len(planned) == 35
    assert all(c.route for c in cable_data.cables.values())  # routes from cable-geo.json


def test_territories_are_split_out(cable_data: CableData) -> None:
    guam = [p for p in cable_data.landing_points.values() if ", GU, United States" in p.name]
    assert guam and {p.country for p in guam} == {"Guam"}
    assert {p.coded_country for p in guam} == {"United States"}
    # Hong Kong is written "..., China": the split goes by coordinates (Hong Kong Island is
    # near 22.25N 114.17E; Shanghai, 31N, stays in China).
    hk = [p for p in cable_data.landing_points.values() if p.country == "Hong Kong"]
    assert hk and all(22.1 < p.latitude < 22.6 and p.coded_country == "China" for p in hk)
    shanghai = [p for p in cable_data.landing_points.values() if p.name.startswith("Shanghai")]
    assert shanghai and {p.country for p in shanghai} == {"China"}
    assert set(cable_data.territories) >= {"Guam", "Hong Kong", "Macau"}


def test_owners_are_split_and_normalised() -> None:
    raw = "Blackburn Technologies,  LLC.,  Kakike,  Lda.,  Ocean Specialists,  Inc (OSI),  NTT"
    assert split_owners(raw) == ["Blackburn Technologies, LLC.", "Kakike, Lda.",
                                 "Ocean Specialists, Inc (OSI)", "NTT"]
    assert canonical("Softbank  Corp") == canonical("Softbank Corporation") == "Softbank"
    assert canonical("Blackburn Technologies, LLC.") == "Blackburn Technologies"


def test_load_resolves_owners_and_reload_is_a_no_op(loaded_store: Store,
                                                    cables_dir: Path) -> None:
    first = load_cables(loaded_store, cables_dir)
    again = load_cables(loaded_store, cables_dir)
    assert again.status == "unchanged" and again.cables == first.cables == 484
    data = stored_cable_data(loaded_store)
    owners = {o.canonical: o.org_id for c in data.cables.values() for o in c.owners}
    assert owners["NTT"] == "ntt" and owners["KDDI"] == "kddi"  # starter knowledge base
    assert len(data.cables) == 484 and data.territories == first.territories
    assert data.cables["jupiter"].route


def _copy(cables_dir: Path, tmp_path: Path) -> Path:
    for name in ("cables.csv", "cable_landing_points.csv"):
        shutil.copy(cables_dir / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, line: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.mark.parametrize(("name", "column", "value", "code"), [
    ("cable_landing_points.csv", "latitude", "north", "K221"),
    ("cable_landing_points.csv", "cable_slug", "no-such-cable", "K222"),
    ("cables.csv", "cable_id", "x1", "K221"),
])
def test_a_bad_file_names_file_and_line_and_loads_nothing(
        store: Store, cables_dir: Path, tmp_path: Path, name: str, column: str, value: str,
        code: str) -> None:
    load_cables(store, cables_dir)
    before = stored_cable_data(store)
    folder = _copy(cables_dir, tmp_path)
    _edit(folder / name, 7, column, value)
    with pytest.raises(KizunaError) as err:
        load_cables(store, folder)
    assert err.value.code == code
    assert name in str(err.value) and "line 7" in str(err.value)
    after = stored_cable_data(store)
    assert after.sha256 == before.sha256 and len(after.cables) == 484


def test_broken_json_names_the_line(tmp_path: Path, cables_dir: Path) -> None:
    api = tmp_path / "api_v2"
    shutil.copytree(cables_dir / "api_v2", api)
    (api / "cable" / "jupiter.json").write_text('{"id": "jupiter",\n "name": }', "utf-8")
    with pytest.raises(KizunaError) as err:
        read_cable_data(api)
    assert err.value.code == "K221" and "jupiter.json, line 2" in str(err.value)


def test_a_folder_without_cable_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KizunaError) as err:
        read_cable_data(tmp_path)
    assert err.value.code == "K220"


def test_a_landing_point_in_no_known_country_is_refused(tmp_path: Path,
                                                        cables_dir: Path) -> None:
    api = tmp_path / "api_v2"
    shutil.copytree(cables_dir / "api_v2", api)
    cable = api / "cable" / "jupiter.json"
    cable.write_text(cable.read_text("utf-8").replace("Daet, Philippines", "Daet, Atlantis"),
                     "utf-8")
    with pytest.raises(KizunaError) as err:
        read_cable_data(api)
    assert err.value.code == "K222" and "jupiter.json" in str(err.value)
    assert "Atlantis" in str(err.value)
