"""The layers of kizuna, stated once and checked on every import (module level or inside a
function) of every module:

    model  <-  text  <-  libraries (readers, extract, screening's matching)  <-  store
           <-  services (ingest, catalog, analyses, briefs ...)  <-  faces (cli, web)

A module may import its own layer or any layer below, never one above. Extraction and screening
are independent of each other (both stand on ``text``). Every module of the package must belong to
a layer, so a new package says where it stands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"

#: Layers from the bottom up; a module belongs to the layer of its longest listed prefix.
LAYERS: list[tuple[str, list[str]]] = [
    ("model", ["kizuna", "kizuna.errors", "kizuna.settings", "kizuna.model", "kizuna.filters",
               "kizuna.palette"]),
    ("text", ["kizuna.text"]),
    ("libraries", ["kizuna.readers", "kizuna.extract", "kizuna.evaluation", "kizuna.jobs",
                   "kizuna.screening.model", "kizuna.screening.normalize",
                   "kizuna.screening.countries",
                   "kizuna.screening.matching", "kizuna.screening.matcher",
                   "kizuna.screening.loaders", "kizuna.screening.queries",
                   "kizuna.screening.fetch", "kizuna.screening.assess"]),
    ("store", ["kizuna.store"]),
    ("services", ["kizuna.starter", "kizuna.catalog", "kizuna.overview", "kizuna.exporting",
                  "kizuna.review", "kizuna.ingest", "kizuna.screening", "kizuna.supply",
                  "kizuna.connectivity", "kizuna.priorities", "kizuna.briefs"]),
    ("faces", ["kizuna.cli", "kizuna.web", "kizuna.__main__"]),
]
#: Packages of one layer that must not import each other.
INDEPENDENT = [("kizuna.extract", "kizuna.screening")]
#: Known crossings still to be removed (none: keep it so).
PENDING: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "kizuna").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(module: str, path: Path) -> set[str]:
    """Every kizuna module ``module`` imports, anywhere in its body (lazy imports count)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from pkg import module`
    return {name for name in found if name == "kizuna" or name.startswith("kizuna.")}


def _prefix(module: str, prefixes: list[str]) -> str | None:
    hits = [p for p in prefixes if module == p or module.startswith(p + ".")]
    return max(hits, key=len) if hits else None


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_name, prefixes) in enumerate(LAYERS):
        hit = _prefix(module, prefixes)
        if hit is not None and (best is None or len(hit) > best[0]):
            best = (len(hit), index)
    return best[1] if best else None


MODULES = _modules()


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) is None] == []


def crossings(module: str, targets: set[str]) -> list[str]:
    """The imports of ``module`` (by name) that break a rule."""
    own = layer_of(module)
    assert own is not None
    every_prefix = [p for _name, prefixes in LAYERS for p in prefixes]
    out = []
    for target in sorted(targets):
        if target not in MODULES and target.rpartition(".")[0] in MODULES:
            target = target.rpartition(".")[0]  # `from pkg.mod import name`
        theirs = layer_of(target)
        if theirs is None or (module, _prefix(target, every_prefix)) in PENDING:
            continue
        if theirs > own:
            out.append(f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]})")
        for a, b in INDEPENDENT:
            for mine, other in ((a, b), (b, a)):
                if _prefix(module, [mine]) and _prefix(target, [other]):
                    out.append(f"{module} imports {target}: {mine} and {other} are independent")
    return out


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_climbs_a_layer(module: str) -> None:
    assert crossings(module, _imports(module, MODULES[module])) == []


def test_the_rules_catch_crossings() -> None:
    # the checker itself, on imports that would break each kind of rule
    assert crossings("kizuna.store.db.catalog", {"kizuna.cli.app"})
    assert crossings("kizuna.extract.pipeline", {"kizuna.store"})
    assert crossings("kizuna.extract.japanese.romaji", {"kizuna.screening.matching"})
    assert crossings("kizuna.screening.matching.v1_2", {"kizuna.screening.screen"})
    assert not crossings("kizuna.web.app", {"kizuna.store", "kizuna.extract", "kizuna.model"})
