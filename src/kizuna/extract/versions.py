"""What each extraction component's behaviour depends on, and a fingerprint of it: one
implementation for both pipelines (English here, Japanese in
:mod:`kizuna.extract.japanese.versions`, each with its own file list and hash table).

The version of every component is stamped on the evidence it produces (``EXTRACTOR_VERSION``),
so a change of behaviour must change the version. A hash table (``component_hashes.json``,
``japanese/component_hashes_ja.json``) records, per component, the version and the SHA-256 of
its source, vocabulary and weights, plus every version's hash so far; a test fails when the files
change but the version does not, and ``--write`` refuses to record a known version with new
files. After bumping a version in ``components.VERSIONS``:

    .venv/bin/python -m kizuna.extract.versions --write
    .venv/bin/python -m kizuna.extract.japanese.versions --write
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # src/kizuna

#: How fingerprints are made; recorded with them (2: the version table is left out).
SCHEME = 2
#: The version table itself (in components.py): bumping one version is no change of the others.
_VERSION_TABLE = re.compile(rb"^VERSIONS = \{.*?\}\n", re.S | re.M)


@dataclass(frozen=True)
class Fingerprints:
    """One pipeline's components: the files (globs relative to the package) each depends on,
    the module whose ``VERSIONS`` names their versions, and the hash table recording both."""
    files: dict[str, list[str]]
    versions_module: str
    hashes: Path

    def fingerprint(self, component: str) -> str:
        digest = hashlib.sha256()
        for pattern in self.files[component]:
            for path in sorted(PACKAGE.glob(pattern)):
                digest.update(path.relative_to(PACKAGE).as_posix().encode())
                digest.update(_VERSION_TABLE.sub(b"", path.read_bytes().replace(b"\r\n", b"\n")))
        return digest.hexdigest()

    def current(self) -> dict[str, dict[str, str]]:
        versions: dict[str, str] = importlib.import_module(self.versions_module).VERSIONS
        return {name: {"version": versions[name], "sha256": self.fingerprint(name)}
                for name in self.files}

    def recorded(self) -> dict[str, dict[str, str]]:
        data: dict[str, dict[str, str]] = json.loads(
            self.hashes.read_text(encoding="utf-8"))["current"]
        return data

    def history(self) -> dict[str, dict[str, str]]:
        """Every version each component has had, with the hash of its files then: a version
        names one behaviour, so it may never be recorded with a second hash."""
        data: dict[str, dict[str, str]] = json.loads(
            self.hashes.read_text(encoding="utf-8"))["history"]
        return data

    def committed_history(self) -> dict[str, dict[str, str]]:
        """The history as last committed (a version recorded but not yet committed may still
        be re-recorded while its work goes on); the file's own when git cannot tell."""
        try:
            shown = subprocess.run(
                ["git", "show", f"HEAD:./{self.hashes.name}"], cwd=self.hashes.parent,
                capture_output=True, text=True, check=True, timeout=10).stdout
            raw = json.loads(shown)
        except (OSError, subprocess.SubprocessError, ValueError):
            return self.history()
        # hashes made another way (an older SCHEME) cannot be compared with today's
        data: dict[str, dict[str, str]] = raw.get("history", {}) if raw.get("scheme") == SCHEME \
            else {}
        return data

    def write(self) -> list[str]:
        """Record the current hashes; refuse (returning the problems) when a component's files
        changed but its version did not, which would stamp two behaviours with one version."""
        now, past = self.current(), self.committed_history()
        problems = [f"{name}: files changed but version {state['version']} was recorded with "
                    "other files; bump it in components.VERSIONS"
                    for name, state in now.items()
                    if past.get(name, {}).get(state["version"], state["sha256"])
                    != state["sha256"]]
        if not problems:
            for name, state in now.items():
                past.setdefault(name, {})[state["version"]] = state["sha256"]
            self.hashes.write_text(json.dumps({"current": now, "history": past,
                                               "scheme": SCHEME}, indent=1,
                                              sort_keys=True) + "\n", encoding="utf-8")
        return problems

    def main(self, module: str, argv: list[str]) -> None:
        if argv != ["--write"]:
            sys.exit(f"usage: python -m {module} --write  (after bumping versions)")
        if refused := self.write():
            sys.exit("\n".join(refused))
        print(f"wrote {self.hashes}")


_SHARED = ["extract/components.py", "extract/layout.py", "extract/layout.yaml"]
_VOCAB = ["extract/lexicon.py", "extract/lexicon_en.yaml"]
_ORGS = ["extract/mentions.py", "extract/mention.py", "extract/references.py",
         "extract/acting.py", "extract/knowledge.py", "extract/pipeline.py",
         "extract/mention_filter.py", "extract/boundaries.py", "extract/mention_weights_en.json",
         "model/vocab.py"]
#: Files (relative to the package) whose content decides each component's behaviour.
COMPONENT_FILES: dict[str, list[str]] = {
    "kizuna_lines": _SHARED,
    "kizuna_orgs": [*_SHARED, *_VOCAB, *_ORGS],
    "kizuna_technologies": [*_SHARED, "model/taxonomy.py", "model/taxonomy.yaml"],
    "kizuna_relations": [*_SHARED, *_VOCAB, *_ORGS, "extract/values.py", "extract/relations/*.py",
                         "extract/relations/*.json"],
}
ENGLISH = Fingerprints(COMPONENT_FILES, "kizuna.extract.components",
                       Path(__file__).with_name("component_hashes.json"))
HASHES = ENGLISH.hashes
fingerprint = ENGLISH.fingerprint
current = ENGLISH.current
recorded = ENGLISH.recorded
history = ENGLISH.history
committed_history = ENGLISH.committed_history
write = ENGLISH.write


if __name__ == "__main__":
    ENGLISH.main("kizuna.extract.versions", sys.argv[1:])
