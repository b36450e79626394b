"""A broken starter file is rejected whole, naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from kizuna.errors import KizunaError
from kizuna.starter import read_starter

ORG = """
- {id: alpha, name: Alpha, kind: company, country: JP, ja: [アルファ]}
- {id: beta, name: Beta, kind: university, country: US}
"""
COLLAB = """
- id: 2020-alpha-beta
  title: Alpha and Beta partner
  parties: [{org: alpha}, {org: beta}]
  mechanism: partnership
  technologies: [ai]
  date: 2020-05
  citation: {publisher: P, title: T, date: 2020-05-01, url: "https://example.org"}
  verified: true
  verified_via: https://example.org
"""


def _kb(tmp_path: Path, orgs: str = ORG, collabs: str = COLLAB) -> Path:
    (tmp_path / "organizations").mkdir()
    (tmp_path / "collaborations").mkdir()
    (tmp_path / "organizations" / "a.yaml").write_text(orgs, encoding="utf-8")
    (tmp_path / "collaborations" / "a.yaml").write_text(collabs, encoding="utf-8")
    return tmp_path


def test_a_valid_tree_reads(tmp_path: Path) -> None:
    kb = read_starter(_kb(tmp_path))
    assert [c.id for c in kb.collaborations] == ["2020-alpha-beta"]
    assert kb.collaborations[0].date == "2020-05"


@pytest.mark.parametrize(
    ("orgs", "collabs", "message"),
    [
        (ORG, COLLAB.replace("{org: beta}", "{org: gamma}"), "unknown organizations"),
        (ORG, COLLAB.replace("[ai]", "[telepathy]"), "unknown technologies"),
        (ORG, COLLAB + COLLAB.replace("\n- id", "\n- id", 1), "used twice"),
        (ORG, COLLAB.replace("mechanism: partnership", "mechanism: handshake"), "mechanism"),
        (ORG, COLLAB.replace("  citation:", "  x_citation:"), "x_citation"),
        (ORG + "- {id: alpha, name: Alpha, kind: company, country: US}\n", COLLAB,
         "different kind or country"),
        ("- [not, a, mapping]\n", COLLAB, "list of mappings"),
        (ORG, "- id: x\n  title: [unclosed\n", "not valid YAML"),
    ],
)
def test_problems_name_the_file(tmp_path: Path, orgs: str, collabs: str, message: str) -> None:
    with pytest.raises(KizunaError) as info:
        read_starter(_kb(tmp_path, orgs, collabs))
    assert info.value.code == "K030"
    assert message in str(info.value)
    assert ".yaml" in str(info.value)
