"""kizuna's own YAML data reads the same with libyaml's C parser as with PyYAML's Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kizuna.yamldata import load_data

PACKAGE = Path(__file__).parents[1] / "src" / "kizuna"
DATA_FILES = sorted(PACKAGE.rglob("*.yaml"))


def test_the_c_parser_is_used_where_pyyaml_has_it() -> None:
    from kizuna import yamldata

    assert yamldata._LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_data_file_reads_the_same_as_with_safe_load(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = yaml.safe_load(text)
    assert expected  # a data file, not an empty one
    assert load_data(text) == expected


def test_it_builds_no_arbitrary_objects() -> None:
    with pytest.raises(yaml.YAMLError):
        load_data("!!python/object/apply:os.system ['true']")
