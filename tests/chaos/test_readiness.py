"""/readyz is exact yet O(1) per probe: it re-lists the tenants' migrations only when the database's
schema epoch or tenant count moved — also when another process moved them."""

from __future__ import annotations

import httpx
import pytest

from riwayat.infra import migrations
from riwayat.infra.database import Database
from riwayat.infra.tenants import Tenant, TenantRegistry
from tests.graphql.api import token


async def test_readiness_sees_what_another_process_changed_and_otherwise_lists_nothing(
    fault_app,
    fault_http: httpx.AsyncClient,
    fault_settings,
    fault_tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from riwayat.services import provisioners

    probe = await fault_http.get("/readyz")
    assert probe.status_code == 200, probe.text
    readiness = fault_app.state.readiness
    listed, tenants = readiness.full_checks, probe.json()["tenants"]
    for _ in range(5):
        assert (await fault_http.get("/readyz")).status_code == 200
    assert readiness.full_checks == listed  # unchanged database: one cheap statement per probe

    # Another process (its own pools and registry) creates a tenant: seen at the next probe.
    other = Database(fault_settings)
    await other.start()
    try:
        registry = TenantRegistry(other, provisioners())
        created = await registry.create(fault_tenant.slug[:-1] + "q", "Another process's tenant")
        assert (await fault_http.get("/readyz")).json()["tenants"] == tenants + 1
        assert readiness.full_checks == listed + 1

        # New code expects a migration no tenant has yet (a restarted server: a new readiness cache).
        extra = migrations.Migration(9999, "readiness_probe", "CREATE TABLE {schema}.readiness_probe (x int)")
        known = migrations.load_migrations()
        monkeypatch.setattr(migrations, "load_migrations", lambda: [*known, extra])
        fault_app.state.readiness = None
        behind = await fault_http.get(
            "/readyz", headers={"Authorization": f"Bearer {token(fault_settings, created.slug, 'viewer')}"}
        )
        assert behind.status_code == 503
        assert behind.json()["tenantsBehind"] == tenants + 1
        assert behind.json()["tenant"] == {"slug": created.slug, "pendingMigrations": [9999]}
        assert await fault_app.state.readiness.pending_migrations() == await registry.pending_migrations()
        again = await fault_http.get("/readyz")
        assert again.status_code == 503 and fault_app.state.readiness.full_checks == 1

        # The other process applies it to every tenant: the next probe is ready again.
        for tenant in await registry.list():
            pool = await other.pool_for_tenant(tenant.slug)
            async with pool.acquire() as con:
                assert await migrations.migrate(con, tenant.schema) == [9999]
        ready = await fault_http.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert await fault_app.state.readiness.pending_migrations() == await registry.pending_migrations()
        assert fault_app.state.readiness.full_checks == 2
    finally:
        await other.close()
