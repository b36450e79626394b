"""A module's ``__all__`` is its public face: whatever another kizuna module imports from a module
that has one must be listed in it (private ``_names`` aside), so ``__all__`` never lies."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src"


def _module_files() -> dict[str, Path]:
    out = {}
    for path in (SRC / "kizuna").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _declared(path: Path) -> set[str] | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            assert isinstance(node.value, ast.List | ast.Tuple), f"{path}: __all__ is a list"
            return {elt.value for elt in node.value.elts
                    if isinstance(elt, ast.Constant) and isinstance(elt.value, str)}
    return None


def test_imported_names_are_in_all() -> None:
    files = _module_files()
    declared = {m: _declared(p) for m, p in files.items()}
    missing = []
    for module, path in files.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            public = declared.get(node.module)
            if public is None:
                continue
            for alias in node.names:
                name = alias.name
                if name.startswith("_") or name == "*" or f"{node.module}.{name}" in files:
                    continue
                if name not in public:
                    missing.append(f"{module} imports {name} from {node.module}")
    assert not missing, "add to __all__:\n" + "\n".join(sorted(set(missing)))
