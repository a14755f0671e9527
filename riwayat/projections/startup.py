"""At start-up, before serving: every tenant's projection tables exist, and a projection whose code
version changed since its tables were filled is rebuilt from the ledger."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from riwayat.projections.rebuild import RebuildRunning, rebuild
from riwayat.projections.registry import provision, stale

if TYPE_CHECKING:
    from riwayat.infra.ledger.records import EventLog as EventStore
    from riwayat.infra.tenants import Tenant, TenantRegistry

log = logging.getLogger(__name__)


async def ensure_current(
    store: EventStore, tenant: Tenant, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """At start-up: create what is missing, then rebuild every stale projection; returns their names.
    When another process (a second API worker) is already rebuilding the tenant, waits for it and
    rebuilds only what is still stale afterwards."""
    pool = await store.db.pool_for_tenant(tenant.slug)
    async with pool.acquire() as con:
        await provision(con, tenant.schema)
    while names := await stale(pool, tenant.schema):
        try:
            await rebuild(store, tenant, names, progress)
            return names
        except RebuildRunning:
            await asyncio.sleep(0.5)
    return []


async def ensure_projections(store: EventStore, tenants: TenantRegistry) -> dict[str, list[str]]:
    """`ensure_current` for every tenant; the projections rebuilt, per tenant slug.

    A registered tenant whose schema is not on its database (its own server is not configured here, or
    not yet restored) is reported in the log and skipped: the other tenants are still served.
    """
    rebuilt = {}
    for tenant in await tenants.list():
        pool = await store.db.pool_for_tenant(tenant.slug)
        if await pool.fetchval("SELECT to_regclass($1) IS NULL", f"{tenant.schema}.head"):
            log.warning("tenant %s: schema %s not found on its database; skipped", tenant.slug, tenant.schema)
            continue
        rebuilt[tenant.slug] = await ensure_current(store, tenant)
    return rebuilt
