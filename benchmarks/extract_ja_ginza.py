"""GiNZA (ja-ginza 5.3, MIT, model inside the wheel) against kizuna's Sudachi reading on the
Japanese dev split: organization NER figures and characters/s.

GiNZA pins SudachiPy < 0.7 and its own SudachiDict, which would replace the versions kizuna runs
on, so it is measured from a separate virtual environment:

    python -m venv /tmp/ginza-venv && /tmp/ginza-venv/bin/pip install ja-ginza==5.3.0 ginza==5.3.0
    /tmp/ginza-venv/bin/python benchmarks/extract_ja_ginza.py          # GiNZA side
    .venv/bin/python benchmarks/extract_ja_ginza.py --kizuna           # kizuna side, same docs

Organizations are scored as the shared scorer scores them (kizuna.evaluation's rules, loaded
from its file so the GiNZA environment needs none of kizuna's dependencies): a predicted name
matches a gold organization by its name or any alias.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests" / "data" / "corpus" / "ja" / "dev"
#: GiNZA's extended named-entity labels that are organizations.
ORG_LABELS = {"Company", "Company_Group", "Corporation_Other", "Government", "Military",
              "International_Organization", "Political_Organization", "Political_Party",
              "Organization_Other", "School", "Research_Institute", "Show_Organization",
              "Sports_Organization", "Public_Institution", "Ethnic_Group_Other", "ORG"}


def _evaluation() -> Any:
    spec = importlib.util.spec_from_file_location(
        "kizuna_evaluation", REPO / "src" / "kizuna" / "evaluation.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def documents() -> list[tuple[dict[str, Any], str]]:
    out = []
    for gold_path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append((gold, (DEV / "docs" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")))
    return out


def ginza_orgs(text: str, nlp: Any) -> list[str]:
    return sorted({e.text for e in nlp(text).ents if e.label_ in ORG_LABELS})


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--kizuna", action="store_true", help="measure kizuna's pipeline")
    args = parser.parse_args()
    ev = _evaluation()
    docs = documents()
    chars = sum(len(t) for _, t in docs)
    report = ev.Report()
    import spacy

    bare = spacy.blank("ja")
    started = time.perf_counter()
    for _, text in docs * 3:
        bare(text)
    bare_cps = 3 * chars / (time.perf_counter() - started)
    if args.kizuna:
        from kizuna.extract.japanese import JapaneseExtractor
        from kizuna.ingest.knowledge import starter_knowledge

        extractor = JapaneseExtractor(starter_knowledge())

        def predict(text: str) -> dict[str, Any]:
            return extractor.extract(text).to_json()
        name = "kizuna (Sudachi particle reading)"
    else:
        nlp = spacy.load("ja_ginza")

        def predict(text: str) -> dict[str, Any]:
            return {"organizations": [{"name": n, "aliases": []} for n in ginza_orgs(text, nlp)],
                    "collaborations": []}
        name = "GiNZA ja_ginza 5.3.0 NER"
    predict(docs[0][1])
    started = time.perf_counter()
    for _ in range(3):
        for _gold, text in docs:
            predict(text)
    seconds = (time.perf_counter() - started) / 3
    for gold, text in docs:
        ev.score_document("", gold, text, predict(text), report)
    orgs = report.orgs
    print(json.dumps({"pipeline": name, "documents": len(docs), "chars": chars,
                      "chars_per_s": round(chars / seconds), "bare_sudachi_chars_per_s":
                      round(bare_cps), "orgs": {"precision": round(orgs.precision, 3),
                                                "recall": round(orgs.recall, 3),
                                                "f1": round(orgs.f1, 3)}}, indent=1))


if __name__ == "__main__":
    main()
