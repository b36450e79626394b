"""The starter knowledge base: cited U.S.–Japan collaborations shipped as data."""

from kizuna.starter.loader import StarterKB, ensure_taxonomy, load_starter, read_starter

__all__ = ["StarterKB", "ensure_taxonomy", "load_starter", "read_starter"]
