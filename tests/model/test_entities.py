import pytest
from pydantic import ValidationError

from kizuna.model import Collaboration, Evidence, Mechanism, Organization

CITATION = {"publisher": "Example Ministry", "title": "A release", "date": "2024-04-10"}


def _collab(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "2024-a-b", "title": "A and B partner", "mechanism": "partnership",
        "parties": [{"org": "a"}, {"org": "b"}], "technologies": ["ai"],
        "citation": CITATION, "verified": True, "verified_via": "https://example.org/a",
    }
    return {**base, **overrides}


def test_a_valid_collaboration_derives_its_date_precision() -> None:
    c = Collaboration.model_validate(_collab(date="2024-04"))
    assert c.mechanism is Mechanism.PARTNERSHIP
    assert c.date_precision is not None and c.date_precision.value == "month"


@pytest.mark.parametrize(
    "overrides",
    [
        {"parties": [{"org": "a"}]},
        {"parties": [{"org": "a"}, {"org": "a"}]},
        {"mechanism": "handshake"},
        {"technologies": []},
        {"verified_via": None},
        {"verified": False, "verified_via": None},
        {"date": "2024-13"},
        {"citation": {"publisher": "X"}},
        {"amount": {"value": 1, "currency": "yen"}},
    ],
)
def test_invalid_collaborations_are_rejected(overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Collaboration.model_validate(_collab(**overrides))


def test_organization_names_keep_curator_order_and_language() -> None:
    org = Organization(id="meti", name="Ministry of Economy, Trade and Industry", aliases=("METI",),
                       ja=("経済産業省", "経産省"), kind="ministry", country="JP")
    assert org.all_names() == [("Ministry of Economy, Trade and Industry", "en"), ("METI", "en"),
                               ("経済産業省", "ja"), ("経産省", "ja")]


def test_evidence_span_must_match_its_quote() -> None:
    now = "2026-01-01T00:00:00Z"
    base = {"document_id": "0" * 64, "start": 10, "end": 15, "quote": "hello",
            "extractor": "x", "extractor_version": "1", "confidence": 0.9,
            "first_seen": now, "last_seen": now}
    assert Evidence.model_validate(base).quote == "hello"
    with pytest.raises(ValidationError):
        Evidence.model_validate({**base, "end": 16})
