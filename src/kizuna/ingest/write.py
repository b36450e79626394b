"""Storing one processed document: the single writer.

Each document is one transaction: the document, its new organizations (unreviewed, each with its
own evidence), its collaborations (attached to an existing collaboration with the same parties,
mechanism group and year when there is one) and the verbatim evidence. A crash leaves either all
of it or none of it, so re-running an interrupted ingest simply carries on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from kizuna.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extraction
from kizuna.model.entities import Collaboration, Organization, Party
from kizuna.model.vocab import OrgKind, Role
from kizuna.readers import SourceDocument
from kizuna.store import Store, db
from kizuna.text.names import slugify

#: Country code stored for a new organization whose country the text does not say
#: (ISO 3166 reserves ZZ for "unknown or unspecified").
UNKNOWN_COUNTRY = "ZZ"

_ROLES = {"acquisition": (Role.ACQUIRER, Role.TARGET), "investment": (Role.INVESTOR, Role.INVESTEE),
          "corporate_venture": (Role.INVESTOR, Role.INVESTEE),
          "funding": (Role.FUNDER, Role.RECIPIENT), "research_lab": (Role.FOUNDER, Role.PARTNER),
          "government_agreement": (Role.SIGNATORY, Role.SIGNATORY),
          "dialogue": (Role.PARTICIPANT, Role.PARTICIPANT)}


@dataclass(frozen=True)
class StoredDocument:
    """What writing one document changed."""

    status: str  # stored | unchanged (already in the store: nothing was written)
    document_id: str
    collaborations: int = 0  # collaborations written (new, or new evidence of known ones)
    new_organizations: int = 0


def _id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:20]


def store_document(store: Store, doc: SourceDocument, extraction: Extraction,
                   now: dt.datetime | None = None) -> StoredDocument:
    """Write one document and what was extracted from it; return what changed."""
    now = now or dt.datetime.now(dt.UTC)
    with store.write() as conn:
        if db.document_exists(conn, doc.sha256):
            return StoredDocument("unchanged", doc.sha256)
        db.upsert_document(conn, {
            "id": doc.sha256, "address": doc.address, "title": doc.title,
            "publisher": doc.publisher, "published": _partial(doc.published),
            "language": doc.language, "size": doc.size, "text": doc.text, "ingested_at": now})
        evidence: list[dict[str, Any]] = []
        ids: dict[str, str] = {}
        new_orgs = 0
        for key, org in extraction.organizations.items():
            if org.org_id is not None:
                ids[key] = org.org_id
                continue
            found = db.find_organizations_by_name(conn, org.name)
            if len(found) == 1:  # created by an earlier document: no near-duplicate
                ids[key] = found[0]
                continue
            new_id = _free_id(conn, slugify(org.name))
            kind = org.kind if org.kind in {k.value for k in OrgKind} else "company"
            db.upsert_organizations(conn, [Organization(
                id=new_id, name=org.name, kind=OrgKind(kind),
                country=org.country or UNKNOWN_COUNTRY, reviewed=False,
                aliases=tuple(s for s in dict.fromkeys(org.surface) if s != org.name))],
                origin="extracted")
            ids[key] = new_id
            new_orgs += 1
            if org.spans:
                start, end = org.spans[0]
                evidence.append(_evidence(doc, start, end, now, org_id=new_id, confidence=0.5))
        stored = 0
        for c in extraction.collaborations:
            party_ids = list(dict.fromkeys(ids[k] for k in c.parties if k in ids))
            if len(party_ids) < 2:
                continue
            collab_id = _existing(conn, party_ids, c.mechanism.group,
                                  c.date.year if c.date else None)
            if collab_id is None:
                collab_id = "x-" + _id(sorted(party_ids), c.mechanism.group,
                                       c.date.year if c.date else "")
                names = [extraction.organizations[k].name for k in c.parties if k in ids]
                first, other = _ROLES.get(c.mechanism.value, (Role.PARTNER, Role.PARTNER))
                db.upsert_collaborations(conn, [Collaboration(
                    id=collab_id, title=f"{' – '.join(dict.fromkeys(names))}: "
                    f"{c.mechanism.value.replace('_', ' ')}",
                    parties=tuple(Party(org=p, role=first if i == 0 else other)
                                  for i, p in enumerate(party_ids)),
                    mechanism=c.mechanism, technologies=tuple(c.technologies),
                    date=c.date.iso() if c.date else None, status=c.status,
                    amount=_amount(c), verified=False)], origin="extracted")
            evidence.append(_evidence(doc, c.start, c.end, now, collaboration_id=collab_id,
                                      confidence=c.confidence,
                                      extractor=(c.extractor, c.extractor_version)))
            stored += 1
        db.upsert_evidence(conn, evidence)
    return StoredDocument("stored", doc.sha256, stored, new_orgs)


def _existing(conn: Any, party_ids: list[str], group: str, year: int | None) -> str | None:
    """The collaboration this one is another mention of, chosen the same way whatever order
    the candidates come back in: a curated one before an extracted one, the same year before
    an undated one, then by id."""
    from kizuna.model.vocab import Mechanism

    matches = []
    for row in db.collaborations_with_parties(conn, party_ids):
        same_group = Mechanism(row["mechanism"]).group == group
        same_year = row["year"] is None or year is None or row["year"] == year
        if same_group and same_year:
            matches.append((row["origin"] == "extracted", row["year"] != year, str(row["id"])))
    return min(matches)[2] if matches else None


def _free_id(conn: Any, base: str) -> str:
    candidate, n = base, 1
    while db.get_organization(conn, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _amount(c: Any) -> Any:
    from kizuna.model.entities import Amount

    if c.amount_value is None or c.amount_currency is None:
        return None
    return Amount(value=c.amount_value, currency=c.amount_currency, usd=c.amount_usd)


def _evidence(doc: SourceDocument, start: int, end: int, now: dt.datetime, *,
              collaboration_id: str | None = None, org_id: str | None = None,
              confidence: float,
              extractor: tuple[str, str] = (EXTRACTOR_NAME, EXTRACTOR_VERSION)
              ) -> dict[str, Any]:
    return {"id": _id(doc.sha256, start, end, collaboration_id, org_id),
            "document_id": doc.sha256, "collaboration_id": collaboration_id, "org_id": org_id,
            "start": start, "end": end, "quote": doc.text[start:end],
            "extractor": extractor[0], "extractor_version": extractor[1] or EXTRACTOR_VERSION,
            "confidence": confidence, "first_seen": now, "last_seen": now}


def _partial(value: str | None) -> str | None:
    from kizuna.model.dates import PartialDate

    if not value:
        return None
    try:
        return PartialDate.parse(value).iso()
    except ValueError:
        return None
