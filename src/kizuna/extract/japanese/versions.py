"""What each Japanese extraction component's behaviour depends on: the file lists, fingerprinted
by the shared :class:`kizuna.extract.versions.Fingerprints` (one implementation for both
languages, with its history and its refusal to record a known version with new files) into
``component_hashes_ja.json``. After bumping a version in ``japanese.components.VERSIONS``:

    .venv/bin/python -m kizuna.extract.japanese.versions --write
"""

from __future__ import annotations

import sys
from pathlib import Path

from kizuna.extract.versions import PACKAGE, Fingerprints

__all__ = ["COMPONENT_FILES", "JAPANESE", "PACKAGE", "current", "fingerprint", "history",
           "recorded", "write"]

_JA = "extract/japanese/"
_SHARED = [_JA + "components.py", _JA + "normalize.py", "extract/layout.py", "extract/layout.yaml"]
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
JAPANESE = Fingerprints(COMPONENT_FILES, "kizuna.extract.japanese.components",
                        Path(__file__).with_name("component_hashes_ja.json"))
HASHES = JAPANESE.hashes
fingerprint = JAPANESE.fingerprint
current = JAPANESE.current
recorded = JAPANESE.recorded
history = JAPANESE.history
write = JAPANESE.write


if __name__ == "__main__":
    JAPANESE.main("kizuna.extract.japanese.versions", sys.argv[1:])
