"""Country research intensity from Our World in Data's patent and publication rates (CC BY 4.0),
read from a path the user gives: each country's latest S&T journal articles per million people."""

from __future__ import annotations

import csv
from pathlib import Path

from kizuna.errors import E, KizunaError

__all__ = ["COUNTRY_ENTITIES", "read_research_indicators"]

#: OWID names its entities in English; kizuna keys countries by ISO code. Only the countries whose
#: organizations appear in the graph matter, so the table is short and lives here as data.
COUNTRY_ENTITIES = {"United States": "US", "Japan": "JP", "United Kingdom": "GB",
                    "Germany": "DE", "France": "FR", "South Korea": "KR", "Australia": "AU",
                    "India": "IN", "Canada": "CA", "China": "CN", "Taiwan": "TW",
                    "Israel": "IL", "Singapore": "SG", "Netherlands": "NL", "Italy": "IT",
                    "Switzerland": "CH", "Sweden": "SE", "Finland": "FI", "Philippines": "PH",
                    "Vietnam": "VN", "Indonesia": "ID", "Thailand": "TH", "Malaysia": "MY"}

_RATE = "Scientific and technical journal publication rates (OWID based on World Bank & UN)"


def _csv_path(path: Path) -> Path:
    if path.is_dir():
        found = (sorted(path.glob("*patent_and_publication_rates*.csv"))
                 or sorted(path.glob("*.csv")))
        if not found:
            raise KizunaError(E.INDICATORS_UNREADABLE, path=path, reason="no CSV file in folder")
        return found[0]
    return path


def read_research_indicators(path: Path) -> dict[str, float]:
    """ISO country code → publications per million people in the latest year reported."""
    file = _csv_path(path)
    latest: dict[str, tuple[int, float]] = {}
    try:
        with file.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "Entity" not in reader.fieldnames \
                    or "Year" not in reader.fieldnames or _RATE not in reader.fieldnames:
                raise KizunaError(E.INDICATORS_MALFORMED, path=file, line=1,
                                  problem=f"the header needs Entity, Year and {_RATE!r}")
            for row in reader:
                code = COUNTRY_ENTITIES.get(row["Entity"] or "")
                value = (row.get(_RATE) or "").strip()
                if code is None or not value:
                    continue
                try:
                    year, rate = int(row["Year"]), float(value)
                except ValueError:
                    raise KizunaError(E.INDICATORS_MALFORMED, path=file, line=reader.line_num,
                                      problem=f"year {row['Year']!r} or rate {value!r} is not "
                                              "a number") from None
                if code not in latest or year > latest[code][0]:
                    latest[code] = (year, rate)
    except (OSError, UnicodeDecodeError) as exc:
        raise KizunaError(E.INDICATORS_UNREADABLE, path=file, reason=str(exc)) from None
    if not latest:
        raise KizunaError(E.INDICATORS_MALFORMED, path=file, line=1,
                          problem="no row for any known country")
    return {code: rate for code, (_year, rate) in latest.items()}
