"""A command about one tenant starts with that tenant alone: on a database of many tenants, an operator's
`riwayat ... --tenant medan` brings medan's projections up to date and leaves every other tenant as it is."""

from __future__ import annotations

from riwayat.infra.database import Database
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections import registry as projections
from tests.cli.test_cli import riwayat


async def _make_stale(db: Database, tenant: Tenant) -> None:
    """As after a deploy that changed the projection's code version (recorded version 0)."""
    pool = await db.pool_for_tenant(tenant.slug)
    await pool.execute(
        f"UPDATE {tenant.schema}.projection_checkpoints SET version = 0 WHERE name = 'org_units'"
    )


async def test_a_command_with_tenant_rebuilds_that_tenant_only(
    database_url: str, db: Database, registry: TenantRegistry, tenant: Tenant, new_slug: str
) -> None:
    other = await registry.create(f"{new_slug}o", "Another tenant")
    for t in (tenant, other):
        await _make_stale(db, t)

    done = riwayat(database_url, "projections", "status", "--tenant", tenant.slug)

    assert done.returncode == 0, done.stderr
    assert "stale" not in done.stdout  # rebuilt at start, as the server would
    assert await projections.stale(await db.pool_for_tenant(tenant.slug), tenant.schema) == []
    assert await projections.stale(await db.pool_for_tenant(other.slug), other.schema) == ["org_units"]
