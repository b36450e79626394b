"""Downloading lists from their official addresses (only when the user asks: kizuna never
downloads anything by itself)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from kizuna.errors import E, KizunaError

__all__ = ["OFFICIAL", "fetch_list"]

#: Name → (official address, file name to save as). A list of several files (OFAC's legacy CSV)
#: names each file; they are saved side by side.
OFFICIAL: dict[str, list[tuple[str, str]]] = {
    "us-csl": [("https://data.trade.gov/downloadable_consolidated_screening_list/v1/"
                "consolidated.csv", "consolidated.csv")],
    "ofac-sdn": [("https://www.treasury.gov/ofac/downloads/sdn.csv", "sdn.csv"),
                 ("https://www.treasury.gov/ofac/downloads/alt.csv", "alt.csv"),
                 ("https://www.treasury.gov/ofac/downloads/add.csv", "add.csv")],
    "ofac-sdn-xml": [("https://www.treasury.gov/ofac/downloads/sdn.xml", "sdn.xml")],
    "bis-dpl": [("https://www.bis.doc.gov/dpl/dpl.txt", "dpl.txt")],
    "opensanctions": [("https://data.opensanctions.org/datasets/latest/default/"
                       "entities.ftm.json", "entities.ftm.json")],
}


def fetch_list(name: str, dest: Path, *, base_url: str | None = None,
               timeout: float = 60.0) -> list[Path]:
    """Download list ``name`` into folder ``dest``; ``base_url`` replaces the official host and
    folder (for mirrors and tests). Returns the files written."""
    if name not in OFFICIAL:
        raise KizunaError(E.UNKNOWN_LIST, name=name, choices=", ".join(OFFICIAL))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for url, filename in OFFICIAL[name]:
        if base_url:
            url = base_url.rstrip("/") + "/" + filename
        if not url.startswith(("http://", "https://")):
            raise KizunaError(E.LIST_FETCH_FAILED, name=name, url=url,
                              reason="only http and https addresses are fetched")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                data = resp.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise KizunaError(E.LIST_FETCH_FAILED, name=name, url=url,
                              reason=str(getattr(exc, "reason", exc))) from None
        target = dest / filename
        target.write_bytes(data)
        written.append(target)
    return written
