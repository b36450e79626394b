"""Coordinated pairs: 「AとB、CとDがそれぞれ…」 and 「AとBの間の…と、CとDの間の…」 state one
collaboration per pair (A-B and C-D), not one among all four. The pairs are found here; the
decision (:mod:`~kizuna.extract.japanese.decide`) keeps the pairs and drops the crossings, and
a later sentence that points back to them ("これらの協力は、Eが支援する") is paired with
every party of them (:mod:`~kizuna.extract.japanese.candidates`)."""

from __future__ import annotations

from kizuna.extract.japanese.mentions import JaMention

#: What may follow the first pair for the sentence to be a list of pairs.
_AFTER_FIRST = ("、", "の間", "との間")


def pair_groups(text: str, own: list[JaMention]) -> list[tuple[JaMention, JaMention]]:
    """Two or more pairs "XとY" that together are all of ``own`` (the sentence's distinct
    parties), the first followed by a comma or 間 ("AとBは、CとDに出資した" is no list of
    pairs: the first pair is the topic); [] otherwise."""
    ordered = sorted(own, key=lambda m: m.start_char)
    pairs: list[tuple[JaMention, JaMention]] = []
    i = 0
    while i < len(ordered) - 1:
        a, b = ordered[i], ordered[i + 1]
        if text[a.end_char:b.start_char].removeprefix("社") in ("と", "および", "及び"):
            pairs.append((a, b))
            i += 2
        else:
            i += 1
    if len(pairs) < 2 or len(pairs) * 2 != len(ordered):
        return []
    if not text.startswith(_AFTER_FIRST, pairs[0][1].end_char):
        return []
    return pairs


def keys_of(pairs: list[tuple[JaMention, JaMention]]) -> list[frozenset[str]]:
    return [frozenset((a.mention.key, b.mention.key)) for a, b in pairs]
