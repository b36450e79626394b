"""Features of a candidate pair: the trigger lexicon, the dependency path between the two
mentions and its length, modality cues (of the sentence and of the clause linking the pair),
the mention kinds, list position, distance, "between" groups, lexical features (the lemmas on
the path and between the two mentions, the clause's verb, the sentence's trigger lemmas: the
model weighs them, no list names them) and whether the hand-written rules found the pair (and
with which mechanism).

Features are named strings with value 1.0 (indicators); the model's weights are keyed by them,
so a feature that does not fire costs nothing."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kizuna.extract.lexicon import Lexicon
from kizuna.extract.mentions import Mention
from kizuna.extract.relations.candidates import PairCandidate, cues
from kizuna.extract.relations.modality import cue_features, scoped_cues
from kizuna.extract.relations.path import MAX_STRING, Path, between, clause_of
from kizuna.model.vocab import Mechanism

_BUCKETS = (1, 3, 6, 10, 16, 25, 40)
#: Feature groups in use (benchmarks/extract_losses.py --groups measures each): ``path`` (the
#: dependency path as labels, its triggers, prepositions and clause-scoped cues), ``lex`` (the
#: lemmas on the path, between the two mentions and of the clause's verb), ``cue`` (membership
#: words, the trigger lemmas of the sentence, the noun an anaphoric candidate refers back with).
#: Only ``path`` ships: trained on the 95 older train documents and scored on 30 newer ones it
#: had not seen (en_t96-en_t125, before they joined the train split), ``lex`` and ``cue`` cost
#: precision (pairs F1 0.516 path alone, 0.503 all three, 0.496 path+cue; dev 0.709 / 0.704;
#: en_heldout 0.493 / 0.507): the lemmas memorise the train split's wording.
GROUPS = {"path"}
#: Words between two mentions further apart than this are not read (only their distance).
MAX_BETWEEN = 12
_CONTENT = ("VERB", "NOUN", "ADP", "ADJ", "ADV", "AUX", "PART", "CCONJ")


def bucket(n: int) -> str:
    return next((f"<={b}" for b in _BUCKETS if n <= b), f">{_BUCKETS[-1]}")


@dataclass
class PairContext:
    lexicon: Lexicon
    kinds: dict[str, str]  # organization id -> kind
    governments: frozenset[str]
    #: pairs the rules found in this sentence, with the mechanism they read
    rule_pairs: dict[frozenset[str], Mechanism]


def _root(doc_span: Span, m: Mention) -> Token | None:
    if m.end <= m.start:
        return None
    return doc_span.doc[m.start:m.end].root


def _path(a: Token, b: Token) -> tuple[Token | None, list[str], list[str]]:
    """The lowest common ancestor and the dependency labels climbed from each side."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    climbed_b: list[str] = []
    node = b
    while node.i not in index:
        climbed_b.append(node.dep_)
        if node.head.i == node.i:
            return None, [t.dep_ for t in up_a], climbed_b
        node = node.head
    return node, [t.dep_ for t in up_a[:index[node.i]]], climbed_b


def _trigger(t: Token, lx: Lexicon) -> Mechanism | None:
    lemma = t.lemma_.lower()
    if t.pos_ in ("VERB", "AUX"):
        return lx.verb_triggers.get(lemma)
    if t.pos_ in ("NOUN", "PROPN"):
        return lx.noun_triggers.get(lemma) or lx.weak_nouns.get(lemma)
    return None


def _kind(m: Mention, ctx: PairContext) -> str:
    if m.org_id in ctx.governments:
        return "government"
    return ctx.kinds.get(m.org_id or "", "new")


def between_groups(sent: Span, m: Mention) -> int:
    """Index of the last "between"/"among" before the mention in its sentence (-1: none)."""
    last = -1
    for t in sent:
        if t.i >= m.start:
            break
        if t.lower_ in cues().group_openers:
            last = t.i
    return last


def pair_features(c: PairCandidate, ctx: PairContext) -> dict[str, float]:
    sent, lx = c.sentence, ctx.lexicon
    f: dict[str, float] = {"bias": 1.0, f"src={c.source}": 1.0}
    ka, kb = sorted((_kind(c.a, ctx), _kind(c.b, ctx)))
    f[f"kinds={ka}|{kb}"] = 1.0
    f[f"kind={ka}"] = f[f"kind={kb}"] = 1.0
    for m in (c.a, c.b):
        f[f"msrc={m.source}"] = 1.0
        if m.is_country:
            f["country_name"] = 1.0
    if c.in_list:
        f["in_list"] = 1.0
    f[f"n_named={bucket(c.n_named)}"] = 1.0
    f[f"n_named={bucket(c.n_named)}|src={c.source}"] = 1.0
    rule = ctx.rule_pairs.get(c.keys)
    if rule is not None:
        f["rule"] = 1.0
        f[f"rule_mech={rule.value}"] = 1.0
    f.update(cue_features(sent, lx))
    f[f"sent_len={bucket(len(sent))}"] = 1.0
    if any(t.ent_type_ == "MONEY" for t in sent):
        f["money"] = 1.0
    if any(t.like_num or t.ent_type_ in ("CARDINAL", "PERCENT") for t in sent):
        f["number"] = 1.0
    if "cue" in GROUPS:
        f.update(sentence_cues(c, ctx))
    for t in sent:
        mech = _trigger(t, lx)
        if mech is not None:
            f[f"trig={mech.value}"] = 1.0
            lo, hi = sorted((c.a.start, c.b.start))
            if lo < t.i < hi:
                f[f"trig_between={mech.value}"] = 1.0
    ra, rb = _root(sent, c.a), _root(sent, c.b)
    if ra is None or rb is None:
        f["no_span"] = 1.0
        return f
    first, second = (c.a, c.b) if c.a.start <= c.b.start else (c.b, c.a)
    f[f"dist={bucket(second.start - first.end)}"] = 1.0
    ga, gb = between_groups(sent, first), between_groups(sent, second)
    if gb >= 0:
        f["between_same" if ga == gb else "between_split"] = 1.0
    lca, up_a, up_b = _path(ra, rb)
    path = between(ra, rb)
    if lca is None or path is None:
        f["no_path"] = 1.0
        return f
    if "path" in GROUPS:
        f.update(path_features(path, ctx))
    if "lex" in GROUPS:
        f.update(lexical_features(path, sent, first, second))
    f[f"path_len={bucket(len(up_a) + len(up_b))}"] = 1.0
    top_a, top_b = sorted((up_a[-1] if up_a else "self", up_b[-1] if up_b else "self"))
    f[f"deps={top_a}|{top_b}"] = 1.0
    f[f"lca_pos={lca.pos_}"] = 1.0
    mech = _trigger(lca, lx)
    f[f"lca_trig={mech.value if mech else 'none'}"] = 1.0
    if lca.pos_ in ("VERB", "NOUN"):
        f[f"lca_lemma={lca.lemma_.lower()}"] = 1.0
    for side in (up_a, up_b):
        if "conj" in side:
            f["conjoined"] = 1.0
        if "appos" in side:
            f["apposition"] = 1.0
    for r in (ra, rb):
        if r.dep_ == "pobj":
            f[f"prep={r.head.lower_}"] = 1.0
        if r.dep_ in ("nsubj", "nsubjpass", "dobj"):
            f[f"role={r.dep_}"] = 1.0
        if r.dep_ in ("compound", "poss", "nmod"):
            f["modifier"] = 1.0
    return f


def path_features(path: Path, ctx: PairContext) -> dict[str, float]:
    """How the parse links the pair: the path as dependency labels (with the common ancestor's
    part of speech, and with its lemma), its length and clause boundaries, coordination, the
    triggers on it and the modality of the clause that governs it."""
    lx = ctx.lexicon
    f: dict[str, float] = {f"path_len={min(path.length, 12)}": 1.0,
                           f"clauses={min(path.clauses(), 3)}": 1.0}
    if path.length <= MAX_STRING:
        f[f"path={path.deps(lemma=False)}"] = 1.0
        f[f"path_lemma={path.deps(lemma=True)}"] = 1.0
    if path.coordinated():
        f["coordinated"] = 1.0
    on_path = path.tokens
    verbs = [t for t in on_path if t.pos_ in ("VERB", "AUX")]
    f[f"path_verbs={min(len(verbs), 3)}"] = 1.0
    triggers = [(t, m) for t in on_path if (m := _trigger(t, lx)) is not None]
    if triggers:
        t, mech = triggers[0]
        f[f"ptrig={mech.value}"] = 1.0
        f[f"ptrig_lemma={t.lemma_.lower()}"] = 1.0
    else:
        f["ptrig=none"] = 1.0
    for t in on_path:
        if t.pos_ == "ADP" or t.dep_ in ("prep", "agent"):
            f[f"path_prep={t.lower_}"] = 1.0
    f.update(scoped_cues(clause_of(path.lca), lx, path.lca))
    return f


def _lemma(t: Token) -> str:
    return t.lemma_.lower() if t.pos_ != "NUM" else "#"


def lexical_features(path: Path, sent: Span, first: Mention, second: Mention
                     ) -> dict[str, float]:
    """The words that link the pair, as lemmas, for the model to weigh (no list of them is
    written anywhere): those on the dependency path, those between the two mentions (other
    organizations' words stand as one ``ORG``), and the verb of the clause governing the path."""
    f: dict[str, float] = {}
    inside = set(range(first.start, first.end)) | set(range(second.start, second.end))
    for t in path.tokens:
        if t.i not in inside and t.pos_ in _CONTENT:
            f[f"plem={_lemma(t)}"] = 1.0
    gap = second.start - first.end
    if 0 <= gap <= MAX_BETWEEN:
        words = [t for t in sent.doc[first.end:second.start] if not t.is_punct]
        for t in words:
            if t.ent_type_ == "ORG" or t.pos_ == "PROPN":
                f["btw=ORG"] = 1.0
            elif t.pos_ in _CONTENT:
                f[f"btw={_lemma(t)}"] = 1.0
        if not words:
            f["btw=none"] = 1.0
    verbs = clause_of(path.lca)
    if verbs:
        f[f"clause_verb={verbs[0].lemma_.lower()}"] = 1.0
    before = sent.doc[first.start - 1] if first.start > sent.start else None
    if before is not None and before.pos_ in _CONTENT:
        f[f"before={_lemma(before)}"] = 1.0
    return f


def sentence_cues(c: PairCandidate, ctx: PairContext) -> dict[str, float]:
    """Membership words (with how many organizations the sentence names), the lemma of every
    trigger in the sentence, and for a pair made by reference the noun that refers back."""
    f: dict[str, float] = {}
    cu = cues()
    n = bucket(c.n_named)
    for t in c.sentence:
        word = t.lower_
        if word in cu.membership or t.lemma_.lower() in cu.membership:
            f["membership"] = 1.0
            f[f"membership|n_named={n}"] = 1.0
        if _trigger(t, ctx.lexicon) is not None:
            f[f"tlem={t.lemma_.lower()}"] = 1.0
        if c.source in ("anaphora", "focus") and word in cu.heads and any(
                d.lower_ in cu.determiners for d in t.children if d.dep_ in ("det", "poss")):
            f[f"refers={t.lemma_.lower()}"] = 1.0
    return f
