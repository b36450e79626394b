"""Extraction accuracy on the project's corpus: per split, per genre, per mechanism, with the
confusion of mechanism groups and the misses.

    .venv/bin/python benchmarks/extract_eval.py [--lang en|ja] [--corpus tests/data/corpus/en]
        [--split dev] [--cv 5] [--misses] [--json benchmarks/extract_figures.json]

With no --split (English): train (cross-validated) and dev, then the shared seeds and
tests/data/en_heldout scored with the shipped model.

Splits are the corpus's folders (``train``, ``dev``); ``train`` is cross-validated by document
(``--cv K``: the relation model is retrained on the other folds, with the training script's seed,
so no document is scored by a model that learned from it). Genres come from the corpus manifest
(``manifest_*.tsv``: file, split, genre). A path containing "blind" is refused unless
``--blind-once`` is given: the blind part is scored once, by the lead, before any fix.
``--lang ja`` scores the Japanese corpus (tests/data/corpus/ja) with the Japanese relation model
and says where each missed pair was lost (extract_eval_ja.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from org_errors import OrgErrors, tally

from kizuna.evaluation import MECHANISM_GROUP, Report, normalise, score_document
from kizuna.extract.corpus import Document, is_blind, load_folder, load_split

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "tests" / "data" / "corpus" / "en"
HELDOUT = REPO / "tests" / "data" / "en_heldout"
#: The figures as last measured (``--json FIGURES``): the accuracy floors of the tests read them.
FIGURES = REPO / "benchmarks" / "extract_figures.json"


@dataclass
class Breakdown:
    """Relaxed pair counts by gold mechanism (recall) and predicted mechanism (precision), and
    the mechanism groups of pairs both sides found."""
    by_gold: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_pred: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    orgs: OrgErrors = field(default_factory=OrgErrors)


def refuse_blind(path: Path, allowed: bool) -> None:
    if is_blind(path) and not allowed:
        sys.exit(f"{path}: a blind part is scored once, by the lead; pass --blind-once to do it")


def _canon(gold: dict[str, Any]) -> Callable[[str], str]:
    alias: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            alias.setdefault(normalise(name), org["name"])
    return lambda n: alias.get(normalise(n)) or f"?{normalise(n)}"


def _mech_pairs(collabs: list[dict[str, Any]], canon: Callable[[str], str]
                ) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in collabs:
        parties = sorted({canon(p) for p in c.get("parties", [])})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                out[(a, b)].add(c.get("mechanism", "?"))
    return out


def breakdown(doc: Document, pred: dict[str, Any], into: Breakdown) -> None:
    canon = _canon(doc.gold)
    gold = _mech_pairs(doc.gold["collaborations"], lambda p: p)
    found = _mech_pairs(pred.get("collaborations", []), canon)
    for pair, mechs in gold.items():
        for m in mechs:
            into.by_gold[m][1] += 1
            into.by_gold[m][0] += pair in found
        if pair not in found:
            into.misses.append(f"{doc.stem}: {pair[0]} + {pair[1]} ({'/'.join(sorted(mechs))})")
    for pair, mechs in found.items():
        for m in mechs:
            into.by_pred[m][1] += 1
            into.by_pred[m][0] += pair in gold
        if pair in gold:
            g = {MECHANISM_GROUP.get(m, "?") for m in gold[pair]}
            p = {MECHANISM_GROUP.get(m, "?") for m in mechs}
            into.confusion[(min(g), min(p) if not g & p else min(g & p))] += 1


def run(docs: list[Document], predict: Callable[[Document], dict[str, Any]]
        ) -> tuple[Report, dict[str, Report], Breakdown]:
    total, by_genre, parts = Report(), defaultdict(Report), Breakdown()
    for doc in docs:
        pred = predict(doc)
        score_document(doc.stem, doc.gold, doc.text, pred, total)
        scored = total.documents[-1]
        tally(doc.stem, doc.gold, doc.text, pred, scored.false_orgs, scored.missed_orgs,
              parts.orgs)
        score_document(doc.stem, doc.gold, doc.text, pred, by_genre[doc.genre])
        breakdown(doc, pred, parts)
    return total, dict(by_genre), parts


def predictor(model: Any = None, mode: str = "union", mentions: Any = None
              ) -> Callable[[Document], dict[str, Any]]:
    """Predictions with the relation ``model`` and the mention filter ``mentions`` (None: the
    shipped weights)."""
    from kizuna.ingest.knowledge import extractor_for_store
    from kizuna.ingest.preview import published_date
    from kizuna.readers import read_path

    extractor = extractor_for_store(None)
    extractor.pipeline("en").use_relation_model(model, mode)
    extractor.pipeline("en").use_mention_model(mentions)

    def predict(doc: Document) -> dict[str, Any]:
        read = read_path(doc.path, max_bytes=10_000_000)
        return extractor.extract(read.text, published_date(read.published),
                                 language=read.language).to_json()
    return predict


def cross_validated(docs: list[Document], folds: int, extra: list[Document], mode: str
                    ) -> dict[str, Any]:
    """Predictions for every document from models trained on the other folds (plus ``extra``,
    the shared seeds, as the shipped ones are): the mention filter, then the relation model on
    the names that filter keeps."""
    from kizuna.extract.train import fold_models
    from kizuna.ingest.knowledge import starter_knowledge

    preds: dict[str, Any] = {}
    for k, held, mentions, model in fold_models(docs, extra, starter_knowledge(), folds):
        predict = predictor(model, mode, mentions)
        for doc in held:
            preds[doc.stem] = predict(doc)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    return preds


def _line(name: str, r: Report) -> str:
    return (f"{name:14s} orgs {r.orgs.f1:.3f} (P {r.orgs.precision:.3f} R {r.orgs.recall:.3f})"
            f"  pairs {r.pairs.f1:.3f} (P {r.pairs.precision:.3f} R {r.pairs.recall:.3f})"
            f"  strict {r.strict.f1:.3f}  quotes {r.quotes_ok}/{r.quotes_all}")


def report(split: str, total: Report, by_genre: dict[str, Report], parts: Breakdown,
           misses: bool) -> dict[str, Any]:
    print(f"== {split} ({len(total.documents)} documents)")
    print(_line("all", total))
    for genre in sorted(by_genre):
        print(_line(f"  {genre}", by_genre[genre]))
    print("  mechanism          recall (gold)   precision (predicted)")
    for m in sorted(set(parts.by_gold) | set(parts.by_pred)):
        g, p = parts.by_gold.get(m, [0, 0]), parts.by_pred.get(m, [0, 0])
        print(f"  {m:20s} {g[0]:3d}/{g[1]:<3d}        {p[0]:3d}/{p[1]:<3d}")
    print("  confusion of mechanism groups on found pairs (gold -> predicted):")
    for (g, p), n in sorted(parts.confusion.items()):
        if g != p:
            print(f"    {g:16s} -> {p:16s} {n}")
    agree = sum(n for (g, p), n in parts.confusion.items() if g == p)
    print(f"    same group: {agree} of {sum(parts.confusion.values())}")
    errors = parts.orgs.as_json()
    for side, kinds in errors.items():
        print(f"  organization {side.replace('_', ' ')} by kind: "
              + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    if misses:
        print("  missed pairs:")
        for line in parts.misses:
            print(f"    {line}")
        print("  organization errors:")
        for line in parts.orgs.examples:
            print(f"    {line}")
    figures = {k: v for k, v in total.as_json().items() if k != "documents"}
    return {"split": split, **figures, "org_errors": errors, "genres": {
        g: {k: v for k, v in r.as_json().items() if k != "documents"}
        for g, r in by_genre.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=("en", "ja"), default="en",
                    help="ja: the Japanese corpus and relation model (extract_eval_ja.py)")
    ap.add_argument("--corpus", type=Path, help="default tests/data/corpus/LANG")
    ap.add_argument("--split", action="append", help="train, dev (default both)")
    ap.add_argument("--cv", type=int, default=5, help="folds for train (0: score as shipped)")
    ap.add_argument("--misses", action="store_true", help="list every missed pair")
    ap.add_argument("--json", type=Path,
                    help=f"also write the figures here (the tests' floors read {FIGURES.name}; "
                    "tables of other splits are kept, Japanese ones are ja_SPLIT)")
    ap.add_argument("--blind-once", action="store_true")
    ap.add_argument("--relations", help="en: union (shipped), model, model-only, rules "
                    "(components.RELATION_MODES); ja: model (shipped), model-only, rules")
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared",
                    help="folder with seeds/ and gold/, added to each training fold ('none')")
    args = ap.parse_args()
    corpus = args.corpus or DEFAULT_CORPUS.with_name(args.lang)
    mode = args.relations or ("model" if args.lang == "ja" else "union")
    refuse_blind(corpus, args.blind_once)
    results = []
    print(f"relations: {mode}")
    for split in args.split or ["train", "dev"]:
        refuse_blind(corpus / split, args.blind_once)
        docs = load_split(corpus, split, blind_once=args.blind_once)
        if args.lang == "ja":
            results.append(_japanese(split, docs, args.cv, mode, args.misses)
                           | {"split": f"ja_{split}"})
            continue
        if split == "train" and args.cv > 1:
            extra = [] if str(args.seeds) == "none" or not (args.seeds / "gold").is_dir() \
                else load_folder(args.seeds / "gold", args.seeds / "seeds", "seeds")
            preds = cross_validated(docs, args.cv, extra, mode)
            total, genres, parts = run(docs, lambda d: preds[d.stem])  # noqa: B023
        else:
            total, genres, parts = run(docs, predictor(None, mode))
        results.append(report(split, total, genres, parts, args.misses))
    # the sets the shipped model also answers for: the shared seeds (it learned from them) and
    # the project's first written English set
    others = {"en_heldout": (HELDOUT / "gold", HELDOUT / "docs")}
    if str(args.seeds) != "none" and (args.seeds / "gold").is_dir():
        others["seeds"] = (args.seeds / "gold", args.seeds / "seeds")
    for name, (gold_dir, docs_dir) in ([] if args.split or args.lang == "ja"
                                       else sorted(others.items())):
        total, genres, parts = run(load_folder(gold_dir, docs_dir, name),
                                   predictor(None, mode))
        results.append(report(name, total, {}, parts, False))
    if args.json:
        write_figures(args.json, results)


def write_figures(path: Path, results: list[dict[str, Any]]) -> None:
    """Replace the tables of the splits just measured, keep the others (the Japanese tables,
    ``ja_train``/``ja_dev``, and the English ones live in one file)."""
    done = {r["split"] for r in results}
    kept = [t for t in json.loads(path.read_text(encoding="utf-8"))
            if t["split"] not in done] if path.exists() else []
    path.write_text(json.dumps(kept + results, indent=1), encoding="utf-8")


def _japanese(split: str, docs: list[Document], folds: int, mode: str, misses: bool
              ) -> dict[str, Any]:
    """Train cross-validated by document (the seeds are English, so not added), dev as
    shipped; with where the missed pairs were lost."""
    import extract_eval_ja as ja

    losses: Counter[str] = Counter()
    lost: list[str] = []
    if split == "train" and folds > 1:
        preds = ja.cross_validated(docs, folds, mode, losses, lost)
        total, genres, parts = run(docs, lambda d: preds[d.stem])
    else:
        predict = ja.predictor(None, mode)
        total, genres, parts = run(docs, predict)
        for doc in docs:
            ja.where_lost(ja.pipeline(), doc, predict(doc), losses, lost)
    out = report(split, total, genres, parts, misses=False)
    print("  gold pairs: " + ", ".join(f"{k} {v}" for k, v in sorted(losses.items())
                                       if "|" not in k))
    ja.print_constructions(losses)
    if misses:
        print("  missed pairs (org: not extracted; candidate: never paired; rejected: paired, "
              "turned down; false: predicted, not gold):")
        for line in lost:
            print(f"    {line}")
    return out | {"losses": dict(losses)}


if __name__ == "__main__":
    main()
