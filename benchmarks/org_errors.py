"""What kind of mistake each organization false positive and miss is, read from the gold file,
the prediction and the text alone (so the breakdown is re-runnable on any split):

false positives
  government    "Government of X" that the gold does not list (a place, or a named agency of X
                stands for it)
  joined        two gold names run together ("A and B")
  partial       a piece of a gold name (cut at a comma, a dash, "of" or "'s")
  run_on        a gold name with more words around it
  acronym_dup   an acronym or long form whose other form the gold lists under another name
  place         written after a place preposition ("in X", "near X") in the text
  title         a title or office word ("Secretary", "ISRO Chairman")
  named_thing   a programme, document, facility or event ("... Program", "... Statement")
  generic       only generic words ("Industry", "Software")
  other

misses
  government    a "Government of X" not found
  found_partly  a piece of it was predicted
  joined        predicted inside a longer name
  not_verbatim  its name and aliases are not in the text (named through a title or a reference)
  missed        the text names it, nothing predicted it
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kizuna.evaluation import normalise

FALSE_KINDS = ("government", "joined", "partial", "run_on", "acronym_dup", "place", "title",
               "named_thing", "generic", "other")
MISS_KINDS = ("government", "found_partly", "joined", "not_verbatim", "missed")


@cache
def _words() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    cues = raw["organization_cues"]
    return {
        "place_preps": frozenset(raw["mention_filter"]["place_preps"]),
        "titles": frozenset([*cues["person_marks"], *raw["office_holders"], "chairman"]),
        "things": frozenset([*cues["topic_heads"], *raw["rule_words"]["framework_words"]]),
        "generic": frozenset(cues["generic_name_words"]),
    }


@dataclass
class OrgErrors:
    false: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"false_positives": {k: self.false[k] for k in FALSE_KINDS if self.false[k]},
                "misses": {k: self.missed[k] for k in MISS_KINDS if self.missed[k]}}


def _inside(short: str, long: str) -> bool:
    return bool(short) and short != long and f" {short} " in f" {long} "


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", name) if w[0].isupper())


def false_kind(name: str, gold_names: list[str], text: str) -> str:
    norm, words = normalise(name), _words()
    golds = [normalise(g) for g in gold_names]
    if name.startswith("Government of"):
        return "government"
    if sum(_inside(g, norm) for g in golds) >= 2:
        return "joined"
    if any(_inside(norm, g) for g in golds):
        return "partial"
    if any(_inside(g, norm) for g in golds):
        return "run_on"
    if any((name.isupper() and _initials(g) == name) or _initials(name) == g.upper()
           for g in gold_names):
        return "acronym_dup"
    preps = "|".join(sorted(words["place_preps"]))
    if re.search(rf"\b(?:{preps})\s+(?:the\s+)?{re.escape(name)}\b", text, re.I):
        return "place"
    tokens = norm.split()
    if not tokens:
        return "other"
    if tokens[-1] in words["titles"] or tokens[0] in words["titles"]:
        return "title"
    if tokens[-1] in words["things"]:
        return "named_thing"
    if all(t in words["generic"] for t in tokens) or (len(tokens) == 1 and name.istitle()
                                                     and name.lower() in text):
        return "generic"
    return "other"


def miss_kind(gold: dict[str, Any], predicted: list[str], text: str) -> str:
    names = [gold["name"], *gold.get("aliases", [])]
    norms = [normalise(n) for n in names]
    preds = [normalise(p) for p in predicted]
    if gold["name"].startswith("Government of"):
        return "government"
    if any(_inside(p, g) for p in preds for g in norms):
        return "found_partly"
    if any(_inside(g, p) for p in preds for g in norms):
        return "joined"
    if not any(n in text for n in names):
        return "not_verbatim"
    return "missed"


def tally(stem: str, gold: dict[str, Any], text: str, pred: dict[str, Any],
          false_names: Iterable[str], missed_names: Iterable[str], into: OrgErrors) -> None:
    """Add one document's false positives and misses (as the scorer listed them) to ``into``."""
    gold_names = [n for o in gold["organizations"] for n in [o["name"], *o.get("aliases", [])]]
    predicted = [n for o in pred.get("organizations", [])
                 for n in [o.get("name", ""), *o.get("aliases", [])]]
    by_name = {o["name"]: o for o in gold["organizations"]}
    for name in false_names:
        kind = false_kind(name, gold_names, text)
        into.false[kind] += 1
        into.examples.append(f"{stem}: false {kind}: {name}")
    for name in missed_names:
        kind = miss_kind(by_name[name], predicted, text)
        into.missed[kind] += 1
        into.examples.append(f"{stem}: missed {kind}: {name}")
