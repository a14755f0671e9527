"""The leave read models from real events: balances equal the domain's, the calendar, pending approvals."""

from __future__ import annotations

from datetime import date

from riwayat.domain.leave_rules import entitlement_rule
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections import leave
from tests.projections.ledger import populated


async def test_leave_reads_agree_with_the_accounts(store: EventStore, db: Database, ptenant: Tenant) -> None:
    ledger = await populated(store, ptenant, 3, 20)
    pool = await db.pool_for_tenant(ptenant.slug)
    accounts = ledger.leave_accounts
    assert accounts
    for acc in accounts:
        for year in (2025, 2026):
            source = entitlement_rule(acc.employment_type, year).source
            read = await leave.balance(pool, ptenant.schema, acc.employee_id, year)
            assert read == {**acc.balance(year), "source": source}
    first = accounts[0]
    unit = next(e.unit_id for e in ledger.employees if e.id == first.employee_id)
    away = await leave.away(pool, ptenant.schema, unit, date(2025, 7, 8), date(2025, 7, 8))
    assert first.employee_id in {r["employee_id"] for r in away}
    waiting = await leave.pending(pool, ptenant.schema, None)
    assert {r["employee_id"] for r in waiting} == {a.employee_id for a in accounts}
    mine = await leave.supervised_by(pool, ptenant.schema, first.employee_id)
    assert set(mine) >= {a.employee_id for a in accounts[1:]}
    assert await leave.pending(pool, ptenant.schema, mine) == [r for r in waiting if r["employee_id"] in mine]
