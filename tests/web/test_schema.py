"""Property-based tests of the API from its OpenAPI schema (schemathesis): no input makes it
fail with a server error. Bounded: a few examples per operation, derandomized, on one SQLite
store. (Driven through hypothesis directly: schemathesis's pytest plugin does not support the
pytest version used here.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, response_schema_conformance

from kizuna.model import entities
from kizuna.starter import load_starter
from kizuna.store import open_store
from kizuna.web import schemas
from tests.web.conftest import TOKEN, make_app

EXAMPLES = 15


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory,
               starter_kb) -> schemathesis.BaseSchema:  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("schema")) / "kizuna.db"
    store = open_store(f"sqlite:///{path}", create=True)
    load_starter(store, starter_kb)
    return schemathesis.openapi.from_asgi("/openapi.json", make_app(store))


def test_the_schema_lists_every_route(web_schema: schemathesis.BaseSchema) -> None:
    paths = {op.ok().path for op in web_schema.get_all_operations()}
    assert {"/api/organizations", "/api/organizations/{org}", "/api/collaborations",
            "/api/collaborations/{collab_id}", "/api/documents", "/api/documents/{document_id}",
            "/api/evidence", "/api/technologies", "/api/search", "/api/network",
            "/api/organizations/{org}/neighbourhood"} <= paths


@pytest.mark.parametrize("authorized", [False, True])
def test_no_input_causes_a_server_error(web_schema: schemathesis.BaseSchema,
                                        authorized: bool) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if authorized else {}
    for result in web_schema.get_all_operations():
        operation = result.ok()
        if authorized and operation.method.upper() == "GET":
            continue

        @given(case=operation.as_strategy() | st.nothing())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()


def test_the_json_answers_have_typed_schemas(web_schema: schemathesis.BaseSchema) -> None:
    """The main routes declare response models, so the OpenAPI schema names their fields."""
    raw = web_schema.raw_schema
    components = raw["components"]["schemas"]

    def fields(path: str) -> set[str]:
        ref = raw["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        name = ref["schema"]["$ref"].rsplit("/", 1)[-1]
        return set(components[name]["properties"])

    assert {"items", "total", "next_offset"} <= fields("/api/organizations")
    assert {"collaborations", "partners", "ja", "timeline"} <= fields("/api/organizations/{org}")
    assert {"parties", "citation", "also_cited", "evidence"} <= fields(
        "/api/collaborations/{collab_id}")
    assert {"organizations", "collaborations", "evidence", "documents"} <= fields("/api/search")
    assert {"technology_mechanism", "bridging"} <= fields("/api/overview")
    assert {"nodes", "edges"} <= fields("/api/organizations/{org}/neighbourhood")
    assert {"segments", "evidence", "text"} <= fields("/api/documents/{document_id}")
    error = raw["paths"]["/api/organizations/{org}"]["get"]["responses"]["404"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("ErrorResponse")


@pytest.mark.parametrize(("entity", "model"), [
    (entities.Organization, schemas.OrganizationBase), (entities.Citation, schemas.CitationOut),
    (entities.Document, schemas.DocumentMeta), (entities.Evidence, schemas.Quote),
    (entities.Collaboration, schemas.CollaborationOut),
])
def test_response_models_cover_the_entities(entity: type, model: type) -> None:
    """Every field of the evidence model is in its response model (``amount`` is flattened into
    amount_value, amount_currency and amount_usd)."""
    missing = set(entity.model_fields) - set(model.model_fields) - {"amount"}
    assert not missing, f"{model.__name__} lacks {sorted(missing)}"


def test_answers_conform_to_their_schemas(web_schema: schemathesis.BaseSchema) -> None:
    """What the GET routes return matches the response models they declare (errors included)."""
    for result in web_schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":
            continue

        @given(case=operation.as_strategy() | st.nothing())
        @settings(max_examples=8, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        run()
