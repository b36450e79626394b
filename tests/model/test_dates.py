import pytest

from kizuna.model import DatePrecision, PartialDate


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2019", DatePrecision.YEAR), ("2019-04", DatePrecision.MONTH),
     ("2019-04-10", DatePrecision.DAY)],
)
def test_partial_dates_keep_their_precision(text: str, precision: DatePrecision) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.iso() == text


@pytest.mark.parametrize("bad", ["19", "2019-13", "2023-02-30", "April 2019", "2019/04"])
def test_malformed_dates_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_partial_dates_sort_chronologically() -> None:
    dates = [PartialDate.parse(t) for t in ["2020-01", "2019", "2019-04-10", "2019-04"]]
    assert [d.iso() for d in sorted(dates, key=lambda d: (d.year, d.month or 0, d.day or 0))] == [
        "2019", "2019-04", "2019-04-10", "2020-01"]
