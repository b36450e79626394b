"""What each Japanese extraction component's behaviour depends on, and a fingerprint of it (the
Japanese counterpart of :mod:`kizuna.extract.versions`, kept apart so the two pipelines can move
independently). ``component_hashes_ja.json`` records, per component, the version and the SHA-256
of its source, vocabulary and weights; a test fails when the files change but the version does
not. After bumping a version in ``japanese.components.VERSIONS``:

    .venv/bin/python -m kizuna.extract.japanese.versions --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # src/kizuna
HASHES = Path(__file__).with_name("component_hashes_ja.json")

_JA = "extract/japanese/"
_SHARED = [_JA + "components.py", _JA + "normalize.py"]
_VOCAB = [_JA + "lexicon.py", _JA + "lexicon_ja.yaml"]
_ORGS = [_JA + "mentions.py", _JA + "names.py", _JA + "romaji.py", "extract/knowledge.py"]
#: Files (relative to the package) whose content decides each component's behaviour.
COMPONENT_FILES: dict[str, list[str]] = {
    "kizuna_ja_sentences": _SHARED,
    "kizuna_ja_orgs": [*_SHARED, *_VOCAB, *_ORGS],
    "kizuna_ja_technologies": [*_SHARED, "model/taxonomy.py", "model/taxonomy.yaml"],
    "kizuna_ja_relations": [*_SHARED, *_VOCAB, *_ORGS, *(_JA + f for f in (
        "relations.py", "candidates.py", "features.py", "decide.py", "model.py", "values.py",
        "pipeline.py", "weights_ja.json"))],
}


def fingerprint(component: str) -> str:
    digest = hashlib.sha256()
    for pattern in COMPONENT_FILES[component]:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def current() -> dict[str, dict[str, str]]:
    from kizuna.extract.japanese.components import VERSIONS

    return {name: {"version": VERSIONS[name], "sha256": fingerprint(name)}
            for name in COMPONENT_FILES}


def recorded() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(HASHES.read_text(encoding="utf-8"))
    return data


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m kizuna.extract.japanese.versions --write  (after bumping)")
    HASHES.write_text(json.dumps(current(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {HASHES}")
