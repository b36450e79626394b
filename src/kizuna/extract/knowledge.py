"""What the extractor knows about organizations: names from the knowledge base, and resolution of
a surface form to a known organization (exact key, acronym, fuzzy)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from kizuna.text.names import name_key


@dataclass(frozen=True)
class KnownOrg:
    id: str
    name: str
    kind: str
    country: str
    names: tuple[tuple[str, str], ...]  # (name, lang)
    parent: str | None = None


@dataclass
class KnowledgeBase:
    """Organizations by id, and an index of every name's normalised key."""

    orgs: dict[str, KnownOrg]
    by_key: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    primary_key: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for org in self.orgs.values():
            self.primary_key[org.id] = name_key(org.name)
            for name, _lang in org.names:
                key = name_key(name)
                if key:
                    self.by_key[key].add(org.id)
        # Fuzzy matching only considers names long enough that a near-miss is a spelling
        # variant, not a different organization with a similar short name.
        self._fuzzy_keys = [k for k in self.by_key if len(k) >= 12 and " " in k]

    @property
    def governments(self) -> dict[str, str]:
        """Country code -> id of that country's national government."""
        return {o.country: o.id for o in self.orgs.values() if o.kind == "government"}

    def resolve(self, surface: str) -> str | None:
        return _resolve_cached(self, surface)

    def _resolve(self, surface: str) -> str | None:
        key = name_key(surface)
        if not key:
            return None
        ids = self.by_key.get(key)
        if ids:
            return self._pick(key, ids)
        if len(key) >= 12 and " " in key:
            hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=93)
            if hit is not None:
                return self._pick(hit[0], self.by_key[hit[0]])
            if key.count(" ") >= 2:
                # a name cut short (a line break, a truncated caption): a unique known name
                # that starts with all of its words
                longer = {i for k, ids in self.by_key.items() if k.startswith(key + " ")
                          for i in ids}
                if len(longer) == 1:
                    return next(iter(longer))
        return None

    def _pick(self, key: str, ids: set[str]) -> str | None:
        if len(ids) == 1:
            return next(iter(ids))
        primary = [i for i in ids if self.primary_key[i] == key]
        return primary[0] if len(primary) == 1 else None

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=65536)
def _resolve_cached(kb: KnowledgeBase, surface: str) -> str | None:
    return kb._resolve(surface)


_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,9}$")


def is_acronym(text: str) -> bool:
    """"NASA", "JAXA", "IoT", "S&T": short, no spaces, mostly capitals."""
    if not _ACRONYM.match(text) or len(text) > 8:
        return False
    upper = sum(ch.isupper() for ch in text)
    return upper >= 2 and upper >= sum(ch.islower() for ch in text)
