"""The dependency path between two mentions, and what lies on it: the features that say how a
sentence links a pair (through a trigger verb, a coordination, an apposition, a clause boundary)
rather than only that the pair shares a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

#: Longer paths are summarised by their length only (their strings would never repeat).
MAX_STRING = 6
_CLAUSE = {"ccomp", "advcl", "relcl", "acl", "parataxis", "xcomp", "csubj"}


@dataclass
class Path:
    lca: Token
    up: list[Token]  # from the first mention's root up to (not including) the common ancestor
    down: list[Token]  # from the second mention's root up to (not including) it

    @property
    def length(self) -> int:
        return len(self.up) + len(self.down)

    @property
    def tokens(self) -> list[Token]:
        """The tokens strictly between the two mentions' roots on the path, and the ancestor."""
        return [*self.up[1:], self.lca, *self.down[1:]] if self.up and self.down else \
            [*self.up[1:], *self.down[1:], self.lca]

    def deps(self, lemma: bool) -> str:
        # a proper noun's lemma is a name: learning it would memorise the train split's parties
        top = self.lca.lemma_.lower() if lemma and self.lca.pos_ != "PROPN" else self.lca.pos_
        return ">".join(t.dep_ for t in self.up) + f"^{top}^" + "<".join(
            t.dep_ for t in reversed(self.down))

    def clauses(self) -> int:
        """Clause boundaries the path crosses: 0 when the two are arguments of one clause."""
        return sum(t.dep_ in _CLAUSE for t in [*self.up, *self.down])

    def coordinated(self) -> bool:
        """The two are conjuncts of one another ("A and B", "A, B and C")."""
        return all(t.dep_ in ("conj", "appos") for t in [*self.up, *self.down])

    def apposition(self) -> bool:
        return any(t.dep_ == "appos" for t in [*self.up, *self.down])


def between(a: Token, b: Token) -> Path | None:
    """The path between two tokens of one sentence (None when the parse joins them nowhere)."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    down: list[Token] = []
    node = b
    while node.i not in index:
        down.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    return Path(node, up_a[:index[node.i]], down)


def clause_of(t: Token) -> list[Token]:
    """The verbs that govern ``t`` up to the sentence root: where its modality is said."""
    out = []
    node = t
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            out.append(node)
        if node.head.i == node.i:
            break
        node = node.head
    return out
