"""All reads and writes of kizuna's data (SQLAlchemy Core, dialect-aware upserts).

Writers take a connection inside :meth:`Store.write` so a whole load is one transaction; readers
take any connection. Nothing outside this package builds SQL, and nothing here builds SQL from
strings: every value is a bound parameter. The package is split by subject so each file can be
read in one sitting; callers use ``from kizuna.store import db`` and ``db.<function>``.
"""

from kizuna.store.db.cables import (
    cable_landing_point_rows,
    cable_landing_rows,
    cable_owner_org_ids,
    cable_owner_rows,
    cable_rows,
    cable_source_row,
    replace_cable_data,
)
from kizuna.store.db.catalog import (
    all_org_names,
    collaboration_summary,
    count_by_technology_mechanism,
    count_by_year_mechanism,
    count_rows,
    find_organizations_by_name,
    get_organization,
    organization_countries,
    organization_rows,
    partner_edges,
    query_collaborations,
    query_organizations,
    stats,
    upsert_collaborations,
    upsert_organizations,
    upsert_technologies,
)
from kizuna.store.db.documents import (
    collaborations_with_parties,
    document_exists,
    organization_records,
    upsert_document,
    upsert_evidence,
)
from kizuna.store.db.evidence import get_document, list_documents, query_evidence
from kizuna.store.db.lists import (
    remove_restricted_list,
    replace_restricted_list,
    restricted_entity_rows,
    restricted_list_lacks_lines,
    restricted_list_rows,
    restricted_list_sha256,
)
from kizuna.store.db.review import set_collaboration_review
from kizuna.store.db.search import (
    all_technologies,
    count_by_technology,
    count_collaborations,
    count_organizations,
    data_fingerprint,
    filtered_partner_edges,
    search_collaboration_ids,
    search_documents,
    search_evidence,
    search_organizations,
)
from kizuna.store.db.supply import (
    replace_supply_chain,
    set_supply_provider_links,
    supply_chain_rows,
    supply_chain_tables,
    supply_inputs_of_org,
    supply_provider_links,
)

__all__ = [
    "all_org_names",
    "all_technologies",
    "cable_landing_point_rows",
    "cable_landing_rows",
    "cable_owner_org_ids",
    "cable_owner_rows",
    "cable_rows",
    "cable_source_row",
    "collaboration_summary",
    "collaborations_with_parties",
    "count_by_technology",
    "count_by_technology_mechanism",
    "count_by_year_mechanism",
    "count_collaborations",
    "count_organizations",
    "count_rows",
    "data_fingerprint",
    "document_exists",
    "filtered_partner_edges",
    "find_organizations_by_name",
    "get_document",
    "get_organization",
    "list_documents",
    "organization_countries",
    "organization_records",
    "organization_rows",
    "partner_edges",
    "query_collaborations",
    "query_evidence",
    "query_organizations",
    "remove_restricted_list",
    "replace_cable_data",
    "replace_restricted_list",
    "replace_supply_chain",
    "restricted_entity_rows",
    "restricted_list_lacks_lines",
    "restricted_list_rows",
    "restricted_list_sha256",
    "search_collaboration_ids",
    "search_documents",
    "search_evidence",
    "search_organizations",
    "set_collaboration_review",
    "set_supply_provider_links",
    "stats",
    "supply_chain_rows",
    "supply_chain_tables",
    "supply_inputs_of_org",
    "supply_provider_links",
    "upsert_collaborations",
    "upsert_document",
    "upsert_evidence",
    "upsert_organizations",
    "upsert_technologies",
]
