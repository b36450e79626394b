"""The error family's bookkeeping: every code documented in the README, raised somewhere, unique,
and nowhere spelled as a literal outside ``errors.py`` (so a grep for a code finds its one home)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from kizuna.errors import STATUS, E, KizunaError, ReadError

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "kizuna"
_ROW = re.compile(r"^\| (K\d{3}) \| `([A-Z_0-9]+)`", re.M)
_LITERAL = re.compile(r"""^[rbuf]*(['"])(?:K|R|E)\d{3}\1$""", re.I)


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p != SRC / "errors.py")


def test_every_code_is_in_the_readme_table_and_nothing_else_is() -> None:
    documented = dict(_ROW.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    expected = {m.code: m.name for m in E}
    missing = [f"| {m.code} | `{m.name}` | {m.status} | {m.template} |"
               for m in sorted(E, key=lambda m: m.code) if m.code not in documented]
    assert not missing, "add to the README's error table:\n" + "\n".join(missing)
    assert documented == expected


def test_codes_are_unique() -> None:
    codes = [m.code for m in E]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"K\d{3}", code) for code in codes)


def test_every_error_is_raised_somewhere() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in _sources())
    unused = [m.name for m in E if not re.search(rf"\bE\.{m.name}\b", text)]
    assert not unused, f"retire (delete) or raise: {unused}"


def test_no_code_is_a_string_literal_outside_errors_py() -> None:
    found = []
    for path in _sources():
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{path.relative_to(ROOT)}:{t.start[0]}: {t.string}" for t in tokens
                  if t.type == tokenize.STRING and _LITERAL.match(t.string)]
    assert not found, "compare by member (exc.error is E.X), not by code:\n" + "\n".join(found)


def test_status_table_and_the_family() -> None:
    assert set(STATUS) <= set(E)
    assert E.UNKNOWN_ORG.status == 404 and E.STARTER_INVALID.status == 400
    err = ReadError(E.DOCUMENT_EMPTY, "a.txt")
    assert isinstance(err, KizunaError) and err.status == 400 and err.name == "a.txt"
    assert str(err) == f"{E.DOCUMENT_EMPTY.code}: a.txt: the file is empty"
    assert str(err) == f"{err.code}: {err.message}"
