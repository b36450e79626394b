"""Each kind of brief as a picture: the PDF's pages drawn by poppler's pdftoppm into
docs/screenshots/brief-KIND-N.png, to be looked at (Japanese glyphs, tables, charts). The test
checks the pages are drawn and not blank; the eye checks the rest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from kizuna.briefs import build_brief, to_pdf
from kizuna.starter import StarterKB, load_starter
from kizuna.store import open_store
from tests.conftest import REPO, SHARED

SHOTS = REPO / "docs" / "screenshots"
CABLES = SHARED / "data/submarine_cables"
SUPPLY = SHARED / "data/semiconductor_supply_chain"
BRIEFS = [("organization", "toyota-motor", [1, 2]), ("technology", "semiconductors", [1, 3]),
          ("country", "JP", [1])]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.skipif(not (CABLES.exists() and SUPPLY.exists()), reason="shared data missing")
def test_each_kind_of_brief_as_pictures(tmp_path: Path, starter_kb: StarterKB) -> None:
    from kizuna.connectivity.load import load_cables
    from kizuna.supply.load import load_chain

    store = open_store(f"sqlite:///{tmp_path / 'k.db'}", create=True)
    load_starter(store, starter_kb)
    load_cables(store, CABLES)
    load_chain(store, SUPPLY)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for kind, ident, pages in BRIEFS:
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(to_pdf(build_brief(store, kind, ident)))
        for page in pages:
            stem = SHOTS / f"brief-{kind}-{page}"
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(stem)], check=True, timeout=120)
            image = Image.open(f"{stem}.png").convert("L")
            assert image.width > 500 and image.getextrema()[0] < 100, stem  # ink on the page
    store.dispose()
