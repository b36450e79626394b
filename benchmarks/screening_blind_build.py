"""Turn the hand-written blind screening queries into the scored file, and check them.

``tests/data/screening/blind/queries_authored.tsv`` is the file written by hand: query, the true
entry as a reference a person can read (``list-id=Exact primary name``, ``list-id:entity-id``,
or ``~words``: every listed entity with a name holding all these words, for a group short form
such as "Huawei"; several joined by ``;``), kind, note. An empty reference is a negative.

This script only resolves the references against the real lists in ../shared (read with
kizuna's list loaders, never with its matcher) and writes ``queries.tsv`` (query, expected
``list:entity_id`` keys joined by ``;``, kind, note). It generates no query. The expected keys of
a positive also take in every entry, on any list, that is listed under one of the true entry's
names (folded: case, punctuation, legal-form words; a one-word name only between entries of the
same country): the same party listed twice is the same answer.

For each negative it prints the listed names sharing its distinctive words (the check done by
hand before a negative was kept; ``--check``), and it writes the counts per kind into the
README between its ``counts`` markers.

    .venv/bin/python benchmarks/screening_blind_build.py [--check] [--folder blind|realistic]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths

SCREENING = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"
#: The held-out half stays blind; its tuning half (split off by entity after the set's first
#: score, ``screening_blind_split.py``) is in ``realistic/``, open to work on.
BLIND = SCREENING / "blind"
FOLDERS = {"blind": BLIND, "realistic": SCREENING / "realistic"}
AUTHORED = BLIND / "queries_authored.tsv"
POSITIVE_KINDS = ("legal_form", "acronym", "short_form", "translated", "romanisation", "typo",
                  "word_order", "extra_words", "partial", "with_address", "shipping_caps",
                  "split_fields", "cjk")
NEGATIVE_KINDS = ("unlisted", "near_miss")

def _words(text: str) -> list[str]:
    return text.split()


#: Words dropped before two listed names are compared for "the same party listed twice".
LEGAL = frozenset(_words("""co ltd limited company corp corporation inc incorporated llc jsc ojsc
pjsc ao oao ooo zao pao cjsc gmbh ag sa de cv pte pvt private plc kk the of and"""))
#: Words too common in the lists to make a negative a near miss on their own.
GENERIC = frozenset(_words("""technology technologies tech science sciences scientific group holding
holdings international industrial industry industries trading trade development engineering
electronic electronics equipment manufacturing research institute center centre company
enterprise enterprises services service systems system information communication
communications network digital new energy materials machinery investment management logistics
shipping general national state products solutions software precision advanced applied
university college school academy bank china chinese japan japanese korea russia russian iran
iranian pakistan beijing shanghai airlines airline motor motors corporation electric for a s n v
se oyj ab nv""")) | LEGAL


def tokens(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", unicodedata.normalize("NFKC", text).casefold()).split()


def core(text: str) -> str:
    return " ".join(t for t in tokens(text) if t not in LEGAL)


class Index:
    """Every listed entity's names, by primary name and by folded name."""

    def __init__(self) -> None:
        from kizuna.screening.lists import parse_files

        self.names: dict[str, list[str]] = {}
        self.countries: dict[str, set[str]] = {}
        self.by_primary: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_core: dict[str, set[str]] = defaultdict(set)
        self.by_token: dict[str, set[str]] = defaultdict(set)
        for lst in parse_files(list_paths()):
            for e in lst.entities:
                key = f"{lst.list_id}:{e.entity_id}"
                names = [n for n, _main, _weak in e.names()]
                self.names[key] = names
                self.countries[key] = set(e.countries)
                self.by_primary[(lst.list_id, e.name)].add(key)
                for n in names:
                    c = core(n)
                    if len(c.replace(" ", "")) >= 5:
                        self.by_core[c].add(key)
                    for t in set(tokens(n)):
                        self.by_token[t].add(key)

    def resolve(self, ref: str) -> set[str]:
        out: set[str] = set()
        for part in (p.strip() for p in ref.split(";")):
            if part.startswith("~"):
                want = set(tokens(part[1:]))
                cand = set.intersection(*(self.by_token.get(t, set()) for t in want))
                hit = {k for k in cand if any(want <= set(tokens(n)) for n in self.names[k])}
            elif "=" in part:
                list_id, name = part.split("=", 1)
                hit = self.by_primary.get((list_id, name), set())
            else:
                hit = {part} if part in self.names else set()
            if not hit:
                raise KeyError(f"reference {part!r} matches no listed entity")
            out |= hit
        for key in list(out):  # the same party listed elsewhere under one of its names
            for n in self.names[key]:
                c = core(n)
                if len(c.replace(" ", "")) < 5:
                    continue
                if " " in c:
                    out |= self.by_core[c]
                else:  # one word (an acronym, a brand) makes one party only within a country
                    # (Kingsemi Japan K.K. and its Chinese parent both have the alias Kingsemi)
                    mine = self.countries[key]
                    out |= {k for k in self.by_core[c]
                            if mine & self.countries[k] or not (mine or self.countries[k])}
        return out

    def sharing(self, query: str) -> list[tuple[str, str]]:
        """Listed names holding every distinctive word of ``query``, or whose distinctive words
        are all in it (CJK: a listed name inside the query or the query inside it)."""
        hits: list[tuple[str, str]] = []
        if any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in query):
            legal = re.compile("株式会社|股份有限公司|有限公司|集团|集団|会社|公司")
            q = legal.sub("", query).replace(" ", "")
            for key, names in self.names.items():
                for n in names:
                    c = legal.sub("", n).replace(" ", "")
                    if len(c) >= 3 and (q in c or c in q):
                        hits.append((key, n))
            return hits
        qt = tokens(query)
        dist = {t for t in qt if t not in GENERIC}
        for key, names in self.names.items():
            for n in names:
                nt = set(tokens(n))
                nd = nt - GENERIC
                if (dist and dist <= nt) or (nd and nd <= set(qt)) or core(n) == core(query):
                    hits.append((key, n))
        return hits


def read_authored(path: Path = AUTHORED) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) != 4:
                raise SystemExit(f"{path}:{n}: expected 4 tab-separated fields, got {len(row)}")
            rows.append(row)
    return rows


def counts_table(rows: list[list[str]]) -> str:
    kinds = Counter(r[2] for r in rows)
    pos = sum(kinds[k] for k in POSITIVE_KINDS)
    neg = sum(kinds[k] for k in NEGATIVE_KINDS)
    lines = ["| kind | queries |", "|---|---|"]
    lines += [f"| {k} | {kinds[k]} |" for k in (*POSITIVE_KINDS, *NEGATIVE_KINDS)]
    lines.append(f"| **positives / negatives / all** | {pos} / {neg} / {pos + neg} "
                 f"({pos / (pos + neg):.0%} positives) |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true",
                    help="print, for each negative, the listed names sharing its words")
    ap.add_argument("--folder", choices=sorted(FOLDERS), default="blind",
                    help="which half: blind (held out) or realistic (the tuning half)")
    args = ap.parse_args()
    folder = FOLDERS[args.folder]
    out_path, readme = folder / "queries.tsv", folder / "README.md"
    rows = read_authored(folder / "queries_authored.tsv")
    unknown = {r[2] for r in rows} - set(POSITIVE_KINDS) - set(NEGATIVE_KINDS)
    if unknown:
        raise SystemExit(f"unknown kinds: {sorted(unknown)}")
    seen = Counter(r[0] for r in rows)
    if dups := [q for q, c in seen.items() if c > 1]:
        raise SystemExit(f"queries written twice: {dups}")
    index = Index()
    out = []
    for query, ref, kind, note in rows:
        if (kind in NEGATIVE_KINDS) != (not ref):
            raise SystemExit(f"{query!r}: a {kind} query must {'not ' * bool(ref)}have a reference")
        keys = sorted(index.resolve(ref)) if ref else []
        if not ref and args.check:
            shared = index.sharing(query)
            if shared:
                print(f"{kind:9} {query}")
                for key, name in shared[:4]:
                    print(f"            {key}  {name[:90]}")
        out.append([query, ";".join(keys), kind, note])
    with out_path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("query\texpected\tkind\tnote\n")
        for row in out:
            fh.write("\t".join(row) + "\n")
    table = counts_table(rows)
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- counts -->", "<!-- /counts -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        readme.write_text(f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}",
                          encoding="utf-8")
    print(f"wrote {out_path.relative_to(SCREENING.parents[2])}: {len(out)} queries")
    print(table)


if __name__ == "__main__":
    main()
