"""Train the English relation model on the corpus's train split and write the weights into the
package (src/kizuna/extract/relations/weights_en.json). Seeded: the same corpus and code give
the same file, byte for byte.

    .venv/bin/python scripts/train_relations.py [--corpus tests/data/corpus/en] [--out PATH]

Needs scikit-learn (``pip install -e .[train]``); running the extractor does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "benchmarks"))

from extract_eval import DEFAULT_CORPUS, load_folder, load_split, refuse_blind  # noqa: E402

from kizuna.extract.relations.model import WEIGHTS  # noqa: E402
from kizuna.extract.relations.training import SEED, examples_for, fit  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", default="train")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--seeds", type=Path, default=SHARED,
                    help="also learn from SHARED/seeds + SHARED/gold (long real-world documents "
                         "with many organizations that do not collaborate); 'none' to skip")
    ap.add_argument("--out", type=Path,
                    default=REPO / "src" / "kizuna" / "extract" / "relations" / WEIGHTS)
    args = ap.parse_args()
    refuse_blind(args.corpus / args.split, False)
    docs = load_split(args.corpus, args.split)
    if str(args.seeds) != "none" and (args.seeds / "gold").is_dir():
        docs += load_folder(args.seeds / "gold", args.seeds / "seeds", "seeds")
    examples = examples_for(docs)
    model = fit(examples, args.seed)
    model.trained["corpus"] = sorted({d.split for d in docs})
    args.out.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"{len(docs)} documents, {len(examples)} candidate pairs "
          f"({model.trained['positives']} collaborating) -> {args.out}")


if __name__ == "__main__":
    main()
