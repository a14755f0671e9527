"""Property-based: schemathesis generates queries and mutations from the live schema (bounded to a few
hundred) and sends them with an admin token; none may fail with a 5xx or an internal error."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.graphql.api import token

# 12 x 22 operations: about 260 generated documents. A longer hunt: RIWAYAT_SCHEMATHESIS_EXAMPLES=200.
EXAMPLES_PER_OPERATION = int(os.environ.get("RIWAYAT_SCHEMATHESIS_EXAMPLES") or 12)


@pytest.fixture
def admin_headers(settings: Settings, tenant: Tenant) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(settings, tenant.slug, 'admin', ttl=900)}"}


@pytest.fixture
def api_schema(server: str, admin_headers: dict[str, str]) -> schemathesis.graphql.GraphQLSchema:
    return schemathesis.graphql.from_url(f"{server}/graphql", headers=admin_headers)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=EXAMPLES_PER_OPERATION == 12,
)
def test_generated_operations_never_fail_on_the_server(
    case: schemathesis.Case, admin_headers: dict[str, str]
) -> None:
    response = case.call(headers=admin_headers, timeout=30)
    assert response.status_code < 500, response.text
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code != "INTERNAL_SERVER_ERROR", (case.body, error)
        assert "Traceback" not in error["message"] and "asyncpg" not in error["message"], error
