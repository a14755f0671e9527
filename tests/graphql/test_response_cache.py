"""Repeated queries are answered from memory only while the tenant's ledger has not moved."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from riwayat.app import create_app
from riwayat.graphql.response_cache import ResponseCache
from tests.graphql.api import ESTABLISH, Api, token

UNITS = "query Units { orgUnits { code name headcount } }"


async def test_a_repeated_query_is_served_without_running_it_until_something_is_appended(
    admin, statements: list[str]
) -> None:
    await admin.run(ESTABLISH, {"input": {"code": "BAPPEDA", "name": "Bappeda"}})
    first = await admin.data(UNITS)
    statements.clear()

    again = await admin.data(UNITS)

    assert again == first
    assert len(statements) == 1 and ".head" in statements[0]  # only the validity check ran

    await admin.run(ESTABLISH, {"input": {"code": "BPBD", "name": "BPBD"}})
    after_write = await admin.data(UNITS)
    assert {u["code"] for u in after_write["orgUnits"]} == {"BAPPEDA", "BPBD"}  # read-your-writes


async def test_answers_are_kept_per_role_set(as_role, admin) -> None:
    await admin.run(ESTABLISH, {"input": {"code": "DINKES", "name": "Dinas Kesehatan"}})
    query = '{ orgUnits { code } promotionCandidates(asOf: "2026-01-01") { id } }'
    as_admin = await admin.run(query)
    as_viewer = await as_role("viewer").run(query)

    assert "errors" not in as_admin
    assert as_viewer["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("field", "table"),
    [
        ("verifyIntegrity { ok checkedEvents }", ".events"),
        ("projectionStatus { name lag }", ".projection_checkpoints"),
    ],
)
async def test_answers_that_can_change_without_an_append_always_run(
    as_role, statements: list[str], field: str, table: str
) -> None:
    auditor = as_role("auditor")
    for _ in range(3):
        statements.clear()
        await auditor.data(f"{{ {field} }}")
        assert any(table in q for q in statements)  # ran in full, not answered from a head check alone


async def test_the_cache_can_be_switched_off(settings, tenant, statements: list[str]) -> None:
    app = create_app(replace(settings, response_cache=False))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as http:
            admin = Api(http, token(settings, tenant.slug, "admin"))
            await admin.data(UNITS)
            statements.clear()
            await admin.data(UNITS)
    assert statements and not any(".head" in q for q in statements)  # ran, no validity check


def test_the_cache_stays_within_its_entry_and_byte_budgets() -> None:
    cache = ResponseCache(entries=3, max_bytes=100)
    keys = [("t", ("admin",), f"{{ q{i} }}", b"{}", None) for i in range(5)]
    for key in keys:
        cache.keep(key, 1, b"x" * 30)
    assert cache.size == 90 and cache.get(keys[0], 1) is None and cache.get(keys[4], 1) == b"x" * 30
    cache.keep(keys[4], 2, b"y" * 80)  # replacing an answer frees the old one's bytes
    assert cache.size <= 100 and cache.get(keys[4], 2) == b"y" * 80 and cache.get(keys[4], 1) is None
