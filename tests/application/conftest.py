"""Fixtures of the application tests: an `Application` on the bare store (no projections) of a new tenant."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.application import Application, CommandContext
from riwayat.domain.values import Decree
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant

NIP = "198609262015051001"  # born 1986-09-26, CPNS from 2015-05, male, sequence 001


@pytest.fixture
def app(bare_store: EventStore) -> Application:
    return Application(bare_store)


@pytest.fixture
def ctx(tenant: Tenant) -> CommandContext:
    return CommandContext(tenant=tenant, actor="hr-officer-7", roles=("hr",), request_id="req-42")


async def hire(app: Application, ctx: CommandContext, unit_id, nip: str = NIP, **kw):
    return await app.hire_employee(
        ctx,
        nip=nip,
        name="Budi Santoso",
        gender="MALE",
        birth_date=date(1986, 9, 26),
        employment_type="PNS",
        rank="III/a",
        position="Analis Kepegawaian Ahli Pertama",
        unit_id=unit_id,
        effective_on=date(2015, 5, 1),
        decree=Decree("800/1234/BKPSDM/2015", date(2015, 4, 20)),
        **kw,
    )


@pytest.fixture
async def unit_id(app: Application, ctx: CommandContext):
    return (await app.establish_org_unit(ctx, code="BKPSDM", name="Badan Kepegawaian")).stream_id
