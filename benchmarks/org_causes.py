"""Why organizations are missed and what the false ones are, on the tuning sets only (train
cross-validated by document, dev, tests/data/en_heldout, the shared seeds): a fast loop for the
mention stage.

    PYTHONPATH=src .venv/bin/python benchmarks/org_causes.py [--folds 5] [--list]

Only the mention filter is refitted (per train fold on the other folds plus the seeds; for dev,
en_heldout and the seeds on all of train plus the seeds, as ``kizuna train`` fits it); the
relation model is the shipped one, so the train figures are a proxy (its parties can add names
it learned). ``extract_eval.py`` gives the real figures. Each miss is given one cause, read
from the NER, the unfiltered finders and the filter:

  not_verbatim  no name or alias of it is in the text
  no_ner        the text names it; the NER labels none of its tokens
  label:X       the NER labels its tokens X (not ORG)
  span          an ORG span overlaps it but is not it
  filtered      a finder proposed it; the mention filter turned it down
  short_form    an acronym or short form of a longer name the document uses
  dropped       NER called it ORG, no finder proposed it
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from org_errors import false_kind

from kizuna.evaluation import Report, normalise, score_document
from kizuna.extract.corpus import Document, load_folder, load_split
from kizuna.extract.relations.training import SEED
from kizuna.extract.train_mentions import MentionExample, fit_mentions, mention_examples

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus" / "en"
HELDOUT = REPO / "tests" / "data" / "en_heldout"
SEEDS = REPO.parent / "shared"


def _cause(gold: dict[str, Any], doc: Any, proposed: list[str]) -> str:
    names = [gold["name"], *gold.get("aliases", [])]
    text = doc.text
    spans = [(m.start(), m.end()) for n in names if n
             for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    if not spans:
        return "not_verbatim"
    norms = {normalise(n) for n in names}
    if any(normalise(p) in norms for p in proposed):
        return "filtered"
    labels: Counter[str] = Counter()
    for s, e in spans:
        for ent in doc.ents:
            if ent.start_char < e and s < ent.end_char:
                if ent.label_ == "ORG" and (ent.start_char, ent.end_char) != (s, e):
                    labels["span"] += 1
                else:
                    labels[ent.label_ if ent.label_ != "ORG" else "ORG"] += 1
    if not labels:
        return "no_ner"
    if "ORG" in labels:
        return "dropped"
    if all(n.isupper() and " " not in n for n in names if n in text) and len(names) > 1:
        return "short_form"
    top = labels.most_common(1)[0][0]
    return "span" if top == "span" else f"label:{top}"


def evaluate(name: str, docs: list[Document], model: Any, extractor: Any, report: Report,
             causes: Counter[str], falses: Counter[str], lines: list[str]) -> None:
    for d in docs:
        extractor.use_mention_model(None, filtering=False)
        proposed = [m.new_name or m.text for m, _f in extractor.judged_mentions(d.text)]
        extractor.use_mention_model(model)
        pred = extractor.extract(d.text).to_json()
        score_document(d.stem, d.gold, d.text, pred, report)
        scored = report.documents[-1]
        doc = extractor.nlp(d.text)
        by_name = {o["name"]: o for o in d.gold["organizations"]}
        gold_names = [n for o in d.gold["organizations"]
                      for n in [o["name"], *o.get("aliases", [])]]
        for missed in scored.missed_orgs:
            c = _cause(by_name[missed], doc, proposed)
            causes[c] += 1
            lines.append(f"{name} {d.stem}: missed {c}: {missed}")
        for false in scored.false_orgs:
            k = false_kind(false, gold_names, d.text)
            falses[k] += 1
            lines.append(f"{name} {d.stem}: false {k}: {false}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--list", action="store_true", help="every miss and false name")
    ap.add_argument("--sets", default="train,dev,en_heldout,seeds")
    args = ap.parse_args()
    from kizuna.ingest.knowledge import extractor_for_store, starter_knowledge

    kb = starter_knowledge()
    sets = {"train": load_split(CORPUS, "train"), "dev": load_split(CORPUS, "dev"),
            "en_heldout": load_folder(HELDOUT / "gold", HELDOUT / "docs", "en_heldout"),
            "seeds": load_folder(SEEDS / "gold", SEEDS / "seeds", "seeds")}
    wanted = args.sets.split(",")
    train, seeds = sets["train"], sets["seeds"]
    data: list[MentionExample] = mention_examples([*train, *seeds], kb)
    full = fit_mentions(data, SEED)
    extractor = extractor_for_store(None).pipeline("en")
    lines: list[str] = []
    for name in wanted:
        report, causes, falses = Report(), Counter[str](), Counter[str]()
        if name == "train":
            for k in range(args.folds):
                held = train[k::args.folds]
                stems = {d.stem for d in held}
                model = fit_mentions([e for e in data if e.stem not in stems], SEED)
                evaluate(name, held, model, extractor, report, causes, falses, lines)
        else:
            evaluate(name, sets[name], full, extractor, report, causes, falses, lines)
        o = report.orgs
        print(f"{name:11s} orgs F1 {o.f1:.3f} (P {o.precision:.3f} R {o.recall:.3f}) "
              f"tp {o.tp} fp {o.fp} fn {o.fn}  pairs {report.pairs.f1:.3f}")
        print("   misses: " + ", ".join(f"{k} {v}" for k, v in causes.most_common()))
        print("   false:  " + ", ".join(f"{k} {v}" for k, v in falses.most_common()))
        sys.stdout.flush()
    if args.list:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
