"""Reading a chain's CSV files, with every inconsistency refused by file and line.

The shape is CSET's chip supply-chain data (stages, inputs, providers, provision, sequence);
a user's own chain (batteries, pharmaceuticals) in the same shape reads the same way.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kizuna.errors import E, KizunaError
from kizuna.supply.model import Chain, Input, Provider, Provision, SequenceEdge, Stage
from kizuna.supply.vocab import is_unattributed

FILES = ("stages.csv", "inputs.csv", "providers.csv", "provision.csv", "sequence.csv")
OPTIONAL = frozenset({"sequence.csv"})
COLUMNS = {
    "stages.csv": ("stage_id", "stage_name"),
    "inputs.csv": ("input_id", "input_name", "type", "stage_id"),
    "providers.csv": ("provider_name", "provider_id", "provider_type"),
    "provision.csv": ("provider_id", "provided_id", "share_provided", "year"),
    "sequence.csv": ("input_id", "goes_into_id", "is_type_of_id"),
}
PROVIDER_KINDS = ("country", "organization")

Record = tuple[int, dict[str, str]]  # (first physical line, cells)


def _records(path: Path) -> Iterator[Record]:
    """Rows with the physical line each starts on (text fields may span lines)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in COLUMNS[path.name] if c not in header]
            if missing:
                raise KizunaError(E.SUPPLY_MALFORMED, path=path, line=1,
                                  reason="missing column(s) " + ", ".join(missing))
            reader.fieldnames = header
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                if None in row:
                    raise KizunaError(E.SUPPLY_MALFORMED, path=path, line=start,
                                      reason="more cells than the header has columns")
                yield start, {k: (v or "").strip() for k, v in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KizunaError(E.SUPPLY_UNREADABLE, path=path, reason=str(exc)) from None


def _bad(path: Path, line: int, reason: str) -> KizunaError:
    return KizunaError(E.SUPPLY_MALFORMED, path=path, line=line, reason=reason)


def _year(path: Path, line: int, text: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise _bad(path, line, f"year {text!r} is not a year")
    return int(text)


def _share(path: Path, line: int, text: str) -> tuple[float | None, float]:
    """The share in percent and how far rounding may have moved it (in percent points)."""
    if not text:
        return None, 0.0
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise _bad(path, line, f"share {text!r} is not a number") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise _bad(path, line, f"share {text!r} is not between 0 and 100")
    # Rounding slack: a whole figure ("24" or "24.0", the CSET set writes both) may have been
    # rounded to the nearest percent, a figure with decimals to its last digit.
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    slack = 0.5 * 10.0 ** -places
    if value <= 1:
        slack += 1.0  # shares under 1% were rounded up to 1% (technical notes)
    return float(value), slack


def _unique(path: Path, line: int, seen: set[str], item_id: str, what: str) -> None:
    if not item_id:
        raise _bad(path, line, f"empty {what}")
    if item_id in seen:
        raise _bad(path, line, f"{what} {item_id!r} appears twice")
    seen.add(item_id)


def _stages(path: Path) -> list[Stage]:
    seen: set[str] = set()
    out = []
    for line, r in _records(path):
        _unique(path, line, seen, r["stage_id"], "stage_id")
        out.append(Stage(r["stage_id"], r["stage_name"] or r["stage_id"], r.get("description", ""),
                         r.get("market_share_chart_global_market_size_info", "")))
    return out


def _inputs(path: Path, stage_ids: set[str]) -> list[Input]:
    seen: set[str] = set(stage_ids)
    out = []
    for line, r in _records(path):
        _unique(path, line, seen, r["input_id"], "input_id")
        if r["stage_id"] and r["stage_id"] not in stage_ids:
            raise _bad(path, line, f"unknown stage_id {r['stage_id']!r}")
        out.append(Input(r["input_id"], r["input_name"] or r["input_id"], r["type"],
                         r["stage_id"] or None, r.get("description", ""),
                         _year(path, line, r.get("year", "")),
                         r.get("market_share_chart_global_market_size_info", ""),
                         r.get("market_share_chart_source", "")))
    return out


def _providers(path: Path) -> list[Provider]:
    # One provider may have several rows, one per alias (Canon, Onto Innovation, ...): they must
    # agree on name, kind and country, and their aliases are merged.
    first: dict[str, tuple[int, dict[str, str]]] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for line, r in _records(path):
        pid = r["provider_id"]
        if not pid or not r["provider_name"]:
            raise _bad(path, line, "empty provider_id or provider_name")
        if r["provider_type"] not in PROVIDER_KINDS:
            raise _bad(path, line, f"provider_type {r['provider_type']!r} is not one of "
                                   + ", ".join(PROVIDER_KINDS))
        if pid in first:
            line0, r0 = first[pid]
            for col in ("provider_name", "provider_type", "country"):
                if r.get(col, "") != r0.get(col, ""):
                    raise _bad(path, line, f"{pid} has {col} {r.get(col, '')!r} here but "
                                           f"{r0.get(col, '')!r} on line {line0}")
        else:
            first[pid] = (line, r)
        alias = r.get("alias", "")
        if alias and alias not in aliases[pid] and alias != r["provider_name"]:
            aliases[pid].append(alias)
    out = []
    for pid, (_line, r) in first.items():
        kind = r["provider_type"]
        country = r.get("country", "") if kind == "organization" else ""
        unattributed = is_unattributed(r["provider_name"]) or is_unattributed(country)
        out.append(Provider(pid, r["provider_name"], kind, None if unattributed else
                            (country or None), tuple(aliases[pid]), unattributed))
    return out


def _provisions(path: Path, providers: dict[str, Provider], items: set[str]
                ) -> list[Provision]:
    out = []
    total: dict[tuple[str, int | None, str], float] = defaultdict(float)
    slack: dict[tuple[str, int | None, str], float] = defaultdict(float)
    for row, (line, r) in enumerate(_records(path), start=1):
        provider = providers.get(r["provider_id"])
        if provider is None:
            raise _bad(path, line, f"unknown provider_id {r['provider_id']!r}")
        if r["provided_id"] not in items:
            raise _bad(path, line, f"unknown provided_id {r['provided_id']!r} (no such input "
                                   "or stage)")
        # provider_name is not checked against providers.csv: the ids are the key, and the CSET
        # set keeps a firm's former name in some rows (EMD Performance Materials).
        share, rounding = _share(path, line, r["share_provided"])
        year = _year(path, line, r["year"])
        if share is not None:
            key = (r["provided_id"], year, provider.kind)
            total[key] += share
            slack[key] += rounding
            if total[key] > 100 + slack[key] + 1e-9:
                raise _bad(path, line, f"{provider.kind} shares of {r['provided_id']} in "
                                       f"{year or 'an unknown year'} add up to "
                                       f"{total[key]:.1f}%, over 100% beyond rounding")
        out.append(Provision(row, provider.id, r["provided_id"], share, year,
                             r.get("source", "")))
    return out


def _sequence(path: Path, inputs: set[str]) -> list[SequenceEdge]:
    out = []
    for position, (line, r) in enumerate(_records(path)):
        for col in ("input_id", "goes_into_id", "is_type_of_id"):
            if r[col] and r[col] not in inputs:
                raise _bad(path, line, f"unknown {col} {r[col]!r}")
        if not r["input_id"] or not (r["goes_into_id"] or r["is_type_of_id"]):
            raise _bad(path, line, "an edge needs input_id and goes_into_id or is_type_of_id")
        out.append(SequenceEdge(position, r["input_id"], r["goes_into_id"] or None,
                                r["is_type_of_id"] or None))
    return out


def chain_sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_chain(folder: Path | str, chain_id: str | None = None, name: str | None = None
               ) -> Chain:
    """Read and check a chain folder; raises K200/K201 before anything is stored."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KizunaError(E.PATH_MISSING, path=folder)
    for fname in FILES:
        if fname not in OPTIONAL and not (folder / fname).is_file():
            raise KizunaError(E.SUPPLY_UNREADABLE, path=folder / fname,
                              reason="the file is missing")
    stages = _stages(folder / "stages.csv")
    stage_ids = {s.id for s in stages}
    inputs = _inputs(folder / "inputs.csv", stage_ids)
    input_ids = {i.id for i in inputs}
    providers = _providers(folder / "providers.csv")
    provisions = _provisions(folder / "provision.csv", {p.id: p for p in providers},
                             input_ids | stage_ids)
    seq_path = folder / "sequence.csv"
    sequence = _sequence(seq_path, input_ids) if seq_path.is_file() else []
    ident = chain_id or re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return Chain(ident or "chain", name or folder.resolve().name.replace("_", " "),
                 str(folder.resolve()), chain_sha256(folder), tuple(stages), tuple(inputs),
                 tuple(providers), tuple(provisions), tuple(sequence))
