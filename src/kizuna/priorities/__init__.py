"""Shared S&T priorities, catalyst-funding allocation and partner suggestions over the evidence
graph; each analysis is registered by name and version in :mod:`.registry`."""
