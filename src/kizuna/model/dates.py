"""Partial dates: a year, a year and month, or a full day, kept with their precision.

Sources rarely give a full date ("in 2019", "last April"), and pretending otherwise would invent
precision. A partial date is stored as the ISO prefix it knows (``2019``, ``2019-04``,
``2019-04-10``), which also sorts correctly as text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kizuna.model.vocab import DatePrecision

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | int | dt.date) -> PartialDate:
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip()
        match = _PARTIAL.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has month {month}")
        if month is not None and day is not None:
            dt.date(year, month, day)  # raises ValueError on 2023-02-30
        return cls(year, month, day)

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()
