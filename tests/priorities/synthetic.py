"""A small hand-made evidence graph whose answers can be worked out on paper."""

from __future__ import annotations

from kizuna.priorities.graph import Collab, EvidenceGraph, Org


def org(i: str, country: str, kind: str = "company") -> Org:
    return Org(i, i.upper(), country, kind)


def small_graph() -> EvidenceGraph:
    """quantum: 4 collaborations, all U.S.–Japan, 2 recent, one agreement: the clear leader.
    batteries: 2 collaborations, Japanese parties only. hydrogen: 1 old U.S.–Japan one."""
    orgs = {o.id: o for o in [org("us-a", "US"), org("us-b", "US"), org("us-gov", "US", "gov"),
                              org("jp-a", "JP"), org("jp-b", "JP"), org("jp-gov", "JP", "gov"),
                              org("jp-c", "JP")]}
    collabs = [
        Collab("q1", 2024, "joint_development", ("quantum",), ("us-a", "jp-a")),
        Collab("q2", 2023, "partnership", ("quantum",), ("us-b", "jp-b")),
        Collab("q3", 2016, "government_agreement", ("quantum",), ("us-gov", "jp-gov")),
        Collab("q4", 2015, "research_lab", ("quantum",), ("us-a", "jp-b")),
        Collab("b1", 2022, "partnership", ("batteries",), ("jp-a", "jp-c")),
        Collab("b2", 2024, "investment", ("batteries",), ("jp-b", "jp-c")),
        Collab("h1", 2001, "partnership", ("hydrogen",), ("us-b", "jp-c")),
    ]
    return EvidenceGraph(orgs, collabs)
