"""Digital connectivity: submarine-cable resilience for the Indo-Pacific (and everywhere else
TeleGeography's map data reaches). Load with :func:`load_cables`, then ask the reports in
:mod:`kizuna.connectivity.api`."""

from kizuna.connectivity.cut import ALGORITHM as CUT
from kizuna.connectivity.load import load_cables, stored_cable_data
from kizuna.connectivity.resilience import ALGORITHM as RESILIENCE

#: The analyses of this package by name and version; every result carries its entry, and the
#: version changes whenever the numbers would.
ANALYSES = {a["name"]: a["version"] for a in (RESILIENCE, CUT)}

__all__ = ["ANALYSES", "load_cables", "stored_cable_data"]
