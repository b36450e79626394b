"""Accuracy of kizuna's screening matcher against the plain rapidfuzz WRatio baseline.

The labelled set comes from the real lists in ../shared: for sampled organizations, each alias
and the main name must find their entity; realistic variants (case, punctuation, legal-form
changes, word order, one-character typos, transliteration variants) must too; negatives are real
organizations that are not listed (the knowledge base's and well-known firms), including
near-misses sharing words with listed names. A query is a true positive when its best match at
the threshold is its entity (or a listing with the same name on another list).

    .venv/bin/python benchmarks/screening_eval.py [--sample 600] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import list_paths

from kizuna.screening.lists import parse_files
from kizuna.screening.matcher import DEFAULT_THRESHOLD, KizunaMatcher, WRatioBaseline
from kizuna.screening.normalize import normalize

NEGATIVES = """Toyota Motor Corporation; Sony Group Corporation; Panasonic Holdings; Hitachi Ltd;
Mitsubishi Heavy Industries; NEC Corporation; Fujitsu Limited; Tokyo Electron Limited; Kioxia;
Rapidus Corporation; Renesas Electronics; Nippon Telegraph and Telephone; SoftBank Group;
Microsoft Corporation; Google LLC; Apple Inc; Intel Corporation; IBM; Nvidia Corporation;
Advanced Micro Devices; Qualcomm Incorporated; Micron Technology; Applied Materials;
Lam Research; KLA Corporation; Texas Instruments; Boeing Company; General Electric;
Massachusetts Institute of Technology; Stanford University; University of Tokyo; Kyoto University;
Tokyo Institute of Technology; Osaka University; Tohoku University; RIKEN; JAXA; NASA;
National Science Foundation; Samsung Electronics; SK Hynix; LG Electronics; TSMC;
Taiwan Semiconductor Manufacturing Company; ASML Holding; Infineon Technologies; Siemens AG;
Robert Bosch GmbH; Nokia Corporation; Ericsson; Cisco Systems; Oracle Corporation;
Amazon Web Services; Meta Platforms; OpenAI; Anthropic; Preferred Networks; Sakana AI;
China Southern Power Grid International; Beijing Capital International Airport Company;
Shanghai Jiao Tong University Press; Huawei Cloud Europe Consulting GmbH;
Tianjin Electronics Trading Partners; Moscow State Conservatory; Iran Air Tours Travel Agency;
Korea Electric Power Corporation; Electronics Technology Partners Inc; National Bank of Canada;
Aviation Industry Consultants of America; Ocean Shipping Consultants Ltd; Global Trading Group;
Advanced Technology Research Institute of Virginia; Institute of Electrical and Electronics
Engineers; Russian Orthodox Church Outside Russia; Pakistan International Airlines;
China Construction Bank New York Branch; Bank of Tokyo-Mitsubishi UFJ; Mizuho Bank;
Sumitomo Mitsui Banking Corporation; Nomura Holdings; Daiwa Securities; Hyundai Motor Company;
Kia Corporation; Honda Motor Co; Nissan Motor Co; Subaru of America; Denso Corporation;
Murata Manufacturing; Kyocera Corporation; Canon Inc; Nikon Corporation; Olympus Corporation;
Shin-Etsu Chemical; Sumco Corporation; JSR Corporation; Tokyo Ohka Kogyo; Disco Corporation;
Advantest Corporation; Screen Holdings; Lasertec Corporation; Ulvac Inc; Ebara Corporation;
Mitsui Chemicals; Toray Industries; Asahi Kasei; Kawasaki Heavy Industries; IHI Corporation;
Northrop Grumman Australia; Raytheon Technologies Canada; Lockheed Martin Canada CDL Systems;
Zhejiang University of Technology Alumni Association; Tsinghua University Press;
Peking University Hospital; Harbin Symphony Orchestra; Sichuan Airlines Catering""".replace(
    "\n", " ")

TRANSLIT = [("kh", "h"), ("iy", "y"), ("ya", "ia"), ("yu", "iu"), ("ts", "tz"), ("v", "w"),
            ("ou", "o"), ("shi", "si"), ("tsu", "tu"), ("zh", "j"), ("x", "ks"), ("ck", "k")]
LEGAL = ["Co., Ltd.", "Limited", "LLC", "Inc.", "Corporation", "GmbH", "JSC", "OOO", "Pvt Ltd",
         "K.K.", "有限公司", "S.A."]


def variants(name: str, rng: random.Random) -> list[tuple[str, str]]:
    """Realistic spellings of ``name``, each with its kind."""
    out = [("case", name.lower() if rng.random() < 0.5 else name.upper()),
           ("punctuation", re.sub(r"[.,'\-()]", lambda m: rng.choice(["", " "]), name)
            .replace("&", "and"))]
    words = name.split()
    core = [w for w in words if normalize(w).tokens and normalize(w).key not in ("", )]
    out.append(("legal_form", re.sub(r"\b(Co|Ltd|LLC|Inc|Corp|Corporation|Company|Limited|"
                                     r"JSC|OJSC|GmbH)\b\.?,?", "", name).strip(" ,") + " "
                + rng.choice(LEGAL)))
    if len(core) >= 2:
        swapped = core[:]
        i = rng.randrange(len(swapped) - 1)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        out.append(("word_order", " ".join(swapped)))
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        op = rng.choice(["sub", "del", "swap"])
        if op == "sub":
            w = w[:j] + rng.choice("aeioulnrst") + w[j + 1:]
        elif op == "del":
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        out.append(("typo", " ".join([*words[:i], w, *words[i + 1:]])))
    low = name.lower()
    for a, b in TRANSLIT:
        if a in low:
            out.append(("transliteration", re.sub(a, b, name, count=1, flags=re.I)))
            break
    return [(k, v) for k, v in out if normalize(v).tokens and v != name]


def build(lists: list, sample: int, seed: int = 7) -> list[tuple[str, str, frozenset[str]]]:
    """(kind, query, acceptable entity keys); an empty set marks a negative."""
    rng = random.Random(seed)
    by_key: dict[str, set[str]] = {}
    ents = []
    for lst in lists:
        for e in lst.entities:
            key = f"{lst.list_id}:{e.entity_id}"
            ents.append((key, e))
            for n, _main, _weak in e.names():
                by_key.setdefault(normalize(n).key, set()).add(key)
    orgs = [(k, e) for k, e in ents if e.entity_type != "person" and len(e.name) >= 8
            and not ("," in e.name and e.entity_type == "unknown")]
    rng.shuffle(orgs)
    out: list[tuple[str, str, frozenset[str]]] = []
    for key, e in orgs[:sample]:
        same = frozenset(k for n, _m, _w in e.names() for k in by_key.get(normalize(n).key, ()))
        accept = same | {key}
        for n, _m, weak in e.names():
            if not weak and len(normalize(n).key) >= 4:
                out.append(("alias_group", n, accept))
        for kind, v in variants(e.name, rng):
            out.append((kind, v, accept))
    for neg in NEGATIVES.split(";"):
        neg = " ".join(neg.split())
        if neg and normalize(neg).key not in by_key:
            out.append(("negative", neg, frozenset()))
    return out


def evaluate(match: Callable[[str, float], list], data: list, thresholds: list[float]
             ) -> dict[float, dict[str, dict[str, float]]]:
    """Precision, recall and F1 per threshold, overall and per kind, from one pass."""
    scored = []
    for kind, q, accept in data:
        ms = match(q, min(thresholds))
        scored.append((kind, accept, [(m.score, f"{m.list}:{m.entity_id}") for m in ms]))
    res: dict[float, dict[str, dict[str, float]]] = {}
    for t in thresholds:
        counts: dict[str, list[int]] = {}
        for kind, accept, ms in scored:
            top = next(((s, k) for s, k in ms if s >= t), None)
            c = counts.setdefault(kind, [0, 0, 0])  # tp, fp, fn
            if not accept:
                c[1] += top is not None
            elif top is None:
                c[2] += 1
            elif top[1] in accept:
                c[0] += 1
            else:
                c[1] += 1
                c[2] += 1
        table = {}
        for kind, (tp, fp, fn) in [*counts.items(),
                                   ("all", [sum(x[i] for x in counts.values()) for i in range(3)])]:
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            table[kind] = {"precision": p, "recall": r,
                           "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": tp + fn + fp}
        res[t] = table
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sample", type=int, default=600, help="listed organizations sampled")
    ap.add_argument("--baseline-sample", type=int, default=1500,
                    help="queries given to the (slow, all-pairs) WRatio baseline")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = ap.parse_args()
    lists = parse_files(list_paths())
    data = build(lists, args.sample)
    kinds: dict[str, int] = {}
    for kind, _q, _a in data:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"labelled set: {len(data)} queries {kinds}")
    thresholds = [round(0.5 + 0.02 * i, 2) for i in range(26)]
    km = KizunaMatcher(lists)
    ours = evaluate(lambda q, t: km.match(q, threshold=t, limit=3), data, thresholds)
    rng = random.Random(11)
    sub = rng.sample(data, min(args.baseline_sample, len(data)))
    sub += [d for d in data if d[0] == "negative" and d not in sub]
    wr = WRatioBaseline(lists)
    base = evaluate(lambda q, t: wr.match(q, threshold=t, limit=3), sub, thresholds)
    ours_sub = evaluate(lambda q, t: km.match(q, threshold=t, limit=3), sub, thresholds)
    t0 = DEFAULT_THRESHOLD
    print(f"\nkizuna-match at the default threshold {t0}:")
    for kind, m in sorted(ours[t0].items()):
        print(f"  {kind:16} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
              f"(n={m['n']:.0f})")
    variant = [k for k in ours[t0] if k not in ("alias_group", "negative", "all")]
    print("\non the baseline's subsample (same queries for both):")
    best_b = max(thresholds, key=lambda t: base[t]["all"]["f1"])
    print(f"  kizuna-match     F1={ours_sub[t0]['all']['f1']:.3f} at {t0}")
    print(f"  wratio-baseline  best F1={base[best_b]['all']['f1']:.3f} at {best_b} "
          f"(P={base[best_b]['all']['precision']:.3f} R={base[best_b]['all']['recall']:.3f})")
    print(f"variant kinds: {', '.join(variant)}")
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "screening_pr_curve.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["algorithm", "threshold", "precision", "recall", "f1"])
        for name, res in (("kizuna-match", ours_sub), ("wratio-baseline", base)):
            for t in thresholds:
                m = res[t]["all"]
                w.writerow([name, t, f"{m['precision']:.4f}", f"{m['recall']:.4f}",
                            f"{m['f1']:.4f}"])
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"\nwrote {args.out / 'screening_pr_curve.csv'} (matplotlib not installed)")
        return
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for name, res in (("kizuna-match", ours_sub), ("WRatio baseline", base)):
        ax.plot([res[t]["all"]["recall"] for t in thresholds],
                [res[t]["all"]["precision"] for t in thresholds], marker=".", label=name)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title("Screening precision–recall (thresholds 0.50–1.00)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out / "screening_pr_curve.png", dpi=120)
    print(f"\nwrote {args.out / 'screening_pr_curve.png'} and .csv")


if __name__ == "__main__":
    main()
