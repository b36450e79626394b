"""The default matcher's prepared index, kept between runs for the lists loaded in a store.

Building the default ``kizuna-match/1.5``'s index (normalising ~12,000 listed names, token,
deletion and trigram indexes and their sparse matrices) takes about 1.3 s of CPU; loading it
back, 0.17 s (1.4's likewise). ``kizuna lists
load`` (and ``lists remove``) writes the index of the lists now loaded; any other command that
screens against the loaded lists loads it, or builds and writes it when it is missing, stale
or unreadable (with a warning naming the file), so a lost or damaged file costs one rebuild,
never a wrong answer.

**Where.** Beside a SQLite database file, in ``<file>.screening-index/`` (the default
database is ``KIZUNA_DATA_DIR/kizuna.db``, so by default in the data folder): derived data
stays with what it is derived from (a copied or deleted database folder takes it along, two
databases never share one, and tests with temporary databases leave nothing behind). For
PostgreSQL (or a SQLite URL that is not a plain file) it is ``KIZUNA_DATA_DIR/cache/
screening-index/<digest of the database URL>/``: one folder per database on each machine,
built there on first use. Not a table: the index is
derived data a few MiB large, and reading it from a local file is what makes it fast; a table
would need a migration, a blob fetched through the network on every run, and every server's
version of kizuna to agree on it.

**Key.** A file is named by a digest of its key: the matcher's ``NAME/VERSION``, each loaded
list's id, content hash, load time and entity and name counts, and a fingerprint of the code
that builds the index (the matching package, the name normaliser and transliteration, the
pypinyin and Unicode versions). Loading or removing a list or changing the matcher changes the
key, so a stale file is never read; the file itself repeats the key and a checksum
(:mod:`kizuna.screening.matching.prepared`), checked on every load. The newest few files are
kept (several databases may share the folder); older ones are removed when one is written.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kizuna.errors import E, KizunaError

if TYPE_CHECKING:
    from kizuna.screening.matching.base import Matcher
    from kizuna.screening.matching.prepared import Prepared
    from kizuna.screening.model import ParsedList
    from kizuna.store import Store

__all__ = ["cache_dir", "cache_key", "cached_matcher", "index_path", "keep_pinyin", "load_pinyin",
           "refresh", "resolve"]

SUFFIX = ".screening-index"
KEEP = 4  # index files kept per folder (the newest), for databases sharing it
#: What the prepared index is built by: a change to any of these changes the key.
_CODE = ("screening/matching", "screening/normalize.py", "screening/countries.py",
         "text/translit.py")


def resolve(algorithm: str) -> str:
    """The ``NAME/VERSION`` label an algorithm name selects (``kizuna-match`` is the
    latest)."""
    from kizuna.screening.matching.registry import ALGORITHMS, LATEST

    if algorithm in LATEST:
        return f"{algorithm}/{ALGORITHMS[algorithm][0]}"
    return algorithm


def cache_dir(store: Store) -> Path:
    """The folder of ``store``'s index files (see the module's docstring)."""
    from kizuna.store.sqlite_read import sqlite_file

    path = sqlite_file(store.url)
    if path is not None:
        return path.parent / (path.name + SUFFIX)
    from sqlalchemy import make_url

    from kizuna.settings import load_settings

    # one folder per database (server, port, name; never the password): two databases' lists
    # differ, and neither should see, count or prune the other's files
    where = make_url(store.url).render_as_string(hide_password=True)
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
    return load_settings().data_dir / "cache" / "screening-index" / digest


@cache
def code_fingerprint() -> str:
    import kizuna

    root = Path(kizuna.__file__).resolve().parent
    h = hashlib.sha256()
    for rel in _CODE:
        p = root / rel
        for f in sorted(p.glob("*.py")) if p.is_dir() else [p]:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    try:
        from importlib.metadata import version

        pinyin = version("pypinyin")
    except Exception:  # not installed as a distribution: the code hash still holds
        pinyin = "?"
    h.update(f"pypinyin {pinyin}; unicode {unicodedata.unidata_version}".encode())
    return h.hexdigest()


def cache_key(algorithm: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What an index file is built from: the matcher, the loaded lists (their rows in
    ``restricted_lists``) and the code."""
    lists = sorted([str(r["id"]), str(r["sha256"]), str(r["loaded_at"]),
                    int(r["entity_count"]), int(r["name_count"])] for r in rows)
    return {"algorithm": algorithm, "lists": lists, "code": code_fingerprint()}


def index_path(folder: Path, key: Mapping[str, Any]) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
    return folder / f"{str(key['algorithm']).replace('/', '_')}-{digest}.npz"


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _prepared_class(label: str) -> type[Prepared] | None:
    from kizuna.screening.matching.prepared import PREPARED

    return PREPARED.get(label)


def _rows(store: Store) -> list[dict[str, Any]]:
    from kizuna.screening.lists import loaded_lists

    return loaded_lists(store)


def cached_matcher(store: Store, algorithm: str,
                   rows: Sequence[Mapping[str, Any]] | None = None
                   ) -> tuple[Matcher, list[ParsedList]]:
    """The matcher over the lists loaded in ``store`` and those lists: loaded from its kept
    index when there is a good one, else built from the store (and its index written).
    ``rows`` are the store's ``restricted_lists`` rows when the caller has read them."""
    from kizuna.screening.lists import stored_lists
    from kizuna.screening.matching.registry import build_matcher

    label = resolve(algorithm)
    cls = _prepared_class(label)
    if cls is None:
        lists = stored_lists(store)
        if not lists:
            raise KizunaError(E.NO_LISTS)
        return build_matcher(lists, label), lists
    rows = list(rows) if rows is not None else _rows(store)
    if not rows:
        raise KizunaError(E.NO_LISTS)
    key = cache_key(label, rows)
    folder = cache_dir(store)
    load_pinyin(folder)
    path = index_path(folder, key)
    if path.exists():
        from kizuna.screening.matching.prepared import IndexUnreadable, no_gc, read_index

        try:
            with no_gc():
                prepared = read_index(path, cls, key)
                return prepared.matcher(), list(prepared.lists)
        except IndexUnreadable as exc:
            _warn(f"screening index {path} is unusable ({exc}); rebuilding it")
    lists = stored_lists(store)
    if not lists:
        raise KizunaError(E.NO_LISTS)
    matcher = build_matcher(lists, label)
    if cache_key(label, _rows(store)) == key:  # no load in between: the index is of ``key``
        _save(path, cls.of(matcher), key)
    return matcher, lists


def _save(path: Path, prepared: Prepared, key: Mapping[str, Any]) -> bool:
    from kizuna.screening.matching.prepared import write_index

    try:
        write_index(path, prepared, key)
    except OSError as exc:  # a read-only folder: screen anyway, just without keeping it
        _warn(f"could not keep the screening index in {path.parent} ({exc})")
        return False
    _prune(path.parent, path)
    return True


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest ``KEEP`` index files (another process may be pruning too)."""
    dated = []
    for f in folder.glob("*.npz"):
        try:
            dated.append((f.stat().st_mtime, f))
        except OSError:
            continue
    for _mtime, old in sorted(dated, reverse=True)[KEEP:]:
        if old != keep:
            old.unlink(missing_ok=True)


def refresh(store: Store, algorithm: str = "kizuna-match") -> Path | None:
    """Write the index of the lists now loaded (after ``lists load`` or ``lists remove``);
    None when no list is loaded or the version keeps no index."""
    from kizuna.screening.lists import stored_lists

    label = resolve(algorithm)
    cls = _prepared_class(label)
    rows = _rows(store)
    if cls is None or not rows:
        return None
    key = cache_key(label, rows)
    path = index_path(cache_dir(store), key)
    if path.exists():
        from kizuna.screening.matching.prepared import IndexUnreadable, read_index

        try:
            read_index(path, cls, key)
            return path
        except IndexUnreadable as exc:
            _warn(f"screening index {path} is unusable ({exc}); rebuilding it")
    prepared = cls.prepare(stored_lists(store))
    if cache_key(label, _rows(store)) != key:
        return None
    return path if _save(path, prepared, key) else None


# -- the pinyin of queries' Han runs --------------------------------------------------------------
# A query with Chinese characters (a Japanese company's kanji name, as every organization brief
# of one screens) needs pypinyin's dictionary, 0.15-0.3 s to load, unless its runs were met
# before: the runs pypinyin romanised are kept in the same folder (checksummed JSON, keyed by the
# code fingerprint, which includes the pypinyin version), and known to the next process.

PINYIN_FORMAT = "kizuna-pinyin-memo/1"


def _pinyin_path(folder: Path) -> Path:
    return folder / f"pinyin-{code_fingerprint()[:32]}.json"


def _runs_digest(runs: Mapping[str, Sequence[str]]) -> str:
    return hashlib.sha256(json.dumps(runs, sort_keys=True, ensure_ascii=False).encode()
                          ).hexdigest()


def _read_pinyin(path: Path) -> dict[str, tuple[str, ...]] | None:
    """The kept runs, or None (with a warning) for a file that is not exactly one written
    for this code."""
    try:
        data = json.loads(path.read_bytes())
        runs = data["runs"]
        ok = (data.get("format") == PINYIN_FORMAT and data.get("code") == code_fingerprint()
              and isinstance(runs, dict)
              and all(isinstance(k, str) and isinstance(v, list)
                      and all(isinstance(x, str) for x in v) for k, v in runs.items())
              and data.get("sha256") == _runs_digest(runs))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _warn(f"pinyin memo {path} is unusable ({type(exc).__name__}); it is not used")
        return None
    if not ok:
        _warn(f"pinyin memo {path} is unusable (checksum or key); it is not used")
        return None
    return {k: tuple(v) for k, v in runs.items()}


def load_pinyin(folder: Path) -> None:
    """Make the kept runs known (:func:`kizuna.text.translit.known_pinyin`)."""
    path = _pinyin_path(folder)
    if not path.exists():
        return
    runs = _read_pinyin(path)
    if runs:
        from kizuna.text.translit import known_pinyin

        known_pinyin(runs)


def keep_pinyin(store: Store) -> None:
    """Keep the Han runs pypinyin romanised in this process with those kept before (after a
    screen or a brief; nothing is written when there is nothing new)."""
    from kizuna.text.translit import learnt_pinyin

    learnt = learnt_pinyin()
    if not learnt:
        return
    folder = cache_dir(store)
    path = _pinyin_path(folder)
    kept = (_read_pinyin(path) or {}) if path.exists() else {}
    if all(kept.get(k) == v for k, v in learnt.items()):
        return
    runs = {k: list(v) for k, v in {**kept, **learnt}.items()}
    body = json.dumps({"format": PINYIN_FORMAT, "code": code_fingerprint(),
                       "sha256": _runs_digest(runs), "runs": runs}, ensure_ascii=False)
    import os
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only folder: the next process loads pypinyin, that is all
        _warn(f"could not keep the pinyin memo in {folder} ({exc})")
