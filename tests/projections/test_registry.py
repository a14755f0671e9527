"""Provisioning, status, start-up rebuilds of changed projections, the CLI commands, idempotent handlers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from rich.console import Console

from riwayat.cli import projections as commands
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections.base import Dispatch, project
from riwayat.projections.registry import (
    ALL_PROJECTIONS,
    BY_NAME,
    ProjectionStatusRow,
    projection_status,
    stale,
)
from riwayat.projections.startup import ensure_current
from tests.projections.ledger import Ledger, dump, populated


async def test_a_new_tenant_starts_current_at_zero_and_inline_appends_keep_lag_at_zero(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    names = [p.name for p in ALL_PROJECTIONS]
    assert await projection_status(pool, ptenant.schema) == [ProjectionStatusRow(n, 0, 0) for n in names]
    await populated(store, ptenant, 8, 20)
    head = (await store.head(ptenant))[0]
    assert await projection_status(pool, ptenant.schema) == [ProjectionStatusRow(n, head, 0) for n in names]
    assert await stale(pool, ptenant.schema) == []


async def test_projections_added_to_a_tenant_with_history_are_built_at_start_up(
    db: Database, store: EventStore, new_slug: str
) -> None:
    # Given a tenant whose events were appended before it had any projection
    bare = TenantRegistry(db, [])
    tenant = await bare.create(new_slug, "Old tenant")
    plain = EventStore(db)
    ledger = await populated(plain, tenant, 9, 40)
    # When the application starts with projections
    rebuilt = await ensure_current(store, tenant)
    # Then they were created, rebuilt from the history, and are current
    assert rebuilt == [p.name for p in ALL_PROJECTIONS]
    tables = await dump(db, tenant)
    assert len(tables["employees"]) == len(ledger.employees)
    pool = await db.pool_for_tenant(tenant.slug)
    assert {s.lag for s in await projection_status(pool, tenant.schema)} == {0}
    assert await ensure_current(store, tenant) == []


async def test_a_changed_projection_version_stays_stale_through_appends_until_rebuilt(
    db: Database, store: EventStore, ptenant: Tenant, pool: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = await populated(store, ptenant, 10, 20)
    bumped = BY_NAME["employees"].version + 1
    monkeypatch.setattr(BY_NAME["employees"], "version", bumped)
    assert await stale(pool, ptenant.schema) == ["employees"]
    await ledger.hire()  # the inline projector moves the position, not the version
    assert await stale(pool, ptenant.schema) == ["employees"]
    before = await dump(db, ptenant)

    assert await ensure_current(store, ptenant) == ["employees"]

    assert await stale(pool, ptenant.schema) == []
    assert await pool.fetchval(
        f"SELECT version FROM {ptenant.schema}.projection_checkpoints WHERE name = 'employees'"
    ) == bumped  # fmt: skip
    assert await dump(db, ptenant) == before


async def test_replaying_events_already_applied_changes_no_row(
    db: Database, store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    await populated(store, ptenant, 11, 120)
    before = await dump(db, ptenant)
    recorded = await store.read_log(ptenant, limit=10_000)
    events = [(r.position, r.stream_id, r.version, r.topic, r.data) for r in recorded]
    dispatch = Dispatch(ALL_PROJECTIONS, store.codec)
    async with pool.acquire() as con, con.transaction():
        await project(con, ptenant.schema, dispatch, events[len(events) // 2 :])
        await project(con, ptenant.schema, dispatch, events)
    assert await dump(db, ptenant) == before


async def test_the_cli_commands_print_status_rebuild_and_refuse_unknown_names(
    db: Database, store: EventStore, ptenant: Tenant, projected_registry: TenantRegistry
) -> None:
    await Ledger(store, ptenant).establish("DISDIK")
    svc = SimpleNamespace(db=db, store=store, tenants=projected_registry)
    console = Console(record=True, width=120)

    assert await commands.status(svc, ptenant, console) == 0
    assert await commands.rebuild(svc, ptenant, "org_units", console) == 0
    assert await commands.rebuild(svc, ptenant, None, console) == 0
    assert await commands.rebuild(svc, ptenant, "no_such_view", console) == 2

    text = console.export_text()
    assert "org_units" in text and "training_hours" in text and "current" in text
    assert "rebuilt org_units: 1 events" in text
    assert "unknown projection no_such_view" in text
