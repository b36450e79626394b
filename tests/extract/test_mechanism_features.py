"""The mechanism head's own features and which mechanism wins, on sentences written here."""

from __future__ import annotations

from kizuna.extract.pipeline import Extractor
from kizuna.extract.relations.mechanism import AUTHORITATIVE, choose, relabel
from kizuna.extract.relations.mechanism_features import PREFIX
from kizuna.extract.relations.model import LinearHead, RelationModel
from kizuna.extract.relations.training import collaboration_features
from kizuna.ingest.knowledge import starter_knowledge
from kizuna.model.vocab import Mechanism


def _pairs(text: str) -> list[dict[str, float]]:
    extractor = Extractor(starter_knowledge())
    return [p.features for p in extractor.nlp(text)._.kizuna_pairs or []]


def test_a_funder_named_as_agent_reads_funding_in_its_own_clause() -> None:
    pairs = _pairs("The new battery programme of Toyota and Panasonic is funded by the "
                   "Japan Science and Technology Agency with a grant of $5 million.")
    assert pairs
    own = {k for f in pairs for k in f if k.startswith(f"{PREFIX}own=funding")}
    assert f"{PREFIX}own=funding|by" in own


def test_the_collaborates_head_never_sees_the_mechanism_features() -> None:
    for f in _pairs("Sony and Hitachi signed a memorandum of understanding on robotics."):
        assert any(k.startswith(PREFIX) for k in f)
        assert not any(k.startswith(PREFIX) for k in collaboration_features(f))


def _model(winner: Mechanism) -> RelationModel:
    classes = (Mechanism.PARTNERSHIP.value, winner.value)
    mech = LinearHead(classes, (0.0, 0.0), {"cue": (0.0, 1.0)})
    collab = LinearHead(("no", "yes"), (0.0,), {})
    return RelationModel(collab, mech, 0.5, {})


def test_only_authoritative_rule_readings_override_the_head() -> None:
    model = _model(Mechanism.GOVERNMENT_AGREEMENT)
    cue = {"cue": 1.0}
    assert choose(model, cue, Mechanism.PARTNERSHIP, override=True) \
        is Mechanism.GOVERNMENT_AGREEMENT
    assert Mechanism.FUNDING.group in AUTHORITATIVE
    assert choose(model, cue, Mechanism.FUNDING, override=True) is Mechanism.FUNDING
    assert choose(model, cue, Mechanism.FUNDING, override=False) \
        is Mechanism.GOVERNMENT_AGREEMENT


def test_a_rule_finding_is_relabelled_by_the_head_over_its_pairs() -> None:
    model = _model(Mechanism.TALENT_EXCHANGE)
    assert relabel(model, Mechanism.PARTNERSHIP, [{"cue": 1.0}, {"cue": 1.0}, {}]) \
        is Mechanism.TALENT_EXCHANGE
    assert relabel(model, Mechanism.PARTNERSHIP, []) is Mechanism.PARTNERSHIP
    assert relabel(model, Mechanism.ACQUISITION, [{"cue": 1.0}]) is Mechanism.ACQUISITION
