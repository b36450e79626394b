"""Shared helpers of the list readers: hashing, decoding and numbered errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from kizuna.errors import E, KizunaError

_DATE_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def fail(path: Path | str, where: str, reason: str) -> NoReturn:
    raise KizunaError(E.LIST_MALFORMED, path=str(path), where=where, reason=reason)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KizunaError(E.LIST_UNREADABLE, path=str(path), reason=exc.strerror or str(exc)
                          ) from None


def read_text(path: Path) -> tuple[str, str]:
    """(text, sha256) of a list file; UTF-8 (with or without BOM), else Latin-1 (old BIS files)."""
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, digest


def combined_sha256(digests: Iterable[str]) -> str:
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def iso_date(value: str | None) -> str | None:
    """A published date (MM/DD/YYYY, DD.MM.YYYY or ISO) as YYYY-MM-DD; None if not a date."""
    if not value:
        return None
    text = value.strip()
    if m := _DATE_ISO.match(text):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if m := _DATE_MDY.match(text):
        return f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}"
    if m := _DATE_DMY.match(text):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return None


def latest(dates: Iterable[str | None]) -> str | None:
    """The latest plausible date (typos such as a year 3017 in a published list are skipped)."""
    today = dt.date.today().isoformat()
    found = [d for d in dates if d and d <= today]
    return max(found) if found else None


def clean(value: str | None) -> str:
    """A field's text; OFAC's ``-0-`` and blanks become empty."""
    if value is None:
        return ""
    text = value.strip()
    return "" if text in ("-0-", "-0", "") else text


def entity_type(value: str | None) -> str:
    text = (value or "").strip().lower()
    if text in ("individual", "person", "people"):
        return "person"
    if text in ("entity", "organization", "organisation", "company", "legalentity",
                "public body", "publicbody"):
        return "organization"
    if text == "vessel":
        return "vessel"
    if text == "aircraft":
        return "aircraft"
    return "unknown"


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def json_record_lines(text: str, key: str | None = None) -> list[int]:
    """The line each record of a JSON file starts on: the objects of the top-level array, or
    of the array under the top-level ``key``. Strings are skipped whole, so brackets inside
    names do not count; the caller checks the count against the records it read."""
    lines: list[int] = []
    stack: list[str] = []
    target: int | None = None  # depth of the records' array, once found
    last_string = ""
    line, pos = 1, 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group(0)
        if tok[0] == '"':
            last_string = tok
            continue
        if tok == ":":
            continue
        if tok in "[{":
            if tok == "{" and target is not None and len(stack) == target:
                line += text.count("\n", pos, m.start())
                pos = m.start()
                lines.append(line)
            if tok == "[" and target is None and (
                    (key is None and not stack)
                    or (key is not None and stack == ["{"] and last_string == f'"{key}"')):
                target = len(stack) + 1
            stack.append(tok)
        else:
            if stack:
                stack.pop()
            if target is not None and len(stack) < target:
                break
    return lines


def set_lines(entities: list[Any], lines: list[int]) -> None:
    """Give each entity its record's line, when the scan found exactly one line per record."""
    if len(lines) == len(entities):
        for entity, line in zip(entities, lines, strict=True):
            entity.line = line
