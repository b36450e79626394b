"""Scoring extraction against gold annotations, the way ``shared/tools/score_extraction.py`` does.

Names are compared after NFKC, case folding, punctuation removal and dropping legal suffixes and
"the"; a predicted organization matches a gold one by its name or any alias. Organizations,
relaxed party pairs and strict pairs (with the mechanism group) are micro-averaged over
documents; quotes must be verbatim. The test suite checks that these numbers equal the shared
scorer's on the same predictions.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SUFFIX = re.compile(r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|"
                     r"holdings|group|kk|k k|the)\b")
#: Mechanisms that count as the same for strict pairs.
MECHANISM_GROUP = {
    "joint_development": "partnership", "partnership": "partnership",
    "joint_mission": "partnership", "investment": "investment", "corporate_venture": "investment",
    "acquisition": "acquisition", "research_lab": "research_lab", "market_entry": "market_entry",
    "government_agreement": "agreement", "dialogue": "dialogue", "funding": "funding",
    "talent_exchange": "talent_exchange",
}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("’", "'").replace("u.s.", "us").replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(_SUFFIX.sub(" ", text).split())


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    stem: str
    missed_orgs: list[str] = field(default_factory=list)
    false_orgs: list[str] = field(default_factory=list)
    missed_pairs: list[tuple[str, ...]] = field(default_factory=list)
    false_pairs: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Report:
    orgs: Tally = field(default_factory=Tally)
    pairs: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    quotes_ok: int = 0
    quotes_all: int = 0
    documents: list[DocumentScore] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("orgs", "pairs", "strict"):
            t: Tally = getattr(self, name)
            out[name] = {"precision": round(t.precision, 4), "recall": round(t.recall, 4),
                         "f1": round(t.f1, 4), "tp": t.tp, "fp": t.fp, "fn": t.fn}
        out["quotes"] = {"verbatim": self.quotes_ok, "total": self.quotes_all}
        out["documents"] = [d.__dict__ for d in self.documents]
        return out


def _pairs(collabs: Iterable[dict[str, Any]], mapped: Callable[[str], str],
           strict: bool) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for c in collabs:
        parties = sorted({mapped(p) for p in c.get("parties", [])})
        for a, b in itertools.combinations(parties, 2):
            out.add((a, b, MECHANISM_GROUP.get(c.get("mechanism", ""), "?")) if strict
                    else (a, b))
    return out


def score_document(stem: str, gold: dict[str, Any], text: str, pred: dict[str, Any],
                   report: Report) -> None:
    alias: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            alias.setdefault(normalise(name), org["name"])

    def canon(name: str) -> str | None:
        return alias.get(normalise(name))

    doc = DocumentScore(stem)
    gold_orgs = {o["name"] for o in gold["organizations"]}
    found: set[str] = set()
    for org in pred.get("organizations", []):
        names = [org.get("name", ""), *org.get("aliases", [])]
        hit = next((canon(n) for n in names if canon(n)), None)
        if hit:
            found.add(hit)
        else:
            report.orgs.fp += 1
            doc.false_orgs.append(org.get("name", ""))
    report.orgs.tp += len(found & gold_orgs)
    report.orgs.fn += len(gold_orgs - found)
    doc.missed_orgs = sorted(gold_orgs - found)

    def mapped(p: str) -> str:
        return canon(p) or f"?{normalise(p)}"

    for key, strict in (("pairs", False), ("strict", True)):
        g = _pairs(gold["collaborations"], lambda p: p, strict)
        p = _pairs(pred.get("collaborations", []), mapped, strict)
        tally: Tally = getattr(report, key)
        tally.tp += len(g & p)
        tally.fp += len(p - g)
        tally.fn += len(g - p)
        if strict:
            doc.missed_pairs = sorted(g - p)
            doc.false_pairs = sorted(p - g)
    for c in pred.get("collaborations", []):
        report.quotes_all += 1
        report.quotes_ok += bool(c.get("quote")) and c["quote"] in text
    report.documents.append(doc)


def evaluate(gold_dir: Path, docs_dir: Path,
             predict: Callable[[Path], dict[str, Any]]) -> tuple[Report, dict[str, Any]]:
    """Run ``predict`` on every document that has a gold file and score it.
    Returns the report and the predictions by stem."""
    report = Report()
    predictions: dict[str, Any] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        stem = gold_path.stem
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc_path = next((p for p in docs_dir.glob(stem + ".*") if p.suffix != ".json"), None)
        if doc_path is None:
            raise FileNotFoundError(f"no document for gold file {gold_path.name} in {docs_dir}")
        text = doc_path.read_text(encoding="utf-8")
        pred = predict(doc_path)
        predictions[stem] = pred
        score_document(stem, gold, text, pred, report)
    return report, predictions
