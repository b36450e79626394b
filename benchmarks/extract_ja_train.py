"""Train the Japanese relation model (logistic regression, scikit-learn, seeded) on the train
split of the Japanese corpus and write its weights as portable JSON into the package.

    .venv/bin/python benchmarks/extract_ja_train.py [--write] [--c 1.0]

The work is :func:`kizuna.extract.japanese.training.train`: candidates labelled by the gold
pairs of their document, the threshold chosen by 4-fold cross-validation grouped by document on
train, then the model fitted on all of train. Printed: the candidate-level cross-validated train
figures per threshold, and dev figures (pairs, strict, organizations) for the model and for the
hand rules alone. Dev is only measured, never learned from; blind is not read. The end-to-end
figures (train cross-validated by document, dev, per genre and mechanism) are
``benchmarks/extract_eval.py --lang ja``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kizuna.evaluation import evaluate
from kizuna.extract.japanese import JapaneseExtractor
from kizuna.extract.japanese.model import WEIGHTS_FILE
from kizuna.extract.japanese.training import C, load, train
from kizuna.ingest.knowledge import starter_knowledge

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus" / "ja"


def dev_scores(extractor: JapaneseExtractor) -> dict[str, Any]:
    report, _ = evaluate(CORPUS / "dev" / "gold", CORPUS / "dev" / "docs",
                         lambda path: extractor.extract(path.read_text("utf-8")).to_json())
    data = report.as_json()
    return {k: {m: data[k][m] for m in ("f1", "precision", "recall")}
            for k in ("pairs", "strict", "orgs")} | {"quotes": data["quotes"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation")
    parser.add_argument("--write", action="store_true", help="write the weights into the package")
    args = parser.parse_args()
    kb = starter_knowledge()
    extractor = JapaneseExtractor(kb)
    docs = load(CORPUS / "train")
    trained, cv = train(extractor, docs, args.c, f"ja train split, {len(docs)} documents")
    if args.write:
        path = REPO / "src" / "kizuna" / "extract" / "japanese" / WEIGHTS_FILE
        path.write_text(json.dumps(trained.as_json(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    report = {
        "train_cv_pairs_candidate_level": {str(t): [round(v, 3) for v in cv[t]] for t in cv},
        "threshold": trained.threshold,
        "dev_model": dev_scores(JapaneseExtractor(kb, extractor.nlp, "model", trained)),
        "dev_rules_only": dev_scores(JapaneseExtractor(kb, extractor.nlp, "rules", trained)),
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
