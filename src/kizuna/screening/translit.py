"""Moved to :mod:`kizuna.text.translit`; this alias stays until the open branches have merged."""

from kizuna.text.translit import *  # noqa: F403
