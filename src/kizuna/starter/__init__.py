"""The starter knowledge base: cited U.S.–Japan collaborations shipped as data."""

from kizuna.starter.loader import StarterKB, load_starter, read_starter

__all__ = ["StarterKB", "load_starter", "read_starter"]
