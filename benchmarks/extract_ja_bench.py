"""Japanese extraction throughput: kizuna's Japanese pipeline against a bare Sudachi pass
(``spacy.blank("ja")``) over the same text, with peak memory.

    .venv/bin/python benchmarks/extract_ja_bench.py [--chars 300000] [--docs DIR]

The corpus is the Japanese test documents (tests/data/ja/docs), repeated until it has about
``--chars`` characters, as document-sized pieces. Reported: characters/s for each, the cost ratio
kizuna / bare, model load time, and the peak resident memory of the process (each side runs in
its own process so the peaks do not mix).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = REPO / "tests" / "data" / "ja" / "docs"


def corpus(docs: Path, chars: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.iterdir()) if p.is_file()]
    if not texts:
        sys.exit(f"no documents in {docs}")
    pieces, total = [], 0
    while total < chars:
        for text in texts:
            pieces.append(text)
            total += len(text)
            if total >= chars:
                break
    return pieces


def _run(kind: str, pieces: list[str]) -> tuple[float, float, int]:
    """(load seconds, run seconds, peak RSS KiB) in this process."""
    started = time.perf_counter()
    if kind == "kizuna":
        from kizuna.extract.japanese import JapaneseExtractor
        from kizuna.extract.knowledge import from_starter

        runner = JapaneseExtractor(from_starter()).extract
    else:
        import spacy

        runner = spacy.blank("ja")  # type: ignore[assignment]
    runner(pieces[0])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for piece in pieces:
        runner(piece)
    return loaded, time.perf_counter() - started, resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss


def measure(kind: str, pieces: list[str], repeat: int) -> dict[str, float]:
    chars = sum(len(p) for p in pieces)
    results = []
    for _ in range(repeat):
        with ProcessPoolExecutor(1) as pool:
            results.append(pool.submit(_run, kind, pieces).result())
    seconds = statistics.median(r[1] for r in results)
    return {"chars": chars, "seconds": round(seconds, 3), "chars_per_s": round(chars / seconds),
            "load_s": round(statistics.median(r[0] for r in results), 2),
            "peak_rss_mib": round(max(r[2] for r in results) / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (median kept)")
    args = parser.parse_args()
    pieces = corpus(args.docs, args.chars)
    bare = measure("bare", pieces, args.repeat)
    kizuna = measure("kizuna", pieces, args.repeat)
    report = {"documents": len(pieces), "bare_sudachi": bare, "kizuna_ja": kizuna,
              "cost_ratio": round(kizuna["seconds"] / bare["seconds"], 2)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
