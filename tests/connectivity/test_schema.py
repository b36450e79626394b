"""No input to ``/api/cables/...`` makes a server error (schemathesis from the OpenAPI schema,
bounded and derandomized, as tests/web/test_schema.py does), with the real cable data loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from kizuna.connectivity.load import load_cables
from kizuna.starter import load_starter
from kizuna.store import open_store
from tests.web.conftest import make_app

EXAMPLES = 10


@pytest.fixture(scope="module")
def cable_schema(tmp_path_factory: pytest.TempPathFactory, starter_kb,  # type: ignore[no-untyped-def]
                 cables_dir: Path) -> schemathesis.BaseSchema:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('schema') / 'k.db'}", create=True)
    load_starter(store, starter_kb)
    load_cables(store, cables_dir)
    return schemathesis.openapi.from_asgi("/openapi.json", make_app(store))


def test_no_input_causes_a_server_error(cable_schema: schemathesis.BaseSchema) -> None:
    operations = [r.ok() for r in cable_schema.get_all_operations()]
    cables = [op for op in operations if op.path.startswith("/api/cables")]
    assert {op.path for op in cables} >= {"/api/cables/resilience", "/api/cables/cut",
                                          "/api/cables/path", "/api/cables/owners"}
    for operation in cables:

        @given(case=operation.as_strategy() | st.nothing())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        run()
