"""A matcher version's prepared index: what it builds from the lists before its first query
(normalised names, token and trigram vocabularies with their postings, the deletion index,
each name's norms), kept in a file so the next process loads it instead of building it.

The protocol (:class:`Prepared`) is generic over versions: a version that can be kept says
how to take its index apart (:meth:`Prepared.parts`: JSON-able data and NumPy arrays), how to
put it together again (:meth:`Prepared.from_parts`) and how to make its matcher from it
(:meth:`Prepared.matcher`); :data:`PREPARED` maps a version's label to its class. The file
format is the same for all (:func:`write_index`, :func:`read_index`): one NumPy ``.npz``
(no pickle: read with ``allow_pickle=False``) holding the arrays, the JSON header and a
SHA-256 of all of it, written to a temporary file and renamed into place. A file that does not
read back exactly (truncated, altered, another key, inconsistent parts) raises
:class:`IndexUnreadable`, never gives a matcher.

A version without a class here is simply built each time (the older versions, the WRatio
baseline). :class:`Prepared14` serves ``kizuna-match/1.4``, :class:`Prepared15`
``kizuna-match/1.5`` (the same names, token postings and norms, and 1.5's trigram matrix as
built), :class:`Prepared16` ``kizuna-match/1.6`` (its 1.5 base's index); a later version can
reuse their parts.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar, Protocol, Self

import numpy as np
from numpy.typing import NDArray

from kizuna.screening.matching.base import Entry, Matcher
from kizuna.screening.matching.v1_5 import Form
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import NameForm

__all__ = ["FORMAT", "PREPARED", "IndexUnreadable", "Prepared", "Prepared14",
           "Prepared15", "Prepared16", "no_gc",
           "read_index", "write_index"]

FORMAT = "kizuna-screening-index/1"
_HEADER, _CHECKSUM = "header", "sha256"  # reserved array names in the file


class IndexUnreadable(ValueError):
    """A prepared-index file that cannot be used (its reason says why)."""


class Prepared(Protocol):
    """A matcher version's index over some lists, ready to be kept and loaded again."""

    #: the ``NAME/VERSION`` label of the matcher this index makes
    ALGORITHM: ClassVar[str]
    lists: Sequence[ParsedList]

    @classmethod
    def prepare(cls, lists: Sequence[ParsedList]) -> Self:
        """Build the index from the lists (as the matcher's constructor does)."""
        ...

    @classmethod
    def of(cls, matcher: Any) -> Self:
        """The index a freshly built matcher of this version holds."""
        ...

    def matcher(self) -> Matcher:
        """The matcher over this index, the same as the constructor builds."""
        ...

    def parts(self) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
        """JSON-able data and arrays that :meth:`from_parts` puts together again."""
        ...

    @classmethod
    def from_parts(cls, data: Mapping[str, Any], arrays: Mapping[str, NDArray[Any]]) -> Self:
        """The index from :meth:`parts`; :class:`IndexUnreadable` when they do not fit."""
        ...


def no_gc() -> AbstractContextManager[None]:
    """The cyclic garbage collector paused: reading an index makes some 100,000 small objects
    and none are garbage, yet each collection walks them all (half the time of a load)."""
    from kizuna.collector import collector_paused

    return collector_paused(freeze=False)


def _digest(header: bytes, arrays: Mapping[str, NDArray[Any]]) -> bytes:
    h = hashlib.sha256(header)
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        h.update(f"\0{name}\0{arr.dtype.str}\0{arr.shape}\0".encode())
        h.update(arr.tobytes())
    return h.digest()


def write_index(path: Path, prepared: Prepared, key: Mapping[str, Any]) -> None:
    """Write ``prepared`` to ``path`` under ``key`` (what it was built from): a temporary
    file in the same folder, renamed over ``path`` once complete, so a reader sees the old
    file or the new one, never half of one."""
    data, arrays = prepared.parts()
    if _HEADER in arrays or _CHECKSUM in arrays:
        raise ValueError(f"array names {_HEADER!r} and {_CHECKSUM!r} are reserved")
    header = json.dumps({"format": FORMAT, "algorithm": prepared.ALGORITHM, "key": dict(key),
                         "data": data}, ensure_ascii=False, separators=(",", ":")).encode()
    checksum = np.frombuffer(_digest(header, arrays), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            stored: dict[str, Any] = {**arrays, _HEADER: np.frombuffer(header, dtype=np.uint8),
                                      _CHECKSUM: checksum}
            np.savez(f, **stored)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # as any file written here (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_index(path: Path, cls: type[Prepared], key: Mapping[str, Any]) -> Prepared:
    """The index kept at ``path``, checked against its checksum, ``cls``'s version and
    ``key``; :class:`IndexUnreadable` (with the reason) for any file that is not exactly
    what ``write_index`` wrote for this key."""
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {name: z[name] for name in z.files}
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        raise IndexUnreadable(f"not a readable index file ({type(exc).__name__}: {exc})"
                              ) from None
    header_arr, checksum = arrays.pop(_HEADER, None), arrays.pop(_CHECKSUM, None)
    if header_arr is None or checksum is None:
        raise IndexUnreadable("no header or checksum")
    header = header_arr.tobytes()
    if checksum.tobytes() != _digest(header, arrays):
        raise IndexUnreadable("checksum does not match its content")
    try:
        meta = json.loads(header)
    except ValueError as exc:
        raise IndexUnreadable(f"header is not JSON ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise IndexUnreadable(f"not a {FORMAT} file")
    if meta.get("algorithm") != cls.ALGORITHM:
        raise IndexUnreadable(f"made for {meta.get('algorithm')}, not {cls.ALGORITHM}")
    if meta.get("key") != dict(key):
        raise IndexUnreadable("made from other lists or another kizuna")
    try:
        return cls.from_parts(meta["data"], arrays)
    except IndexUnreadable:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise IndexUnreadable(f"inconsistent content ({type(exc).__name__}: {exc})") from None


def _csr(postings: Mapping[str, NDArray[np.int32]]) -> tuple[NDArray[np.int64],
                                                              NDArray[np.int32]]:
    lengths = np.fromiter((len(ix) for ix in postings.values()), dtype=np.int64,
                          count=len(postings))
    indptr = np.zeros(len(postings) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.concatenate(list(postings.values())).astype(np.int32, copy=False) \
        if postings else np.zeros(0, dtype=np.int32)
    return indptr, indices


def _check_csr(vocab: Sequence[str], indptr: NDArray[Any], indices: NDArray[Any],
               size: int, what: str) -> list[int]:
    """Postings in CSR form checked: one non-empty, increasing row per word, every name index
    in range (the matcher would otherwise fail later, or answer wrongly); the row bounds."""
    if len(set(vocab)) != len(vocab) or indptr.dtype != np.int64 or indices.dtype != np.int32:
        raise IndexUnreadable(f"{what}: bad vocabulary or dtypes")
    if indptr.shape != (len(vocab) + 1,) or indices.ndim != 1 or indptr[0] != 0 \
            or indptr[-1] != len(indices) or np.any(np.diff(indptr) <= 0):
        raise IndexUnreadable(f"{what}: postings do not fit the vocabulary")
    if len(indices) and (indices.min() < 0 or indices.max() >= size):
        raise IndexUnreadable(f"{what}: a name index out of range")
    step = np.diff(indices)
    starts = indptr[1:-1] - 1  # positions in ``step`` where a new row begins
    ok = np.ones(len(step), dtype=bool)
    ok[starts[(starts >= 0) & (starts < len(step))]] = False
    if np.any(step[ok] <= 0):
        raise IndexUnreadable(f"{what}: postings not in increasing order")
    bounds: list[int] = indptr.tolist()
    return bounds


def _postings(vocab: Sequence[str], indptr: NDArray[Any], indices: NDArray[Any],
              size: int, what: str) -> dict[str, NDArray[np.int32]]:
    """Postings from their CSR form, checked (:func:`_check_csr`)."""
    bounds = _check_csr(vocab, indptr, indices, size, what)
    return {w: indices[bounds[i]:bounds[i + 1]] for i, w in enumerate(vocab)}


def _entity_json(e: ListEntity) -> list[Any]:
    return [e.entity_id, e.name, e.aliases, e.entity_type, e.countries, e.programs, e.source,
            e.remarks, e.weak_aliases, e.line]


# The parts 1.4 and 1.5 share: the lists, the listed names (1.5's with their raw words), the
# token postings and each name's token norm.

def _names_parts(lists: Sequence[ParsedList], entries: Sequence[Entry],
                 token_postings: Mapping[str, NDArray[np.int32]],
                 token_norm: NDArray[np.float32], *, raw: bool = False
                 ) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
    where: dict[int, tuple[int, int]] = {}  # id(entity) -> (list, position)
    out = []
    for li, lst in enumerate(lists):
        for ei, ent in enumerate(lst.entities):
            where[id(ent)] = (li, ei)
        out.append({"list_id": lst.list_id, "name": lst.name, "publisher": lst.publisher,
                    "version": lst.version, "format": lst.format, "path": lst.path,
                    "sha256": lst.sha256, "url": lst.url,
                    "entities": [_entity_json(e) for e in lst.entities]})
    rows = []
    for e in entries:
        row = [*where[id(e.entity)], e.name, e.is_main, e.weak, e.form.key,
               list(e.form.tokens), e.form.cjk, e.form.flat]
        if raw:
            row.append(list(e.form.raw) if isinstance(e.form, Form) else [])
        rows.append(row)
    tok_ptr, tok_ix = _csr(token_postings)
    data = {"lists": out, "entries": rows, "token_vocab": list(token_postings)}
    arrays: dict[str, NDArray[Any]] = {
        "token_indptr": tok_ptr, "token_indices": tok_ix,
        "token_norm": np.asarray(token_norm, dtype=np.float32)}
    return data, arrays


def _names_from_parts(data: Mapping[str, Any], arrays: Mapping[str, NDArray[Any]], *,
                      raw: bool = False
                      ) -> tuple[list[ParsedList], list[Entry], dict[str, NDArray[np.int32]],
                                 NDArray[np.float32]]:
    lists = [ParsedList(d["list_id"], d["name"], d["publisher"], d["version"], d["format"],
                        d["path"], d["sha256"],
                        [ListEntity(eid, name, list(al), etype, list(cc), list(pr), src, rem,
                                    list(weak), line)
                         for eid, name, al, etype, cc, pr, src, rem, weak, line
                         in d["entities"]], d["url"])
             for d in data["lists"]]
    entries = []
    for li, ei, name, is_main, weak, key, tokens, cjk, flat, *rest in data["entries"]:
        if not (0 <= li < len(lists) and 0 <= ei < len(lists[li].entities)):
            raise IndexUnreadable("an entry names an entity that is not there")
        if len(rest) != int(raw):
            raise IndexUnreadable("an entry has the wrong fields")
        form = Form(key, tuple(tokens), bool(cjk), flat, tuple(rest[0])) if raw \
            else NameForm(key, tuple(tokens), bool(cjk), flat)
        entries.append(Entry(lists[li].list_id, lists[li].entities[ei], name, bool(is_main),
                             bool(weak), form))
    n = len(entries)
    token_norm = _norms(arrays, "token_norm", np.float32, n)
    postings = _postings(data["token_vocab"], arrays["token_indptr"], arrays["token_indices"],
                         n, "token index")
    return lists, entries, postings, token_norm


def _norms(arrays: Mapping[str, NDArray[Any]], name: str, dtype: type[np.floating[Any]],
           size: int) -> NDArray[Any]:
    """One norm per name, of the dtype the matcher made them in."""
    norm = arrays[name]
    if norm.dtype != dtype or norm.shape != (size,):
        raise IndexUnreadable("norms do not fit the names")
    return norm


# -- kizuna-match/1.4 ---------------------------------------------------------------------------

@dataclass
class Prepared14:
    """``kizuna-match/1.4``'s index: 1.1's names and token index (postings, norms) and 1.2's
    trigram index (postings, norms). 1.3 adds nothing. Made again from the postings when the
    matcher is (a few hundredths of a second, less than reading them): 1.1's deletion index
    (not kept: it is larger than the rest of the index) and 1.4's sparse matrices."""

    ALGORITHM: ClassVar[str] = "kizuna-match/1.4"

    lists: Sequence[ParsedList]
    entries: list[Entry]
    token_postings: dict[str, NDArray[np.int32]]
    token_norm: NDArray[np.float32]
    ngram_postings: dict[str, NDArray[np.int32]]
    ngram_norm: NDArray[np.float64]

    @classmethod
    def prepare(cls, lists: Sequence[ParsedList]) -> Prepared14:
        from kizuna.screening.matching.v1_4 import KizunaMatcher14

        return cls.of(KizunaMatcher14(lists))

    @classmethod
    def of(cls, matcher: Any) -> Prepared14:
        v11, v12 = matcher._v11, matcher._v12
        return cls(matcher.lists, v11._entries, v11._index.postings, v11._norm,
                   v12._ngrams.postings, v12._ngrams.norm)

    def matcher(self) -> Matcher:
        from kizuna.screening.matching.blocking import TokenIndex
        from kizuna.screening.matching.ngram import NgramIndex
        from kizuna.screening.matching.v1_1 import MAX_DF_SHARE, KizunaMatcher11
        from kizuna.screening.matching.v1_2 import KizunaMatcher12
        from kizuna.screening.matching.v1_3 import KizunaMatcher13
        from kizuna.screening.matching.v1_4 import KizunaMatcher14

        n = len(self.entries)
        tokens = TokenIndex.from_postings(self.token_postings, n, max_df_share=MAX_DF_SHARE)
        v11 = KizunaMatcher11.from_index(self.lists, self.entries, tokens, self.token_norm)
        v12 = KizunaMatcher12.from_index(self.lists, v11, NgramIndex.from_parts(
            self.ngram_postings, self.ngram_norm, n))
        return KizunaMatcher14.from_index(self.lists, KizunaMatcher13.from_index(self.lists, v12))

    def parts(self) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
        data, arrays = _names_parts(self.lists, self.entries, self.token_postings,
                                    self.token_norm)
        ng_ptr, ng_ix = _csr(self.ngram_postings)
        data["ngram_vocab"] = list(self.ngram_postings)
        arrays.update({"ngram_indptr": ng_ptr, "ngram_indices": ng_ix,
                       "ngram_norm": np.asarray(self.ngram_norm, dtype=np.float64)})
        return data, arrays

    @classmethod
    def from_parts(cls, data: Mapping[str, Any], arrays: Mapping[str, NDArray[Any]]
                   ) -> Prepared14:
        lists, entries, tokens, token_norm = _names_from_parts(data, arrays)
        n = len(entries)
        ngram_norm = _norms(arrays, "ngram_norm", np.float64, n)
        grams = _postings(data["ngram_vocab"], arrays["ngram_indptr"], arrays["ngram_indices"],
                          n, "trigram index")
        return cls(lists, entries, tokens, token_norm, grams, ngram_norm)


# -- kizuna-match/1.5 ---------------------------------------------------------------------------

@dataclass
class Prepared15:
    """``kizuna-match/1.5``'s index (:class:`~kizuna.screening.matching.v1_5.PreparedIndex`):
    1.4's names (with their raw words), token postings and norms, and the trigram matrix as
    built (its CSR arrays: the trigram postings, each name's 1/norm, the trigram weights; 1.5
    keeps no trigram dictionaries). Made again when the matcher is: the deletion index, the
    exact keys, the common words and the token matrix."""

    ALGORITHM: ClassVar[str] = "kizuna-match/1.5"

    lists: Sequence[ParsedList]
    entries: list[Entry]
    token_postings: dict[str, NDArray[np.int32]]
    token_norm: NDArray[np.float32]
    ngram_vocab: list[str]
    ngram_indptr: NDArray[np.int64]
    ngram_indices: NDArray[np.int32]
    ngram_data: NDArray[np.float64]  # each posting's 1 / the name's trigram norm
    ngram_weight: NDArray[np.float64]  # each trigram's IDF²

    @classmethod
    def prepare(cls, lists: Sequence[ParsedList]) -> Prepared15:
        from kizuna.screening.matching.v1_5 import KizunaMatcher15

        return cls.of(KizunaMatcher15(lists))

    @classmethod
    def of(cls, matcher: Any) -> Prepared15:
        ix = matcher.index
        tri = ix.trigrams
        m = tri.matrix
        return cls(matcher.lists, ix.entries, ix.tokens.postings, ix.norm, list(tri.vocab),
                   m.indptr.astype(np.int64), m.indices.astype(np.int32),
                   m.data.astype(np.float64), tri.weight.astype(np.float64))

    def matcher(self) -> Matcher:
        import scipy.sparse as sp

        from kizuna.screening.matching.blocking import TokenIndex
        from kizuna.screening.matching.ngram import NgramIndex
        from kizuna.screening.matching.sparse import TrigramMatrix
        from kizuna.screening.matching.v1_5 import MAX_DF_SHARE, KizunaMatcher15, assemble_index

        n = len(self.entries)
        tokens = TokenIndex.from_postings(self.token_postings, n, max_df_share=MAX_DF_SHARE)
        matrix = sp.csr_matrix((self.ngram_data, self.ngram_indices, self.ngram_indptr),
                               shape=(len(self.ngram_vocab), n))
        # 1.5's trigram index keeps only its size (and so ``max_df``) once the matrix is made
        ngrams = NgramIndex.from_parts({}, np.zeros(0), n)
        trigrams = TrigramMatrix.from_parts(ngrams, self.ngram_vocab, matrix, self.ngram_weight)
        return KizunaMatcher15(self.lists, index=assemble_index(self.entries, tokens,
                                                                self.token_norm, trigrams))

    def parts(self) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
        data, arrays = _names_parts(self.lists, self.entries, self.token_postings,
                                    self.token_norm, raw=True)
        data["ngram_vocab"] = list(self.ngram_vocab)
        arrays.update({"ngram_indptr": self.ngram_indptr, "ngram_indices": self.ngram_indices,
                       "ngram_data": self.ngram_data, "ngram_weight": self.ngram_weight})
        return data, arrays

    @classmethod
    def from_parts(cls, data: Mapping[str, Any], arrays: Mapping[str, NDArray[Any]]
                   ) -> Prepared15:
        lists, entries, tokens, token_norm = _names_from_parts(data, arrays, raw=True)
        vocab = list(data["ngram_vocab"])
        indptr, indices = arrays["ngram_indptr"], arrays["ngram_indices"]
        _check_csr(vocab, indptr, indices, len(entries), "trigram index")
        values, weight = arrays["ngram_data"], arrays["ngram_weight"]
        if values.dtype != np.float64 or values.shape != indices.shape \
                or weight.dtype != np.float64 or weight.shape != (len(vocab),):
            raise IndexUnreadable("trigram weights do not fit the trigram index")
        return cls(lists, entries, tokens, token_norm, vocab, indptr, indices, values, weight)


# -- kizuna-match/1.6 ---------------------------------------------------------------------------

@dataclass
class Prepared16(Prepared15):
    """``kizuna-match/1.6``'s index: its base scorer's (1.5's, kept as :class:`Prepared15`
    keeps it). 1.6's own table, the initials of the listed names, is made again from the names
    when the matcher is (milliseconds)."""

    ALGORITHM: ClassVar[str] = "kizuna-match/1.6"

    @classmethod
    def prepare(cls, lists: Sequence[ParsedList]) -> Prepared16:
        from kizuna.screening.matching.v1_6 import KizunaMatcher16

        return cls.of(KizunaMatcher16(lists))

    @classmethod
    def of(cls, matcher: Any) -> Prepared16:
        kept = Prepared15.of(matcher._base)
        return cls(**{f.name: getattr(kept, f.name) for f in fields(cls)})

    def matcher(self) -> Matcher:
        from kizuna.screening.matching.v1_6 import KizunaMatcher16

        return KizunaMatcher16(self.lists, base=super().matcher())

    @classmethod
    def from_parts(cls, data: Mapping[str, Any], arrays: Mapping[str, NDArray[Any]]
                   ) -> Prepared16:
        kept = Prepared15.from_parts(data, arrays)
        return cls(**{f.name: getattr(kept, f.name) for f in fields(cls)})


#: version label -> its prepared index (a version missing here is built every time)
PREPARED: dict[str, type[Prepared]] = {cls.ALGORITHM: cls
                                       for cls in (Prepared14, Prepared15, Prepared16)}
