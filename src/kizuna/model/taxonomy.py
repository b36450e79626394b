"""The technology taxonomy, loaded from ``taxonomy.yaml`` (data, not code)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from kizuna.model.entities import Technology
from kizuna.yamldata import load_data


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("kizuna.model").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_data(text)
    return data


def cet_areas() -> dict[str, dict[str, str]]:
    """CET area id -> {"en", "ja"} labels."""
    return dict(_raw()["cet_areas"])


@cache
def technologies() -> tuple[Technology, ...]:
    areas = cet_areas()
    out = []
    for entry in _raw()["technologies"]:
        area = entry["area"]
        if area not in areas:
            raise ValueError(f"taxonomy.yaml: technology {entry['id']} has unknown area {area}")
        out.append(Technology(**entry, area_en=areas[area]["en"]))
    return tuple(out)


def technology_ids() -> frozenset[str]:
    return frozenset(t.id for t in technologies())
