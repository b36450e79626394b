"""Component versions move with behaviour: the version stamped on evidence must change whenever
a component's source, vocabulary or weights change (see kizuna.extract.versions)."""

from __future__ import annotations

from kizuna.extract import EXTRACTOR_VERSION
from kizuna.extract.versions import COMPONENT_FILES, PACKAGE, current, recorded


def test_every_component_is_fingerprinted() -> None:
    from kizuna.extract.components import VERSIONS

    assert set(VERSIONS) == set(COMPONENT_FILES) == set(recorded())
    for patterns in COMPONENT_FILES.values():
        for pattern in patterns:
            assert list(PACKAGE.glob(pattern)), f"{pattern} matches no file"


def test_changed_files_come_with_a_new_version() -> None:
    now, then = current(), recorded()
    for name, state in now.items():
        same_files = state["sha256"] == then[name]["sha256"]
        same_version = state["version"] == then[name]["version"]
        assert same_files or not same_version, (
            f"{name} changed (its files' hash differs) but its version is still "
            f"{state['version']}: bump it in components.VERSIONS, then run "
            "python -m kizuna.extract.versions --write")
        assert same_files and same_version, (
            f"{name}: version {state['version']} is not recorded with its files' hash; run "
            "python -m kizuna.extract.versions --write")


def test_the_versions_are_stamped_on_evidence() -> None:
    for name, state in recorded().items():
        assert f"{name}-{state['version']}" in EXTRACTOR_VERSION


def test_a_version_names_one_set_of_files() -> None:
    """The history keeps each version's hash: the recorded one must be the current version's."""
    from kizuna.extract.versions import history

    for name, state in recorded().items():
        assert history()[name][state["version"]] == state["sha256"], name
