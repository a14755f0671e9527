"""Fixtures for onboarding tests: an application over a store that projects inline (the directory and
promotion candidates are read models), tenants with their projection tables, and a unit to work in."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from riwayat.application import Application, CommandContext
from riwayat.domain.values import Decree
from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections.registry import make_projector, provision

NIP = "198609262012041001"  # born 1986-09-26, TMT CPNS 2012-04, male, sequence 001
SK = Decree("821/2023/BKPSDM", date(2023, 3, 20))


@pytest.fixture(scope="session")
async def onboarding_registry(db: Database) -> TenantRegistry:
    registry = TenantRegistry(db, [provision])
    await registry.ensure_control()
    return registry


@pytest.fixture
def store(db: Database) -> EventStore:
    codec = EventCodec()
    return EventStore(db, codec, projector=make_projector(codec))


@pytest.fixture
def app(store: EventStore) -> Application:
    return Application(store)


@pytest.fixture
async def medan(onboarding_registry: TenantRegistry, new_slug: str) -> Tenant:
    return await onboarding_registry.create(new_slug + "m", "Pemerintah Kota Medan")


@pytest.fixture
async def dumai(onboarding_registry: TenantRegistry, new_slug: str) -> Tenant:
    return await onboarding_registry.create(new_slug + "d", "Pemerintah Kota Dumai")


def context(tenant: Tenant) -> CommandContext:
    return CommandContext(tenant=tenant, actor="bkpsdm-operator", roles=("hr",), request_id="req-onb")


@pytest.fixture
def ctx(medan: Tenant) -> CommandContext:
    return context(medan)


@pytest.fixture
async def unit_id(app: Application, ctx: CommandContext) -> Any:
    return (await app.establish_org_unit(ctx, code="BKPSDM", name="Badan Kepegawaian")).stream_id


def enrolment(unit_id: Any, **overrides: Any) -> dict[str, Any]:
    """A III/c PNS enrolled at cut-over 2025-01-02: CPNS 2012-04, PNS 2013-06, III/c since 2020-04."""
    fields = {
        "nip": NIP, "name": "Rahmat Hidayat", "gender": "MALE", "birth_date": date(1986, 9, 26),
        "employment_type": "PNS", "tmt_cpns": date(2012, 4, 1), "tmt_pns": date(2013, 6, 1),
        "rank": "III/c", "rank_since": date(2020, 4, 1), "rank_decree": SK,
        "position": "Analis Kepegawaian Ahli Muda", "position_since": date(2021, 1, 4), "unit_id": unit_id,
        "education": "S1", "enrolled_on": date(2025, 1, 2), "source": "siasn-import", "source_id": "A-1",
    }  # fmt: skip
    return fields | overrides
