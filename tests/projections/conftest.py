"""Fixtures for projection tests: a store whose appends run every projection inline, and tenants
provisioned with the projections' tables (independently of what `riwayat.app.provisioners()` wires)."""

from __future__ import annotations

from typing import Any

import pytest

from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections.registry import make_projector, provision


@pytest.fixture(scope="session")
async def projected_registry(db: Database) -> TenantRegistry:
    registry = TenantRegistry(db, [provision])
    await registry.ensure_control()
    return registry


@pytest.fixture
def store(db: Database) -> EventStore:
    codec = EventCodec()
    return EventStore(db, codec, projector=make_projector(codec))


@pytest.fixture
async def ptenant(projected_registry: TenantRegistry, new_slug: str) -> Tenant:
    return await projected_registry.create(new_slug, f"Projected {new_slug}")


@pytest.fixture
async def pool(db: Database, ptenant: Tenant) -> Any:
    return await db.pool_for_tenant(ptenant.slug)
