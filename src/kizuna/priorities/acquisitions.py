"""Crunchbase acquisitions (2015 export, CC BY-NC 4.0: loaded from a path the user gives, never
shipped) and a target-category predictor built like the partner ranking: what the acquirer did
before (its own proximity), what acquirers with a similar history went on to buy
(complementarity), and how popular a category is (activity)."""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kizuna.errors import E, KizunaError

__all__ = ["Acquisition", "CategoryModel", "read_acquisitions"]

_NEEDED = ("company_category_list", "acquirer_permalink", "acquirer_category_list",
           "acquired_at")


@dataclass(frozen=True)
class Acquisition:
    acquirer: str
    acquirer_categories: tuple[str, ...]
    target_categories: tuple[str, ...]
    year: int | None


def _categories(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split("|") if c.strip())


def read_acquisitions(path: Path) -> list[Acquisition]:
    file = path
    if path.is_dir():
        found = sorted(p for p in path.glob("*acquisitions*.csv") if "us_japan" not in p.name)
        if not found:
            raise KizunaError(E.INVESTMENTS_UNREADABLE, path=path, reason="no acquisitions CSV")
        file = found[0]
    out = []
    try:
        with file.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _NEEDED if c not in (reader.fieldnames or [])]
            if missing:
                raise KizunaError(E.INVESTMENTS_MALFORMED, path=file, line=1,
                                  problem=f"missing columns {', '.join(missing)}")
            for row in reader:
                date = (row["acquired_at"] or "").strip()
                year = int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None
                if year is not None and not 1900 <= year <= 2015:
                    year = None  # the export has a few corrupt years (1201, 3201)
                if not row["acquirer_permalink"]:
                    raise KizunaError(E.INVESTMENTS_MALFORMED, path=file, line=reader.line_num,
                                      problem="the acquirer has no permalink")
                out.append(Acquisition(row["acquirer_permalink"],
                                       _categories(row["acquirer_category_list"]),
                                       _categories(row["company_category_list"]), year))
    except (OSError, UnicodeDecodeError) as exc:
        raise KizunaError(E.INVESTMENTS_UNREADABLE, path=file, reason=str(exc)) from None
    return out


class CategoryModel:
    """Category scores for one acquirer from the acquisitions before a year."""

    WEIGHTS: Mapping[str, float] = {"history": 1.0, "similar_acquirers": 0.5, "activity": 0.25}

    def __init__(self, history: list[Acquisition]) -> None:
        self.popularity: Counter[str] = Counter(c for a in history for c in a.target_categories)
        self.by_acquirer: dict[str, Counter[str]] = defaultdict(Counter)
        for a in history:
            self.by_acquirer[a.acquirer].update(a.target_categories)
        # category → category co-occurrence across acquirers' histories (item-to-item)
        self.co: dict[str, Counter[str]] = defaultdict(Counter)
        for cats in self.by_acquirer.values():
            keys = list(cats)
            for first in keys:
                for second in keys:
                    if first != second:
                        self.co[first][second] += 1
        self._log_top = math.log1p(max(self.popularity.values(), default=1))

    def rank(self, acquirer: str, own: tuple[str, ...] = ()) -> list[str]:
        past = self.by_acquirer.get(acquirer, Counter())
        seen = past + Counter(own)
        peak = max(seen.values(), default=1)
        similar: dict[str, float] = defaultdict(float)
        for cat, n in seen.items():
            size = sum(self.co[cat].values()) or 1
            for other, m in self.co[cat].items():
                similar[other] += n * m / size
        sim_peak = max(similar.values(), default=1.0) or 1.0
        w = self.WEIGHTS
        scores = {c: w["history"] * seen.get(c, 0) / peak
                  + w["similar_acquirers"] * similar.get(c, 0.0) / sim_peak
                  + w["activity"] * math.log1p(n) / self._log_top
                  for c, n in self.popularity.items()}
        return sorted(scores, key=lambda c: (-scores[c], c))

    def popular(self) -> list[str]:
        return sorted(self.popularity, key=lambda c: (-self.popularity[c], c))
