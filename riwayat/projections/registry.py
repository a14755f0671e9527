"""All projections, and what the rest of the system does with them: the inline projector the store runs,
the tables a new tenant gets, the start-up rebuild of projections whose code changed, and their status."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import asyncpg

from riwayat.projections.appraisals import Appraisals
from riwayat.projections.base import InlineProjector, Projection, set_checkpoint
from riwayat.projections.complaints import Complaints
from riwayat.projections.employees import Employees
from riwayat.projections.org_units import OrgUnits
from riwayat.projections.promotion import Promotion
from riwayat.projections.training_hours import TrainingHours

if TYPE_CHECKING:
    from riwayat.infra.ledger import EventStore
    from riwayat.infra.tenants import Tenant, TenantRegistry

log = logging.getLogger(__name__)

# Each projection reads only events and writes only its own tables, so any order works.
ALL_PROJECTIONS: tuple[Projection, ...] = (
    OrgUnits(), Employees(), TrainingHours(), Appraisals(), Complaints(), Promotion(),
)  # fmt: skip
BY_NAME: dict[str, Projection] = {p.name: p for p in ALL_PROJECTIONS}


class UnknownProjection(ValueError):
    """A projection name that is not in `ALL_PROJECTIONS`."""


def select(names: Iterable[str] | None) -> list[Projection]:
    """The projections named (all when None), in `ALL_PROJECTIONS` order."""
    if names is None:
        return list(ALL_PROJECTIONS)
    wanted = set(names)
    unknown = sorted(wanted - BY_NAME.keys())
    if unknown:
        raise UnknownProjection(f"unknown projection {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    return [p for p in ALL_PROJECTIONS if p.name in wanted]


def make_projector(store: EventStore) -> InlineProjector:
    return InlineProjector(ALL_PROJECTIONS, store.codec)


async def provision(con: asyncpg.Connection, schema: str) -> None:
    """A `TenantRegistry` provisioner: every projection's tables, and a checkpoint for each that lacks one.

    A new checkpoint is current (position = head, code version) only when the tenant has no events yet;
    a projection added to a tenant with history starts at version 0 — stale — so `ensure_current`
    rebuilds it (the inline projector moves positions but never the version)."""
    async with con.transaction():
        for projection in ALL_PROJECTIONS:
            await projection.create_tables(con, schema)
        head = await con.fetchval(f"SELECT position FROM {schema}.head")
        known = {r["name"] for r in await con.fetch(f"SELECT name FROM {schema}.projection_checkpoints")}
        missing = [p for p in ALL_PROJECTIONS if p.name not in known]
        if missing:
            await set_checkpoint(con, schema, missing, head if head == 0 else 0, version=head == 0)


async def stale(pool_or_con: Any, schema: str) -> list[str]:
    """The projections whose recorded version is not their code's version."""
    rows = await pool_or_con.fetch(f"SELECT name, version FROM {schema}.projection_checkpoints")
    recorded = {r["name"]: r["version"] for r in rows}
    return [p.name for p in ALL_PROJECTIONS if recorded.get(p.name) != p.version]


async def ensure_current(
    store: EventStore, tenant: Tenant, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """At start-up: create what is missing, then rebuild every stale projection; returns their names.
    When another process (a second API worker) is already rebuilding the tenant, waits for it and
    rebuilds only what is still stale afterwards."""
    from riwayat.projections.rebuild import RebuildRunning, rebuild

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


@dataclass(frozen=True)
class ProjectionStatusRow:
    name: str
    position: int
    lag: int


async def projection_status(pool_or_con: Any, schema: str) -> list[ProjectionStatusRow]:
    """Each projection's checkpoint and how far it is behind the tenant's head (0 when current)."""
    head = await pool_or_con.fetchval(f"SELECT position FROM {schema}.head")
    rows = await pool_or_con.fetch(f"SELECT name, position FROM {schema}.projection_checkpoints")
    positions = {r["name"]: r["position"] for r in rows}
    return [
        ProjectionStatusRow(p.name, positions.get(p.name, 0), head - positions.get(p.name, 0))
        for p in ALL_PROJECTIONS
    ]


async def rebuild(
    store: EventStore,
    tenant: Tenant,
    names: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Any:
    """See `riwayat.projections.rebuild.rebuild` (imported lazily: it imports this module)."""
    from riwayat.projections.rebuild import rebuild as run

    return await run(store, tenant, names, progress)
