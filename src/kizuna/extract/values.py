"""Amounts of money and dates, as stated in text, normalised.

Money: "$2.5 billion", "US$500 million", "¥1 trillion", "500 billion yen", "\\$6 million" (as
Markdown escapes it). Yen are converted to USD at the annual average rate of the year the
collaboration is dated (Federal Reserve G.5A; ``fx.yaml``).
Dates: explicit ("May 2, 2019", "June 2021", "in 2014", "late 2022") and relative to the document
date ("last April", "last year", "this month"), each with its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from kizuna.model.dates import PartialDate

_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_SCALES = r"(thousand|million|billion|trillion|mn|bn|tn|[kmb])\b"
_MONEY = [
    (re.compile(r"(?:US\s?\\?\$|USD\s?|\\?\$)\s?" + _NUM + r"(?:\s?" + _SCALES + r")?", re.I),
     "USD"),
    (re.compile(r"(?:¥|￥|JPY\s?)\s?" + _NUM + r"(?:\s?" + _SCALES + r")?", re.I), "JPY"),
    (re.compile(_NUM + r"(?:\s?" + _SCALES + r")?\s?(?:U\.?S\.? )?dollars\b", re.I), "USD"),
    (re.compile(_NUM + r"(?:\s?" + _SCALES + r")?\s?yen\b", re.I), "JPY"),
]


@dataclass(frozen=True)
class Money:
    value: float
    currency: str
    text: str
    start: int  # character offset in the text searched

    def usd(self, year: int | None) -> float | None:
        if self.currency == "USD":
            return self.value
        rate = yen_per_dollar(year)
        return round(self.value / rate, 2) if rate else None


@cache
def _rates() -> dict[int, float]:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("fx.yaml").read_text("utf-8"))
    return {int(k): float(v) for k, v in raw["JPY"].items()}


def yen_per_dollar(year: int | None) -> float | None:
    rates = _rates()
    if year is None:
        year = max(rates)
    nearest = min(rates, key=lambda y: abs(y - year))
    return rates[nearest]


def find_money(text: str) -> list[Money]:
    found: list[Money] = []
    taken: set[int] = set()
    for pattern, currency in _MONEY:
        for match in pattern.finditer(text):
            if taken & set(range(match.start(), match.end())):
                continue
            value = float(match.group(1).replace(",", ""))
            scale = match.group(2)
            if scale:
                value *= _SCALE[scale.lower()]
            found.append(Money(value, currency, match.group(0), match.start()))
            taken.update(range(match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_FULL = re.compile(_MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})", re.I)
_DAY_FIRST = re.compile(r"(\d{1,2})\s+" + _MONTH_RE + r",?\s+(\d{4})", re.I)
_MONTH_YEAR = re.compile(_MONTH_RE + r",?\s+(?:of\s+)?(\d{4})", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(19[6-9]\d|20[0-4]\d)\b")
_RELATIVE_MONTH = re.compile(r"\b(last|this|next)\s+" + _MONTH_RE, re.I)
_FULL_MONTHS = "|".join(m.title() for m in list(_MONTHS)[:12])
#: "in June", "on 3 March", "since April": a month (capitalised, so not the verb "may") with no
#: year after it; read only against a known document date
_BARE_MONTH = re.compile(r"\b(?:[Ii]n|[Oo]n|[Ss]ince|[Ff]rom|[Bb]y|[Uu]ntil|[Tt]hrough|[Ee]arly|"
                         r"[Ll]ate|[Mm]id-?)\s+(?:the\s+)?(?:\d{1,2}\s+)?(" + _FULL_MONTHS +
                         r")\b(?!\.?,?\s+(?:of\s+)?\d{4})(?:\s+\d{1,2}\b(?!,?\s+\d{4}))?")
_RELATIVE_MONTH_WORD = re.compile(r"\b(last|this|next|earlier this|later this)\s+month\b", re.I)
#: words that put a bare month ahead of the document rather than behind it
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|is expected to|are expected to)\b",
                     re.I)
_RELATIVE_YEAR = re.compile(r"\b(last|this|next)\s+year\b|\b(earlier|later)\s+this\s+year\b",
                            re.I)


def find_date(text: str, document_date: PartialDate | None = None) -> PartialDate | None:
    """The most precise date stated in ``text`` (a sentence), resolving relative expressions
    against the document's date when it is known."""
    for pattern, order in ((_FULL, "mdy"), (_DAY_FIRST, "dmy")):
        match = pattern.search(text)
        if match:
            if order == "mdy":
                month, day, year = _MONTHS[match.group(1).lower()], match.group(2), match.group(3)
            else:
                day, month, year = match.group(1), _MONTHS[match.group(2).lower()], match.group(3)
            try:
                return PartialDate.parse(dt.date(int(year), month, int(day)))
            except ValueError:
                pass
    match = _ISO.search(text)
    if match:
        try:
            return PartialDate.parse(match.group(0))
        except ValueError:
            pass
    match = _MONTH_YEAR.search(text)
    if match and not _is_may_verb(text, match):
        return PartialDate(int(match.group(2)), _MONTHS[match.group(1).lower()])
    if document_date is not None:
        relative = _relative(text, document_date)
        if relative is not None:
            return relative
    match = _YEAR.search(text)
    if match:
        return PartialDate(int(match.group(1)))
    return None


def _is_may_verb(text: str, match: re.Match[str]) -> bool:
    return match.group(1) == "may"  # lower-case "may" is the modal verb


def _relative(text: str, anchor: PartialDate) -> PartialDate | None:
    match = _RELATIVE_MONTH.search(text)
    if match and not (match.group(2).lower() == "may" and match.group(2) == "may"):
        which, month = match.group(1).lower(), _MONTHS[match.group(2).lower()]
        year = anchor.year
        if which == "last" and (anchor.month is None or month >= anchor.month):
            year -= 1
        elif which == "next" and (anchor.month is None or month <= anchor.month):
            year += 1
        return PartialDate(year, month)
    match = _RELATIVE_MONTH_WORD.search(text)
    if match and anchor.month is not None:
        shift = {"last": -1, "next": 1}.get(match.group(1).lower(), 0)
        index = anchor.year * 12 + anchor.month - 1 + shift
        return PartialDate(index // 12, index % 12 + 1)
    match = _BARE_MONTH.search(text)
    if match:
        month = _MONTHS[match.group(1).lower()]
        year = anchor.year
        if anchor.month is not None:
            if _FUTURE.search(text):
                year += month < anchor.month  # the next such month
            else:
                year -= month > anchor.month  # the last such month
        return PartialDate(year, month)
    match = _RELATIVE_YEAR.search(text)
    if match:
        which = (match.group(1) or "this").lower()
        return PartialDate(anchor.year + {"last": -1, "this": 0, "next": 1}[which])
    return None


def dateline(text: str) -> PartialDate | None:
    """The document's own date, from a dateline among its first lines ("October 2, 2025",
    "TOKYO, 12 March 2025 -"): a short line that states a full date."""
    lines = [line for line in text.splitlines()[:10] if line.strip()][:6]
    for line in lines:
        if len(line) > 100:
            continue
        for pattern, order in ((_FULL, "mdy"), (_DAY_FIRST, "dmy")):
            match = pattern.search(line)
            if match:
                groups = match.groups()
                month, day, year = (_MONTHS[groups[0].lower()], groups[1], groups[2]) \
                    if order == "mdy" else (_MONTHS[groups[1].lower()], groups[0], groups[2])
                try:
                    return PartialDate.parse(dt.date(int(year), month, int(day)))
                except ValueError:
                    continue
        match = _ISO.search(line)
        if match:
            try:
                return PartialDate.parse(match.group(0))
            except ValueError:
                continue
    return None
