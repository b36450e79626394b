"""kizuna's own YAML data (taxonomy, rules, vocabularies), read with libyaml's C parser when
PyYAML was built with it.

PyYAML's pure-Python parser is about seven times slower (0.42 s against 0.06 s of CPU for every
data file in the package), and commands and briefs read some of these files at start. Both
parsers build the same values through SafeLoader's constructors and resolver;
``tests/test_yamldata.py`` compares them on every data file. Files from users are still read with
``yaml.safe_load``, whose error messages quote the offending line.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["load_data"]


def load_data(text: str) -> Any:
    """The values of one of kizuna's own YAML documents (safe: no arbitrary objects)."""
    return yaml.load(text, Loader=_LOADER)
