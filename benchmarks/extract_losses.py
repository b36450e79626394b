"""Where the English relation stage loses gold pairs and where its false pairs come from, on the
TUNING sets (train cross-validated by document, dev, tests/data/en_heldout; ``--seeds`` adds
the shared seeds, which the model learns from).

    .venv/bin/python benchmarks/extract_losses.py [--split train dev en_heldout] [--list]

Every document is parsed once, with the shipped mention filter (so organization recall on train
is a little optimistic: that filter learned from train); the relation model is refitted per fold
on the other folds plus the seeds weighted as ``kizuna train`` weights them, so no train document
is decided by a relation model that learned from it. dev, en_heldout and seeds are decided by a
model fitted on all of train plus the seeds (what ``kizuna train`` ships). The figures are close
to, not the same as, ``benchmarks/extract_eval.py`` (which refits the mention filter per fold
too): this table is for finding where pairs go, the eval script for the figures.

Each gold pair is counted once, where it was lost:

- ``found``: the prediction pairs them (``found, mechanism wrong``: not with a gold mechanism);
- ``org``: one of the two is named by no mention of the document (nor inferred by a rule);
- ``candidate: KIND``: both are mentioned, no candidate pairs them; KIND is the construction of
  the gold quote: ``list`` (a bulleted item), ``between-groups`` ("between A and B, and between C
  and D"), ``coreference`` (a party not named in the quote, which refers back with "the
  partnership", "the two companies"...), ``cross-sentence`` (not named, no such phrase),
  ``one-sentence`` (both named in the quote);
- ``vetoed``: the model accepted the pair but a modality veto threw it out;
- ``rejected``: the model turned the pair down (below its threshold);
- ``dropped``: a rule or the model accepted it, the conversion to collaborations dropped it.

False pairs (predicted, not gold) by cause: ``not a gold party`` (one side is no gold
organization), else by which stage proposed the pair (``rule``, ``model``, ``both``) and, for the
model's, the candidate source (sentence, list, anaphora, focus).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kizuna.evaluation import MECHANISM_GROUP, Report, normalise, score_document
from kizuna.extract.corpus import Document, load_folder, load_split

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus" / "en"
HELDOUT = REPO / "tests" / "data" / "en_heldout"
SEEDS = REPO.parent / "shared"

KINDS = ("found", "found, mechanism wrong", "org", "candidate: list",
         "candidate: between-groups", "candidate: coreference", "candidate: cross-sentence",
         "candidate: one-sentence", "vetoed", "rejected", "dropped")
_BULLET = re.compile(r"^\s*(?:[-*•–—·]|\d+[.)])\s")


def _alias(gold: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            out.setdefault(normalise(name), org["name"])
    return out


def _pairs(collabs: Iterable[dict[str, Any]], canon: Any) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for c in collabs:
        parties = sorted({canon(p) for p in c.get("parties", [])})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                out.setdefault((a, b), set()).add(c.get("mechanism", "?"))
    return out


def _names(gold: dict[str, Any], name: str) -> list[str]:
    for org in gold["organizations"]:
        if org["name"] == name:
            return [name, *org.get("aliases", [])]
    return [name]


def construction(doc: Document, pair: tuple[str, str]) -> str:
    """The construction of the gold record's quote (see the module text)."""
    from kizuna.extract.relations.candidates import cues

    quote = next((c.get("quote") or "" for c in doc.gold["collaborations"]
                  if set(pair) <= set(c.get("parties", []))), "")
    low = quote.lower()
    at = doc.text.find(quote) if quote else -1
    line_start = doc.text.rfind("\n", 0, at) + 1 if at >= 0 else -1
    if at >= 0 and _BULLET.match(doc.text[line_start:at + 3]):
        return "list"
    if re.search(r"\bbetween\b.*\band between\b", low):
        return "between-groups"
    folded = normalise(quote)
    absent = [p for p in pair if not any(normalise(n) in folded for n in _names(doc.gold, p))]
    if absent:
        refers = any(a in low for a in cues().anaphors) or any(
            f"{d} {h}" in low for d in cues().determiners for h in cues().heads)
        return "coreference" if refers else "cross-sentence"
    return "one-sentence"


class Harness:
    """The English extractor with documents parsed once; the relation stage re-run per model."""

    def __init__(self) -> None:
        from kizuna.extract.pipeline import Extractor
        from kizuna.ingest.knowledge import starter_knowledge

        self.kb = starter_knowledge()
        self.ex = Extractor(self.kb)
        self.pipe: Any = self.ex.nlp.get_pipe("kizuna_relations")
        self.parsed: dict[str, Any] = {}
        self.read: dict[str, tuple[list[Any], list[Any]]] = {}
        self.kb_names = {o.id: [n for n, _lang in o.names] + [o.name]
                         for o in self.kb.orgs.values()}

    def parse(self, docs: Sequence[Document], cache: Path | None = None) -> None:
        """Parse (mentions and technologies, no relations); ``cache``: a pickle of the parses
        to reuse across runs (valid while the mention and technology stages do not change)."""
        import pickle

        from spacy.tokens import Span

        if cache is not None and cache.is_file():
            stored = pickle.loads(cache.read_bytes())
            for stem, (doc, techs) in stored.items():
                doc._.kizuna_technologies = [Span(doc, s, e, label=lab) for s, e, lab in techs]
                self.parsed[stem] = doc
        todo = [d for d in docs if d.stem not in self.parsed]
        for d in todo:
            self.parsed[d.stem] = self.ex.nlp(d.text, disable=["kizuna_relations"])
        if cache is not None and todo:
            out = {}
            for stem, doc in self.parsed.items():
                techs = [(t.start, t.end, t.label_) for t in doc._.kizuna_technologies or []]
                doc._.kizuna_technologies = None
                out[stem] = (doc, techs)
            cache.write_bytes(pickle.dumps(out))
            for doc, techs in out.values():
                doc._.kizuna_technologies = [Span(doc, s, e, label=lab) for s, e, lab in techs]

    def relations(self, d: Document) -> tuple[list[Any], list[Any]]:
        """The rules' candidates and the candidate pairs (with features) of a parsed document."""
        if d.stem not in self.read:  # the features do not depend on the model: read once
            doc = self.parsed[d.stem]
            self.pipe.mode = "rules"
            self.pipe(doc)
            self.read[d.stem] = (list(doc._.kizuna_candidates or []),
                                 list(doc._.kizuna_pairs or []))
        return self.read[d.stem]

    def examples(self, docs: Sequence[Document]) -> list[Any]:
        from kizuna.extract.relations.training import label

        out = []
        for d in docs:
            _ruled, pairs = self.relations(d)
            out += label(pairs, d, self.kb_names)
        return out

    mode = "union"

    def predict(self, d: Document, model: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """The prediction (gold-schema JSON) and what each stage proposed, for the loss table."""
        from kizuna.extract.pipeline import (
            EXTRACTOR_NAME,
            EXTRACTOR_VERSION,
            Extraction,
            collaborations_from,
        )
        from kizuna.extract.relations.modality import vetoed
        from kizuna.extract.values import dateline, find_date, find_money

        doc = self.parsed[d.stem]
        ruled, pairs = self.relations(d)
        ruled = [copy.copy(c) for c in ruled]  # the conversion below narrows their parties
        self.pipe.mode = self.mode
        decided = self.pipe._decide(pairs, model)
        if self.mode == "union":
            doc._.kizuna_candidates = [*ruled, *decided]
        else:
            proposed = {m.key for p in pairs for m in (p.a, p.b)}
            ruled = [c for c in ruled if any(m.key not in proposed for m in c.parties)]
            doc._.kizuna_candidates = [*ruled, *decided]
        candidates = self.ex._accepted(doc)
        orgs = self.ex._organizations([*(doc._.kizuna_mentions or []),
                                       *(m for c in candidates for m in c.parties)], doc, d.text)
        collabs = collaborations_from(
            candidates, d.text, doc._.kizuna_technologies or [], dateline(d.text),
            find_date=find_date, find_money=find_money,
            extractor=(EXTRACTOR_NAME, EXTRACTOR_VERSION))
        parties = {p for c in collabs for p in c.parties}
        orgs = {k: o for k, o in orgs.items() if o.spans or k in parties}
        pred = Extraction(orgs, collabs).to_json()
        alias = _alias(d.gold)

        def gname(m: Any) -> str:
            from kizuna.extract.relations.training import _gold_name
            return _gold_name(m, alias, self.kb_names) or f"?{normalise(m.text)}"

        def keyset(ms: Iterable[Any]) -> set[tuple[str, str]]:
            names = sorted({gname(m) for m in ms})
            return {(a, b) for i, a in enumerate(names) for b in names[i + 1:]}

        stages: dict[str, Any] = {
            "mentioned": {gname(m) for m in doc._.kizuna_mentions or []}
            | {gname(m) for c in ruled for m in c.parties},
            "rule": set().union(*(keyset(c.parties) for c in ruled)) if ruled else set(),
            "model": {}, "vetoed": set(), "rejected": set(), "candidate": set(),
        }
        for p in pairs:
            key = tuple(sorted((gname(p.a), gname(p.b))))
            stages["candidate"].add(key)
            prob = model.probability(p.features)
            if prob < model.threshold:
                stages["rejected"].add(key)
            elif vetoed(p.features):
                stages["vetoed"].add(key)
            else:
                stages["model"].setdefault(key, p.source)
        return pred, stages


def where(d: Document, pred: dict[str, Any], st: dict[str, Any], into: Counter[str],
          false: Counter[str], lost: list[str]) -> None:
    alias = _alias(d.gold)
    found = _pairs(pred.get("collaborations", []),
                   lambda n: alias.get(normalise(n)) or f"?{normalise(n)}")
    gold = _pairs(d.gold["collaborations"], lambda n: n)
    for pair, mechs in gold.items():
        if pair in found:
            groups = {MECHANISM_GROUP.get(m, m) for m in mechs}
            ok = bool(found[pair] & mechs) or bool(
                {MECHANISM_GROUP.get(m, m) for m in found[pair]} & groups)
            kind = "found" if ok else "found, mechanism wrong"
        elif pair in st["rule"] or pair in st["model"]:
            kind = "dropped"
        elif pair in st["vetoed"]:
            kind = "vetoed"
        elif pair in st["rejected"]:
            kind = "rejected"
        elif not set(pair) <= st["mentioned"]:
            kind = "org"
        else:
            kind = f"candidate: {construction(d, pair)}"
        into[kind] += 1
        if not kind.startswith("found"):
            lost.append(f"{d.stem}: {kind:26s} {pair[0]} + {pair[1]}")
    gold_orgs = {o["name"] for o in d.gold["organizations"]}
    for pair in found:
        if pair in gold:
            continue
        if not set(pair) <= gold_orgs:
            cause = "not a gold party"
        elif pair in st["rule"] and pair in st["model"]:
            cause = "both"
        elif pair in st["rule"]:
            cause = "rule"
        else:
            cause = f"model ({st['model'].get(pair, '?')})"
        false[cause] += 1
        lost.append(f"{d.stem}: false ({cause}) {pair[0]} + {pair[1]}")


def fitted(h: Harness, train: Sequence[Document], seeds: Sequence[Document],
           cache: dict[str, list[Any]]) -> Any:
    from kizuna.extract.relations.training import fit
    from kizuna.extract.train import seed_weights

    for d in [*train, *seeds]:
        if d.stem not in cache:
            cache[d.stem] = h.examples([d])
    return fit([e for d in [*train, *seeds] for e in cache[d.stem]],
               weight=seed_weights(seeds))


def evaluate(h: Harness, splits: Sequence[str], folds: int = 5, show: bool = False,
             cache: Path | None = None) -> dict[str, Report]:
    seeds = load_folder(SEEDS / "gold", SEEDS / "seeds", "seeds")
    train = load_split(CORPUS, "train")
    sets = {"train": train, "dev": load_split(CORPUS, "dev"),
            "en_heldout": load_folder(HELDOUT / "gold", HELDOUT / "docs", "en_heldout"),
            "seeds": seeds}
    h.parse([*train, *seeds, *(d for s in splits for d in sets[s])], cache)
    read: dict[str, list[Any]] = {}
    shipped = fitted(h, train, seeds, read) if set(splits) - {"train"} else None
    out: dict[str, Report] = {}
    for split in splits:
        docs = sets[split]
        models: list[tuple[list[Document], Any]] = []
        if split == "train":
            for k in range(folds):
                held = docs[k::folds]
                stems = {d.stem for d in held}
                models += [(held, fitted(h, [d for d in docs if d.stem not in stems], seeds,
                                              read))]
        else:
            models = [(docs, shipped)]
        report, into, false = Report(), Counter[str](), Counter[str]()
        lost: list[str] = []
        for held, model in models:
            for d in held:
                pred, st = h.predict(d, model)
                score_document(d.stem, d.gold, d.text, pred, report)
                where(d, pred, st, into, false, lost)
        out[split] = report
        r = report
        print(f"== {split} ({len(docs)} documents): pairs {r.pairs.f1:.3f} "
              f"(P {r.pairs.precision:.3f} R {r.pairs.recall:.3f})  strict {r.strict.f1:.3f}"
              f"  orgs {r.orgs.f1:.3f}")
        total = sum(into.values())
        print(f"  where the {total} gold pairs went:")
        for kind in KINDS:
            n = into.get(kind, 0)
            print(f"    {kind:28s} {n:4d}  {n / total if total else 0:6.1%}")
        print(f"  the {sum(false.values())} false pairs by cause:")
        for cause, n in false.most_common():
            print(f"    {cause:28s} {n:4d}")
        if show:
            for line in lost:
                print(f"    {line}")
        sys.stdout.flush()
    return out


#: Branches of the hand-written rules that ``--drop-rule`` switches off, with what they return
#: when off.
_DROPS: dict[str, Any] = {
    "_unlabelled_name": lambda self, *a: [], "_reference": lambda self, *a: [],
    "_lab_parties": lambda self, trigger, parties: parties,
    "_places_out": lambda self, parties, mechanism: parties,
    "_most_specific": lambda self, parties: parties,
    "_deep_preps": lambda self, *a: [], "_round_backers": lambda self, *a: [],
    "_refine": lambda self, mech, *a: mech, "_blocked": lambda self, *a: False,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", nargs="+", default=["train", "dev", "en_heldout"],
                    choices=("train", "dev", "en_heldout", "seeds"))
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--list", action="store_true", help="list every lost and false pair")
    ap.add_argument("--cache", type=Path, help="a pickle of the parses, reused across runs")
    ap.add_argument("--mode", default="union", help="union (shipped), model, model-only")
    ap.add_argument("--groups", help="feature groups (features.GROUPS), comma-separated")
    ap.add_argument("--sentence-veto", action="store_true", help="the old, sentence-wide veto")
    ap.add_argument("--c", type=float, help="regularisation (training.C_COLLAB)")
    ap.add_argument("--threshold", type=float, help="decision threshold (training.THRESHOLD)")
    ap.add_argument("--drop-rule", action="append", default=[], choices=sorted(_DROPS),
                    help="measure the rules without one of their branches")
    args = ap.parse_args()
    from kizuna.extract.relations import features, modality, training
    from kizuna.extract.relations.rules import RelationReader

    for name in args.drop_rule:
        setattr(RelationReader, name, _DROPS[name])

    if args.groups is not None:
        features.GROUPS = set(filter(None, args.groups.split(",")))
    modality.SCOPED = not args.sentence_veto
    if args.c is not None:
        training.C_COLLAB = training.C_MECH = args.c
    if args.threshold is not None:
        training.THRESHOLD = args.threshold
    print(f"mode {args.mode}, groups {sorted(features.GROUPS)}, scoped veto {modality.SCOPED},"
          f" C {training.C_COLLAB}, threshold {training.THRESHOLD}")
    h = Harness()
    h.mode = args.mode
    evaluate(h, args.split, args.cv, args.list, args.cache)


if __name__ == "__main__":
    main()
