"""The Japanese side of benchmarks/extract_eval.py (``--lang ja``): predictions from the Japanese
relation model, cross-validated by document on train (each fold's model is trained by
:func:`kizuna.extract.japanese.training.train` on the other folds, seeded), and where the missed
pairs are lost:

- ``org``: one of the two gold organizations is not among the extracted ones at all;
- ``candidate``: both are found but no candidate pairs them;
- ``rejected``: a candidate pairs them but the decision (model or veto) turned it down;

and the pairs predicted that the gold does not have (``false``, with the start of the quote);
``date right/wrong/empty`` compares the dates of found pairs with the gold's, at its precision.
Each missed pair is also put under the construction its gold quote uses (:func:`construction`),
so the table "stage x construction" says which constructions lose recall where; and each
organization miss under the character classes of the name (:func:`script_of`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

from kizuna.model.dates import PartialDate

#: How a gold quote states its pair, tried in this order (first match): a list item (its
#: parties in the item or the lead-in); a party named only outside the quote, through
#: 両社/同社/当社… (``coreference``) or not (``carried``: an omitted subject, a topic of an
#: earlier sentence); 〜との間で; 〜と共同で/とともに; coordination of the two names (AとB,
#: A及びB, A並びにB, A、B); three or more parties; anything else.
CONSTRUCTIONS = ("list_item", "coreference", "carried", "between", "jointly", "coordinated",
                 "many_parties", "other")
_COREFERENCE = ("両社", "両国", "両政府", "同社", "同大学", "同大", "同機構", "当社", "本学",
                "両大学", "両機関", "双方", "同行", "同省")
_LIST = re.compile(r"^\s*([・●○■◆▪◇□※\-－‐]|[①-⑳]|[（(][0-9０-９一二三四五六七八九十]+[）)]"
                   r"|[0-9０-９]+[.．)）]|[一二三四五六七八九十]+[　 、．.])")
_COORDINATION = re.compile(r"^(米|英|独|仏|中|韓|豪|印|社|株式会社|（[^）]{1,20}）)*"
                           r"(と|及び|および|並びに|ならびに|、|・)(米|英|独|仏|中|韓|豪|印)?$")


def construction(text: str, gold: dict[str, Any], pair: frozenset[str]) -> str:
    """The construction of the first gold quote stating ``pair`` (see CONSTRUCTIONS)."""
    names = {o["name"]: [o["name"], *o.get("aliases", [])] for o in gold["organizations"]}
    record = next((c for c in gold["collaborations"] if pair <= set(c["parties"])), None)
    if record is None:
        return "other"
    quote = record["quote"]
    spots = []
    for party in sorted(pair):
        hits = [(quote.find(a), a) for a in sorted(names.get(party, [party]), key=len,
                                                    reverse=True) if a and a in quote]
        spots.append(min(hits) if hits else None)
    if _LIST.match(quote):
        return "list_item"
    if None in spots:
        return "coreference" if any(w in quote for w in _COREFERENCE) else "carried"
    if "との間" in quote or "の間で" in quote:
        return "between"
    if any(w in quote for w in ("と共同で", "とともに", "と共に", "と協力して", "と連携して")):
        return "jointly"
    (pa, a), (pb, _b) = sorted(s for s in spots if s is not None)
    if _COORDINATION.match(quote[pa + len(a):pb]):
        return "coordinated"
    return "many_parties" if len(set(record["parties"])) >= 3 else "other"


def script_of(name: str) -> str:
    """The character classes of a surface name: kanji, kana (katakana), latin, mixed."""
    classes = set()
    for ch in name:
        if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ":
            classes.add("kanji")
        elif "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f":
            classes.add("katakana")
        elif "\u3040" <= ch <= "\u309f":
            classes.add("hiragana")
        elif (ch.isascii() and ch.isalnum()) or "\uff10" <= ch <= "\uff5a":
            classes.add("latin")
    return "+".join(sorted(classes)) or "other"


#: Why a predicted pair is not gold, tried in this order (first match): a party that is not a
#: gold organization (a place, programme, person, document or a wrong name: ``non_org``); two
#: investors or funders of one round or programme (each paired with a third party in the gold,
#: ``co_investors``); a sentence that states no fact (a plan, study, hope, report, denial,
#: negation: ``modality``); a party not named in the quote (carried or resolved wrongly:
#: ``coreference``); two gold parties of the document named together that do not collaborate
#: (members of one list, partners of different deals: ``co_listed``); anything else.
FALSE_CAUSES = ("non_org", "co_investors", "modality", "coreference", "co_listed", "other")
_MONEY = {"investment", "funding", "corporate_venture"}
_NEGATED = re.compile(r"(ない|なかった|ず|ません|ませんでした|なし)[。、）]|には至")


@cache
def _modality_words() -> tuple[str, ...]:
    """The lexicon's words of plans, studies, hopes, reports and denials (matched as text)."""
    from kizuna.extract.japanese.lexicon import japanese

    lx = japanese()
    return tuple(w for w in (*lx.block_words, *lx.intent_words, *lx.not_fact_phrases,
                             *lx.announce_words) if len(w) >= 2)


def false_cause(gold: dict[str, Any], pair: frozenset[str], quote: str) -> str:
    """The cause of a false positive pair (see FALSE_CAUSES)."""
    if any(p.startswith("?") for p in pair):
        return "non_org"
    a, b = sorted(pair)
    money = [set(c["parties"]) for c in gold["collaborations"] if c["mechanism"] in _MONEY]
    if any(a in m for m in money) and any(b in m for m in money) and any(
            (m1 - {a}) & (m2 - {b}) for m1 in money if a in m1 for m2 in money if b in m2):
        return "co_investors"
    if _NEGATED.search(quote) or any(w in quote for w in _modality_words()):
        return "modality"
    names = {o["name"]: [o["name"], *o.get("aliases", [])] for o in gold["organizations"]}
    if not all(any(n and n in quote for n in names.get(p, [p])) for p in pair):
        return "coreference"
    partners = {p for c in gold["collaborations"] for p in c["parties"]}
    if pair <= partners:
        return "co_listed"
    return "other"


class Doc(Protocol):
    stem: str
    text: str
    gold: dict[str, Any]


@cache
def _extractor() -> Any:
    """One dispatcher per process (loading Sudachi is the slow part)."""
    from kizuna.ingest.knowledge import extractor_for_store

    return extractor_for_store(None)


def predictor(model: Any = None, mode: str = "model") -> Callable[[Any], dict[str, Any]]:
    """Predictions the way ``kizuna eval`` makes them (the multilingual dispatcher), with the
    Japanese pipeline deciding by ``model`` (None: the shipped weights)."""
    extractor = _extractor()
    extractor.pipeline("ja").use_relation_model(model, mode)

    def predict(doc: Any) -> dict[str, Any]:
        result: dict[str, Any] = extractor.extract(doc.text, language="ja").to_json()
        return result
    return predict


def cross_validated(docs: Sequence[Doc], folds: int, mode: str, losses: Counter[str],
                    lost: list[str]) -> dict[str, Any]:
    """Predictions for every document from a model trained on the other folds; counts the
    missed gold pairs by where they were lost into ``losses`` (details in ``lost``)."""
    from kizuna.extract.japanese.training import Annotated, grouped_folds, train

    ja = _extractor().pipeline("ja")
    annotated = [Annotated(d.stem, d.text, d.gold) for d in docs]
    preds: dict[str, Any] = {}
    for k, held in enumerate(grouped_folds([d.stem for d in docs], folds)):
        model, _cv = train(ja, [d for d in annotated if d.stem not in held])
        predict = predictor(model, mode)
        for doc in annotated:
            if doc.stem in held:
                preds[doc.stem] = predict(doc)
                where_lost(ja, doc, preds[doc.stem], losses, lost)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    ja.use_relation_model(None, mode)
    return preds


def where_lost(ja: Any, doc: Any, pred: dict[str, Any], losses: Counter[str],
               lost: list[str], date: PartialDate | None = None) -> None:
    from kizuna.extract.japanese.training import canonical, gold_index

    alias, gold_pairs = gold_index(doc.gold)
    extraction, candidates = ja.read(doc.text, date)
    orgs = extraction.organizations
    found_orgs = {canonical(o, alias) for o in orgs.values()} - {None}
    cand_pairs = {frozenset((canonical(orgs.get(c.a.mention.key), alias),
                             canonical(orgs.get(c.b.mention.key), alias))) for c in candidates}

    from kizuna.evaluation import normalise

    predicted: dict[frozenset[str], str] = {}
    for c in pred.get("collaborations", []):
        parties = sorted({alias.get(normalise(p), f"?{p}") for p in c["parties"]})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                predicted.setdefault(frozenset((a, b)), c["quote"])
    gold_dates: dict[frozenset[str], set[str]] = {}
    for g in doc.gold["collaborations"]:
        parties = sorted(set(g["parties"]))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                gold_dates.setdefault(frozenset((a, b)), set()).add(g.get("date") or "")
    dated: dict[frozenset[str], str] = {}
    for c in pred.get("collaborations", []):
        parties = sorted({alias.get(normalise(p), f"?{p}") for p in c["parties"]})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                dated.setdefault(frozenset((a, b)), str(c.get("date") or ""))
    from kizuna.evaluation import MECHANISM_GROUP

    gold_mechs: dict[frozenset[str], set[str]] = {}
    for g in doc.gold["collaborations"]:
        parties = sorted(set(g["parties"]))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                gold_mechs.setdefault(frozenset((a, b)), set()).add(g["mechanism"])
    for c in pred.get("collaborations", []):  # found pairs named in another mechanism group
        parties = sorted({alias.get(normalise(p), f"?{p}") for p in c["parties"]})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                wanted = gold_mechs.get(frozenset((a, b)))
                if wanted and MECHANISM_GROUP.get(c["mechanism"]) not in {
                        MECHANISM_GROUP.get(m) for m in wanted}:
                    lost.append(f"{doc.stem}: mechanism {'/'.join(sorted(wanted))} -> "
                                f"{c['mechanism']}  {a} + {b}: {c['quote'][:60]}")
    for pair, when in dated.items():  # dates of found pairs, at the gold's precision
        if pair in gold_dates:
            dates = {d for d in gold_dates[pair] if d}
            losses["date " + ("empty" if not when else "right" if any(
                when.startswith(d) for d in dates) else "wrong")] += 1
    for pair, quote in predicted.items():
        if pair not in gold_pairs:
            losses["false"] += 1
            cause = false_cause(doc.gold, pair, quote)
            losses[f"false_cause|{cause}"] += 1
            a, b = sorted(pair)
            lost.append(f"{doc.stem}: false     {a} + {b} <{cause}>: {quote[:60]}")
    for pair in sorted(gold_pairs, key=sorted):
        if pair in predicted:
            losses["found"] += 1
            continue
        a, b = sorted(pair)
        why = "org" if not pair <= found_orgs else "rejected" if pair in cand_pairs \
            else "candidate"
        how = construction(doc.text, doc.gold, pair)
        losses[why] += 1
        losses[f"{why}|{how}"] += 1
        if why == "org":
            for name in sorted(pair - found_orgs):
                ja_names = [n for o in doc.gold["organizations"] if o["name"] == name
                            for n in o.get("aliases", []) if script_of(n) != "latin"]
                losses["org_script|" + script_of(ja_names[0] if ja_names else name)] += 1
        lost.append(f"{doc.stem}: {why:9s} {a} + {b}  [{how}]")
    for pair in gold_pairs:
        losses[f"gold|{construction(doc.text, doc.gold, pair)}"] += 1


def pipeline() -> Any:
    """The Japanese pipeline as :func:`predictor` last configured it."""
    return _extractor().pipeline("ja")


def print_constructions(losses: Counter[str]) -> None:
    """Gold pairs by construction: how many, found, and where the rest were lost; then the
    character classes of the organizations never extracted."""
    stages = ("org", "candidate", "rejected")
    print("  gold pairs by construction      gold  found   org  cand  rejected")
    for how in CONSTRUCTIONS:
        gold = losses.get(f"gold|{how}", 0)
        lost = [losses.get(f"{w}|{how}", 0) for w in stages]
        if gold:
            print(f"    {how:28s} {gold:5d}  {gold - sum(lost):5d} " + " ".join(
                f"{n:5d}" for n in lost[:2]) + f" {lost[2]:9d}")
    causes = [(c, losses.get(f"false_cause|{c}", 0)) for c in FALSE_CAUSES]
    print("  false pairs by cause: " + ", ".join(f"{c} {n}" for c, n in causes))
    scripts = sorted((k.split("|")[1], v) for k, v in losses.items()
                     if k.startswith("org_script|"))
    if scripts:
        print("  organizations never extracted, by script: " + ", ".join(
            f"{k} {v}" for k, v in scripts))
