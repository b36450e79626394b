"""Moved to :mod:`kizuna.text.names`; this alias stays until the open branches have merged."""

from kizuna.text.names import *  # noqa: F403
