"""Critical supply chains: load a chain (stages, inputs, providers, shares, sequence), measure
its concentration, find its chokepoints and play disruption what-ifs.

The chain data (for instance CSET's semiconductor supply-chain set, CC BY-NC) is loaded from a
folder the user gives; nothing of it ships with kizuna.
"""

from kizuna.supply.model import Chain, Input, Provider, Provision, SequenceEdge, Stage

__all__ = ["Chain", "Input", "Provider", "Provision", "SequenceEdge", "Stage"]
