import pytest

from kizuna.errors import KizunaError
from kizuna.filters import make_filters, parse_years


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2019", (2019, 2019)), ("2015-2020", (2015, 2020)), ("2015-", (2015, None)),
     ("-2020", (None, 2020)), ("2015..2020", (2015, 2020)), (None, (None, None))],
)
def test_year_ranges(text: str | None, expected: tuple[int | None, int | None]) -> None:
    assert parse_years(text) == expected


@pytest.mark.parametrize(
    "kwargs",
    [{"years": "2020-2015"}, {"years": "twenty"}, {"mechanism": "handshake"},
     {"kind": "spaceship"}, {"technology": "telepathy"}, {"country": "Japan"}, {"limit": -1}],
)
def test_malformed_filters_name_the_filter(kwargs: dict[str, object]) -> None:
    with pytest.raises(KizunaError) as info:
        make_filters(**kwargs)  # type: ignore[arg-type]
    assert info.value.code == "K020"
    assert next(iter(kwargs)) in str(info.value)


def test_a_cet_area_expands_to_its_technologies() -> None:
    f = make_filters(technology="clean_energy")
    assert f.technology_ids is not None and {"hydrogen", "batteries"} <= f.technology_ids
    assert make_filters(technology="quantum").technology_ids == {"quantum"}
