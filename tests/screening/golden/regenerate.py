"""Write the golden outputs of each frozen matcher version (run once per frozen version, from the
repository root: ``python -m tests.screening.golden.regenerate kizuna-match/1.0``).

The queries are derived from the real lists of tests/screening/conftest.py: every 37th listed
name as listed, with one letter dropped, lower-cased with its words reversed, and a few unlisted
names. They are stored with the outputs, so the test replays exactly these queries."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.screening.conftest import LISTS

from kizuna.screening.lists import parse_files
from kizuna.screening.matching import build_matcher

FILES = ["us_restricted_lists_nsfreg_2026/bis_entity_list.json",
         "jp_cn_export_control_lists_2026/jp_meti_end_user_list.json",
         "jp_cn_export_control_lists_2026/cn_mofcom_entity_lists.json",
         "opensanctions_ftm_and_curated/yente_fixture_entities.ftm.json"]
UNLISTED = ["Toyota Motor Corporation", "Massachusetts Institute of Technology",
            "Government of Japan", "Sharp Corporation", "Amazon Web Services"]
HERE = Path(__file__).resolve().parent


def queries() -> list[dict[str, str | None]]:
    lists = parse_files([LISTS / f for f in FILES])
    names = [(n, e.countries[0] if e.countries else None)
             for lst in lists for e in lst.entities for n, _m, _w in e.names()]
    out: list[dict[str, str | None]] = []
    for name, country in names[::37]:
        out.append({"query": name, "country": country})
        if len(name) > 6:
            out.append({"query": name[:3] + name[4:], "country": None})
        out.append({"query": " ".join(reversed(name.lower().split())), "country": None})
    out += [{"query": n, "country": None} for n in UNLISTED]
    return out


def main(algorithm: str) -> None:
    lists = parse_files([LISTS / f for f in FILES])
    matcher = build_matcher(lists, algorithm)
    rows = []
    for q in queries():
        ms = matcher.match(str(q["query"]), country=q["country"], threshold=0.6, limit=3)
        rows.append({**q, "matches": [[m.list, m.entity_id, m.score, m.features] for m in ms]})
    path = HERE / (algorithm.replace("/", "_") + ".json")
    path.write_text(json.dumps({"algorithm": algorithm, "files": FILES, "results": rows},
                               ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {path} ({len(rows)} queries)")


if __name__ == "__main__":
    main(sys.argv[1])
