"""Split the hand-written screening set by entity into a held-out half (stays blind) and a
tuning half (``tests/data/screening/realistic``, open to work on).

Run once, on 2026-12-04, after the whole set's first and only score (kizuna-match/1.4 F1 0.807):
the generated evaluation (``screening_eval.py --hard``) had been tuned on and did not show the
variants the hand-written set holds (addresses and extra words attached, translations, CJK-only
names), so half of it becomes a tuning set and the other half keeps measuring. Positives that
share an expected entry (the same party listed twice, a group's short form) land in the same
half; the half of a group, and of each negative, is fixed by a hash of its keys (or of the
query), so the split is reproducible and owes nothing to how any matcher scores the rows.

    .venv/bin/python benchmarks/screening_blind_split.py      # writes both authored files
    .venv/bin/python benchmarks/screening_blind_build.py --folder blind
    .venv/bin/python benchmarks/screening_blind_build.py --folder realistic
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

SCREENING = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"
SCORED = SCREENING / "blind" / "queries.tsv"
AUTHORED = SCREENING / "blind" / "queries_authored.tsv"
TUNING = SCREENING / "realistic" / "queries_authored.tsv"


def _rows(path: Path, header: bool) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[1:] if header else rows


def groups(scored: list[list[str]]) -> dict[str, str]:
    """query -> the name of its group: positives joined when they share an expected key."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for query, expected, _kind, _note in scored:
        keys = [k for k in expected.split(";") if k] or [f"query:{query}"]
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
        parent[find(f"row:{query}")] = find(keys[0])
    members: dict[str, list[str]] = {}
    for query, *_ in scored:
        members.setdefault(find(f"row:{query}"), []).append(query)
    return {q: min(qs) for qs in members.values() for q in qs}


def is_tuning(group: str) -> bool:
    return hashlib.sha1(group.encode("utf-8")).digest()[0] % 2 == 0


def main() -> None:
    scored = _rows(SCORED, header=True)
    group = groups(scored)
    authored = _rows(AUTHORED, header=False)
    held, tuning = [], []
    for row in authored:
        (tuning if is_tuning(group[row[0]]) else held).append(row)
    TUNING.parent.mkdir(exist_ok=True)
    for path, rows in ((AUTHORED, held), (TUNING, tuning)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            for row in rows:
                fh.write("\t".join(row) + "\n")
    print(f"held out (blind): {len(held)}   tuning (realistic): {len(tuning)}")


if __name__ == "__main__":
    main()
