"""The Japanese side of benchmarks/extract_eval.py (``--lang ja``): predictions from the Japanese
relation model, cross-validated by document on train (each fold's model is trained by
:func:`kizuna.extract.japanese.training.train` on the other folds, seeded), and where the missed
pairs are lost:

- ``org``: one of the two gold organizations is not among the extracted ones at all;
- ``candidate``: both are found but no candidate pairs them;
- ``rejected``: a candidate pairs them but the decision (model or veto) turned it down;

and the pairs predicted that the gold does not have (``false``, with the start of the quote);
``date right/wrong/empty`` compares the dates of found pairs with the gold's, at its precision.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

from kizuna.model.dates import PartialDate


class Doc(Protocol):
    stem: str
    text: str
    gold: dict[str, Any]


@cache
def _extractor() -> Any:
    """One dispatcher per process (loading Sudachi is the slow part)."""
    from kizuna.ingest.knowledge import extractor_for_store

    return extractor_for_store(None)


def predictor(model: Any = None, mode: str = "model") -> Callable[[Any], dict[str, Any]]:
    """Predictions the way ``kizuna eval`` makes them (the multilingual dispatcher), with the
    Japanese pipeline deciding by ``model`` (None: the shipped weights)."""
    extractor = _extractor()
    extractor.pipeline("ja").use_relation_model(model, mode)

    def predict(doc: Any) -> dict[str, Any]:
        result: dict[str, Any] = extractor.extract(doc.text, language="ja").to_json()
        return result
    return predict


def cross_validated(docs: Sequence[Doc], folds: int, mode: str, losses: Counter[str],
                    lost: list[str]) -> dict[str, Any]:
    """Predictions for every document from a model trained on the other folds; counts the
    missed gold pairs by where they were lost into ``losses`` (details in ``lost``)."""
    from kizuna.extract.japanese.training import Annotated, grouped_folds, train

    ja = _extractor().pipeline("ja")
    annotated = [Annotated(d.stem, d.text, d.gold) for d in docs]
    preds: dict[str, Any] = {}
    for k, held in enumerate(grouped_folds([d.stem for d in docs], folds)):
        model, _cv = train(ja, [d for d in annotated if d.stem not in held])
        predict = predictor(model, mode)
        for doc in annotated:
            if doc.stem in held:
                preds[doc.stem] = predict(doc)
                where_lost(ja, doc, preds[doc.stem], losses, lost)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    ja.use_relation_model(None, mode)
    return preds


def where_lost(ja: Any, doc: Any, pred: dict[str, Any], losses: Counter[str],
               lost: list[str], date: PartialDate | None = None) -> None:
    from kizuna.extract.japanese.training import canonical, gold_index

    alias, gold_pairs = gold_index(doc.gold)
    extraction, candidates = ja.read(doc.text, date)
    orgs = extraction.organizations
    found_orgs = {canonical(o, alias) for o in orgs.values()} - {None}
    cand_pairs = {frozenset((canonical(orgs.get(c.a.mention.key), alias),
                             canonical(orgs.get(c.b.mention.key), alias))) for c in candidates}

    from kizuna.evaluation import normalise

    predicted: dict[frozenset[str], str] = {}
    for c in pred.get("collaborations", []):
        parties = sorted({alias.get(normalise(p), f"?{p}") for p in c["parties"]})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                predicted.setdefault(frozenset((a, b)), c["quote"])
    gold_dates: dict[frozenset[str], set[str]] = {}
    for g in doc.gold["collaborations"]:
        parties = sorted(set(g["parties"]))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                gold_dates.setdefault(frozenset((a, b)), set()).add(g.get("date") or "")
    dated: dict[frozenset[str], str] = {}
    for c in pred.get("collaborations", []):
        parties = sorted({alias.get(normalise(p), f"?{p}") for p in c["parties"]})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                dated.setdefault(frozenset((a, b)), str(c.get("date") or ""))
    for pair, date in dated.items():  # dates of found pairs, at the gold's precision
        if pair in gold_dates:
            wanted = {d for d in gold_dates[pair] if d}
            losses["date " + ("empty" if not date else "right" if any(
                date.startswith(d) for d in wanted) else "wrong")] += 1
    for pair, quote in predicted.items():
        if pair not in gold_pairs:
            losses["false"] += 1
            a, b = sorted(pair)
            lost.append(f"{doc.stem}: false     {a} + {b}: {quote[:60]}")
    for pair in sorted(gold_pairs, key=sorted):
        if pair in predicted:
            losses["found"] += 1
            continue
        a, b = sorted(pair)
        why = "org" if not pair <= found_orgs else "rejected" if pair in cand_pairs \
            else "candidate"
        losses[why] += 1
        lost.append(f"{doc.stem}: {why:9s} {a} + {b}")


def pipeline() -> Any:
    """The Japanese pipeline as :func:`predictor` last configured it."""
    return _extractor().pipeline("ja")
