"""The English relation stage: candidate pairs of organization mentions (``candidates``), their
features (``features``: the dependency path of ``path``, the lemmas that link the pair,
clause-scoped modality cues), a linear classifier shipped as JSON weights (``model``) that decides
whether a pair collaborates, the mechanism it names (``mechanism``) and the status cues
(``modality``). The hand-written dependency rules (``rules``) remain as one feature source."""

from kizuna.extract.relations.rules import Candidate, RelationReader

__all__ = ["Candidate", "RelationReader"]
