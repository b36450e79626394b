"""Japanese extraction throughput: kizuna's Japanese pipeline against a bare Sudachi pass
(``spacy.blank("ja")``) over the same text, with peak memory.

    .venv/bin/python benchmarks/extract_ja_bench.py [--chars 300000] [--docs DIR ...]

The text is the Japanese corpus's train and dev documents (tests/data/corpus/ja/{train,dev}/docs;
never blind), repeated until it has about ``--chars`` characters, as document-sized pieces.
Reported: characters/s for each (wall clock and CPU time: on a shared machine the CPU figure is
the steadier one), the cost ratios
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
DEFAULT_DOCS = [REPO / "tests" / "data" / "corpus" / "ja" / split / "docs"
                for split in ("train", "dev")]


def corpus(folders: list[Path], chars: int) -> list[str]:
    if any("blind" in str(f).lower() for f in folders):
        sys.exit("a blind part is scored once, by the lead: not a benchmark text")
    texts = [p.read_text(encoding="utf-8") for docs in folders for p in sorted(docs.iterdir())
             if p.is_file()]
    if not texts:
        sys.exit(f"no documents in {', '.join(map(str, folders))}")
    pieces, total = [], 0
    while total < chars:
        for text in texts:
            pieces.append(text)
            total += len(text)
            if total >= chars:
                break
    return pieces


def _run(kind: str, pieces: list[str]) -> tuple[float, float, int, float]:
    """(load seconds, run seconds, peak RSS KiB, run CPU seconds) in this process. CPU time is
    reported too: on a shared machine wall time measures the neighbours as much as the code."""
    started = time.perf_counter()
    if kind == "kizuna":
        from kizuna.extract.japanese import JapaneseExtractor
        from kizuna.ingest.knowledge import starter_knowledge

        runner = JapaneseExtractor(starter_knowledge()).extract
    else:
        import spacy

        runner = spacy.blank("ja")  # type: ignore[assignment]
    runner(pieces[0])
    loaded = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    for piece in pieces:
        runner(piece)
    return loaded, time.perf_counter() - started, resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss, time.process_time() - cpu


def measure(kind: str, pieces: list[str], repeat: int) -> dict[str, float]:
    chars = sum(len(p) for p in pieces)
    results = []
    for _ in range(repeat):
        with ProcessPoolExecutor(1) as pool:
            results.append(pool.submit(_run, kind, pieces).result())
    seconds = statistics.median(r[1] for r in results)
    cpu = statistics.median(r[3] for r in results)
    return {"chars": chars, "seconds": round(seconds, 3), "chars_per_s": round(chars / seconds),
            "cpu_seconds": round(cpu, 3), "chars_per_cpu_s": round(chars / cpu),
            "load_s": round(statistics.median(r[0] for r in results), 2),
            "peak_rss_mib": round(max(r[2] for r in results) / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--docs", type=Path, action="append",
                        help="a folder of documents (repeatable; default the corpus's train+dev)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (median kept)")
    args = parser.parse_args()
    pieces = corpus(args.docs or DEFAULT_DOCS, args.chars)
    bare = measure("bare", pieces, args.repeat)
    kizuna = measure("kizuna", pieces, args.repeat)
    report = {"documents": len(pieces), "bare_sudachi": bare, "kizuna_ja": kizuna,
              "cost_ratio": round(kizuna["seconds"] / bare["seconds"], 2),
              "cpu_cost_ratio": round(kizuna["cpu_seconds"] / bare["cpu_seconds"], 2)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
