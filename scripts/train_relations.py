"""Train the English mention filter and relation model on the corpus's train split and write the
weights into the package (src/kizuna/extract/mention_weights_en.json,
src/kizuna/extract/relations/weights_en.json): the same as ``kizuna train``, which
also prints the cross-validated figures. Seeded: the same corpus and code give the same file,
byte for byte.

    .venv/bin/python scripts/train_relations.py [--corpus tests/data/corpus/en] [--out PATH]

Needs scikit-learn (``pip install -e .[train]``); running the extractor does not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kizuna.cli.train import mention_target
from kizuna.extract.relations.model import WEIGHTS
from kizuna.extract.relations.training import SEED
from kizuna.extract.train import train, write_weights
from kizuna.ingest.knowledge import starter_knowledge

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "tests" / "data" / "corpus" / "en")
    ap.add_argument("--split", default="train")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--seeds", type=Path, default=SHARED,
                    help="also learn from SHARED/seeds + SHARED/gold (long real-world documents "
                         "with many organizations that do not collaborate); 'none' to skip")
    ap.add_argument("--out", type=Path,
                    default=REPO / "src" / "kizuna" / "extract" / "relations" / WEIGHTS)
    args = ap.parse_args()
    seeds = None if str(args.seeds) == "none" or not (args.seeds / "gold").is_dir() \
        else args.seeds
    run = train(args.corpus, starter_knowledge(), split=args.split, seeds=seeds, seed=args.seed,
                folds=0)
    write_weights(run.model, args.out)
    default = args.out == REPO / "src" / "kizuna" / "extract" / "relations" / WEIGHTS
    write_weights(run.mentions, mention_target(None if default else args.out))
    print(f"{run.documents} documents, {run.examples} candidate pairs "
          f"({run.positives} collaborating) -> {args.out}")


if __name__ == "__main__":
    main()
