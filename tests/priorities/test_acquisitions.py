"""The Crunchbase reader (real file from ../shared, malformed copies) and the category model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.priorities.acquisitions import Acquisition, CategoryModel, read_acquisitions

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corporate_investments"


def test_reads_the_real_export() -> None:
    deals = read_acquisitions(DATA)
    # SOURCE.md: 18,968 acquisitions in the full export
    assert len(deals) == 18968
    assert all(d.year is None or 1900 <= d.year <= 2015 for d in deals)


def test_malformed_files_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "acquisitions.csv"
    bad.write_text("company_category_list,acquirer_permalink\nAI,/o/x\n", encoding="utf-8")
    with pytest.raises(KizunaError) as err:
        read_acquisitions(bad)
    assert err.value.code == "K251" and "line 1" in str(err.value)
    bad.write_text("company_category_list,acquirer_permalink,acquirer_category_list,acquired_at"
                   "\nAI,/o/x,,2014-01-01\nAI,,,2014-02-02\n", encoding="utf-8")
    with pytest.raises(KizunaError) as err:
        read_acquisitions(bad)
    assert "line 3" in str(err.value)


def test_history_outranks_popularity() -> None:
    history = [Acquisition("a", (), ("Robotics",), 2013),
               *[Acquisition(f"o{i}", (), ("Apps",), 2012) for i in range(5)]]
    model = CategoryModel(history)
    assert model.popular()[0] == "Apps"
    assert model.rank("a")[0] == "Robotics"
