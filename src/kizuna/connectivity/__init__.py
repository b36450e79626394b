"""Digital connectivity: submarine-cable resilience for the Indo-Pacific (and everywhere else
TeleGeography's map data reaches). Load with :func:`load_cables`, then ask the reports in
:mod:`kizuna.connectivity.api`."""

from kizuna.connectivity.load import load_cables, stored_cable_data

__all__ = ["load_cables", "stored_cable_data"]
