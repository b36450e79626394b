"""Amounts of money and dates as Japanese texts write them.

Money: 5,900億円, 3.3兆円, 8億9400万ドル, 5千万ドル, 1億5000万米ドル (digits in any width). Yen are
kept as yen and converted to USD at the annual rate of the collaboration's year (``fx.yaml``, via
:mod:`kizuna.extract.values`); dollar amounts are USD as written.
Dates: 2024年4月10日, 2024年4月, 令和6年4月 (and 平成, 昭和, 元年), 令和6年度, 昨年4月, 今年,
来年3月, 先月, 本日/同日, 4月10日 (the document's year), resolved against the document's date;
a sentence that states none has none. The document's date, when the caller does not give it,
is the date line under the title (:func:`document_date`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kizuna.extract.values import Money
from kizuna.model.dates import PartialDate

_UNITS = {"兆": 1e12, "億": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_PART = r"\d[\d,]*(?:\.\d+)?(?:兆|億|千万|百万|万|千)"
_MONEY = re.compile(r"((?:" + _PART + r")+\d*|\d[\d,]*(?:\.\d+)?)\s*(米ドル|ドル|円)")
_PIECE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(兆|億|千万|百万|万|千)?")
_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # positional kanji numerals as years write them (二〇二四年)
    return re.sub(r"[〇一二三四五六七八九]{2,}(?=年)", lambda m: m.group(0).translate(
        _KANJI_DIGITS), text)


def find_money(text: str) -> list[Money]:
    """Amounts in ``text``; ``start`` indexes the NFKC form, which keeps CJK offsets."""
    out = []
    for match in _MONEY.finditer(_normal(text)):
        value = 0.0
        for number, unit in _PIECE.findall(match.group(1)):
            value += float(number.replace(",", "")) * _UNITS.get(unit, 1.0)
        if value <= 0:
            continue
        currency = "JPY" if match.group(2) == "円" else "USD"
        out.append(Money(value, currency, match.group(0), match.start()))
    return out


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
_FULL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ERA = re.compile(r"(令和|平成|昭和|大正)(\d{1,2}|元)年(度)?(?:(\d{1,2})月)?(?:(\d{1,2})日)?")
_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
_RELATIVE = re.compile(r"(昨年|去年|前年|今年|本年|来年|翌年|一昨年)(度)?(?:(\d{1,2})月)?")
_RELATIVE_MONTH = re.compile(r"(先月|今月|来月)")
_TODAY = re.compile(r"本日|同日")
#: How many lines from the top may hold the document's own date (under the title).
HEADER_LINES = 6
_YEAR = re.compile(r"(?<!\d)((?:19[6-9]|20[0-4])\d)年")
_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_OFFSET = {"昨年": -1, "去年": -1, "前年": -1, "一昨年": -2, "今年": 0, "本年": 0, "来年": 1,
           "翌年": 1}


def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        if day is not None and month is not None:
            return PartialDate.parse(dt.date(year, month, day))
        if month is not None and not 1 <= month <= 12:
            return PartialDate(year)
        return PartialDate(year, month)
    except ValueError:
        return None


def find_date(text: str, document_date: PartialDate | None = None) -> PartialDate | None:
    """The most precise date stated in ``text`` (a sentence), relative expressions resolved
    against ``document_date`` when it is known."""
    text = _normal(text)
    match = _FULL.search(text)
    if match:
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _ERA.search(text)
    if match:
        n = 1 if match.group(2) == "元" else int(match.group(2))
        year = _ERAS[match.group(1)] + n
        month = int(match.group(4)) if match.group(4) and not match.group(3) else None
        day = int(match.group(5)) if match.group(5) and month else None
        return _date(year, month, day)
    match = _MONTH.search(text)
    if match:
        return _date(int(match.group(1)), int(match.group(2)))
    if document_date is not None:
        if _TODAY.search(text):
            return document_date
        match = _RELATIVE.search(text)
        if match:
            year = document_date.year + _OFFSET[match.group(1)]
            return _date(year, int(match.group(3)) if match.group(3) else None)
        match = _RELATIVE_MONTH.search(text)
        if match and document_date.month:
            month = document_date.month + {"先月": -1, "今月": 0, "来月": 1}[match.group(1)]
            year = document_date.year + (month - 1) // 12
            return _date(year, (month - 1) % 12 + 1)
    match = _YEAR.search(text)
    if match:
        return _date(int(match.group(1)))
    if document_date is not None:
        match = _DAY.search(text)
        if match:
            return _date(document_date.year, int(match.group(1)), int(match.group(2)))
    return None


def document_date(text: str) -> PartialDate | None:
    """The date a release or statement carries under its title: a line among the first few that
    holds a date and nothing else (2026年4月14日, 令和8年9月8日, 2026年4月14日発表)."""
    for line in text.splitlines()[:HEADER_LINES]:
        line = _normal(line).strip()
        if line and len(line) <= 20 and "。" not in line and (
                _FULL.search(line) or _ERA.search(line) or _MONTH.search(line)):
            found = find_date(line)
            if found is not None:
                return found
    return None
