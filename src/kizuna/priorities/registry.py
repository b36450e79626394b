"""The priorities analyses by name and version: every result stamps the label it was made by, and
a behaviour change bumps the version here (the screening matchers' habit)."""

from __future__ import annotations

__all__ = ["ANALYSES", "label"]

#: name → current version.
ANALYSES: dict[str, str] = {
    "kizuna-priorities": "1.0",
    "kizuna-catalyst-funding": "1.0",
    "kizuna-partners": "1.1",  # 1.1: government bodies left out unless asked for
}


def label(name: str) -> str:
    return f"{name}/{ANALYSES[name]}"
