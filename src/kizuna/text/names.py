"""Name normalisation shared by lookup, resolution and scoring.

The key of a name is what two spellings of the same organization have in common: Unicode NFKC
(full-width forms fold to ASCII), case folding, no punctuation, no legal-form suffixes and no
leading "the". It is the same comparison the extraction scorer makes, so the store's lookups agree
with how kizuna is measured.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["JA_LEGAL_FORMS", "LEGAL_SUFFIXES", "name_key", "slugify"]

#: Legal-form and group words dropped from the end (and "the" from the start) of a name.
LEGAL_SUFFIXES = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
     "plc", "holdings", "holding", "group", "kk", "gk", "sa", "ag", "gmbh", "nv", "bv"}
)
#: Japanese legal forms, dropped wherever they stand (株式会社トヨタ, トヨタ株式会社).
JA_LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "（株）", "(株)", "㈱")

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The normalised comparison key of an organization name."""
    text = unicodedata.normalize("NFKC", name)
    for form in JA_LEGAL_FORMS:
        text = text.replace(unicodedata.normalize("NFKC", form), " ")
    text = text.casefold().replace("&", " and ")
    text = _PUNCT.sub(" ", text.replace(".", "").replace("'", "").replace("’", ""))
    words = _SPACE.sub(" ", text).strip().split(" ")
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(w for w in words if w)


def slugify(name: str) -> str:
    """A stable lowercase ASCII id for a name; non-Latin names keep a short hash instead."""
    import hashlib

    key = name_key(name)
    ascii_part = re.sub(r"[^a-z0-9]+", "-", key.encode("ascii", "ignore").decode()).strip("-")
    if len(ascii_part) >= 2:
        return ascii_part[:80]
    return "org-" + hashlib.sha256(key.encode()).hexdigest()[:12]
