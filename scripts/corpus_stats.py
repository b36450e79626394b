"""Counts for the corpus READMEs (tests/data/corpus/{en,ja}), recomputed from the files.

Reads only the train and dev splits (the blind parts are not opened). For each language it prints
documents, collaborations and size (English words = whitespace tokens; Japanese characters of the
stripped text) by split and genre, the mechanism counts, records with three or more parties, and
how many organization entries match no name or alias of the starter knowledge base
(src/kizuna/starter/data/organizations; names compared after NFKC, casefolding, punctuation removal
and dropping legal suffixes, as the scorer does).

    python3 scripts/corpus_stats.py            # print the figures
    python3 scripts/corpus_stats.py --write    # also rewrite the train/dev rows of the manifests
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
KB = REPO / "src" / "kizuna" / "starter" / "data" / "organizations"
SPLITS = ("train", "dev")
MANIFEST = {"en": "manifest_train_dev.tsv", "ja": "manifest.tsv"}
SIZE_COLUMN = {"en": "words", "ja": "chars"}
LEGAL = {"inc", "corp", "corporation", "co", "ltd", "llc", "holdings", "group", "the"}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(w for w in text.split() if w not in LEGAL)


def kb_names() -> set[str]:
    names: set[str] = set()
    for path in sorted(KB.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for name in [entry.get("name", ""), *entry.get("aliases", []), *entry.get("ja", [])]:
                if name:
                    names.add(normalise(str(name)))
    return names


def size(lang: str, text: str) -> int:
    return len(text.split()) if lang == "en" else len(text.strip())


def documents(lang: str) -> list[tuple[str, Path, dict]]:
    found = []
    for split in SPLITS:
        for doc in sorted((CORPUS / lang / split / "docs").glob("*.txt")):
            gold = json.loads(
                (doc.parent.parent / "gold" / (doc.stem + ".json")).read_text("utf-8")
            )
            found.append((split, doc, gold))
    return found


def report(lang: str, known: set[str]) -> list[dict[str, str]]:
    rows = []
    cells: Counter[tuple[str, str, str]] = Counter()
    mechanisms: Counter[str] = Counter()
    entries = unknown = multi = 0
    for split, doc, gold in documents(lang):
        genre = doc.stem.split("_")[2]
        text = doc.read_text(encoding="utf-8")
        n_size, n_coll = size(lang, text), len(gold["collaborations"])
        rows.append(
            {
                "file": f"{split}/docs/{doc.name}",
                "split": split,
                "genre": genre,
                SIZE_COLUMN[lang]: str(n_size),
                "collaborations": str(n_coll),
            }
        )
        for key, value in (("docs", 1), ("collabs", n_coll), ("size", n_size)):
            cells[(split, genre, key)] += value
        for record in gold["collaborations"]:
            mechanisms[record["mechanism"]] += 1
            multi += len(record["parties"]) >= 3
        for org in gold["organizations"]:
            entries += 1
            unknown += not any(normalise(n) in known for n in [org["name"], *org["aliases"]])
    print(f"== {lang}")
    for split in SPLITS:
        genres = sorted({g for s, g, _ in cells if s == split})
        for genre in genres:
            print(
                f"{split:5} {genre:5} docs {cells[(split, genre, 'docs')]:3} "
                f"collabs {cells[(split, genre, 'collabs')]:4} "
                f"size {cells[(split, genre, 'size')]:6}"
            )
        total = {
            k: sum(v for (s, _, kk), v in cells.items() if s == split and kk == k)
            for k in ("docs", "collabs", "size")
        }
        print(
            f"{split:5} total docs {total['docs']:3} "
            f"collabs {total['collabs']:4} size {total['size']:6}"
        )
    print("mechanisms:", ", ".join(f"{m} {n}" for m, n in mechanisms.most_common()))
    print(f"records with 3+ parties: {multi}")
    print(
        f"organization entries: {entries}; not in starter KB: {unknown} ({unknown / entries:.0%})"
    )
    return rows


def write_manifest(lang: str, rows: list[dict[str, str]]) -> None:
    # Rows of other splits (blind) are kept as they are, without opening their files.
    path = CORPUS / lang / MANIFEST[lang]
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        fields = list(reader.fieldnames or [])
        kept = [row for row in reader if row["split"] not in SPLITS]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write", action="store_true", help="rewrite the manifests' train/dev rows"
    )
    args = parser.parse_args()
    known = kb_names()
    for lang in ("en", "ja"):
        rows = report(lang, known)
        if args.write:
            write_manifest(lang, rows)


if __name__ == "__main__":
    main()
