"""Component versions move with behaviour: the version stamped on evidence must change whenever
a component's source, vocabulary or weights change (kizuna.extract.versions for English,
kizuna.extract.japanese.versions for Japanese; one set of checks for both)."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

#: (fingerprint module, module holding VERSIONS, module holding EXTRACTOR_VERSION)
SIDES = {
    "en": ("kizuna.extract.versions", "kizuna.extract.components", "kizuna.extract"),
    "ja": ("kizuna.extract.japanese.versions", "kizuna.extract.japanese.components",
           "kizuna.extract.japanese.pipeline"),
}


def _side(lang: str) -> tuple[ModuleType, ModuleType, ModuleType]:
    fp, comp, stamp = SIDES[lang]
    return (importlib.import_module(fp), importlib.import_module(comp),
            importlib.import_module(stamp))


@pytest.mark.parametrize("lang", sorted(SIDES))
def test_every_component_is_fingerprinted(lang: str) -> None:
    versions, components, _ = _side(lang)
    assert set(components.VERSIONS) == set(versions.COMPONENT_FILES) == set(versions.recorded())
    for patterns in versions.COMPONENT_FILES.values():
        for pattern in patterns:
            assert list(versions.PACKAGE.glob(pattern)), f"{pattern} matches no file"


@pytest.mark.parametrize("lang", sorted(SIDES))
def test_changed_files_come_with_a_new_version(lang: str) -> None:
    versions, components, _ = _side(lang)
    write = f"python -m {versions.__name__} --write"
    now, then = versions.current(), versions.recorded()
    for name, state in now.items():
        same_files = state["sha256"] == then[name]["sha256"]
        same_version = state["version"] == then[name]["version"]
        assert same_files or not same_version, (
            f"{name} changed (its files' hash differs) but its version is still "
            f"{state['version']}: bump it in {components.__name__}.VERSIONS, then run {write}")
        assert same_files and same_version, (
            f"{name}: version {state['version']} is not recorded with its files' hash; run "
            f"{write}")


@pytest.mark.parametrize("lang", sorted(SIDES))
def test_the_versions_are_stamped_on_evidence(lang: str) -> None:
    versions, _, stamp = _side(lang)
    for name, state in versions.recorded().items():
        assert f"{name}-{state['version']}" in stamp.EXTRACTOR_VERSION


@pytest.mark.parametrize("lang", sorted(SIDES))
def test_a_version_names_one_set_of_files(lang: str) -> None:
    """Each table keeps every version's hash: the recorded one must be the current version's."""
    versions, _, _ = _side(lang)
    for name, state in versions.recorded().items():
        assert versions.history()[name][state["version"]] == state["sha256"], name


def test_one_implementation_for_both_languages() -> None:
    """The Japanese table is made by the shared fingerprinting, not a copy of it."""
    from kizuna.extract.japanese.versions import JAPANESE
    from kizuna.extract.versions import ENGLISH, Fingerprints

    assert type(JAPANESE) is type(ENGLISH) is Fingerprints
    assert JAPANESE.hashes != ENGLISH.hashes
