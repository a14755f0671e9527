"""Leave commands on a real PostgreSQL: the balance holds under concurrent approvals, the calendar counts."""

from __future__ import annotations

import asyncio
from datetime import date
from uuid import uuid4

import pytest

from riwayat.application import Application
from riwayat.domain.calendar import add_working_days
from riwayat.domain.holidays import shipped_dates
from riwayat.domain.leave import InsufficientLeave, LeaveAccount, account_id
from tests.application.conftest import hire

ON = date(2026, 1, 5)


async def ask(app, ctx, employee_id, start: date, end: date, kind: str = "ANNUAL"):
    rid = uuid4()
    await app.request_leave(ctx, employee_id=employee_id, request_id=rid, kind=kind, start=start, end=end,
                            reason="urusan keluarga", address="Jl. Sisingamangaraja 1", on=ON)  # fmt: skip
    return rid


async def test_a_request_counts_the_tenants_holidays(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    await app.set_holidays(ctx, year=2026, dates=[date(2026, 7, 7)], mode="EXTEND", note="HUT Kota")
    rid = await ask(app, ctx, employee_id, date(2026, 7, 6), date(2026, 7, 10))  # Mon–Fri, Tue a holiday
    acc = await app.load(ctx.tenant, LeaveAccount, account_id(employee_id))
    assert acc.requests[rid]["days"] == 4


@pytest.mark.parametrize("apps", [1, 2], ids=["one-process", "two-processes"])
async def test_two_approvals_that_exceed_the_balance_at_once_let_exactly_one_succeed(
    app, ctx, unit_id, apps: int
) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    first = await ask(app, ctx, employee_id, date(2026, 7, 6), date(2026, 7, 6))
    acc0 = await app.load(ctx.tenant, LeaveAccount, account_id(employee_id))
    remaining = acc0.balance(2026)["remaining"]
    await app.cancel_leave(ctx, employee_id=employee_id, request_id=first, on=ON)
    # two requests of all the remaining days each: either fits alone, both do not
    assert remaining >= 2
    a = await ask(app, ctx, employee_id, date(2026, 8, 3), _working_end(date(2026, 8, 3), remaining))
    b = await ask(app, ctx, employee_id, date(2026, 9, 7), _working_end(date(2026, 9, 7), remaining))
    other = Application(app.store) if apps == 2 else app

    outcomes = await asyncio.gather(
        app.approve_leave(ctx, employee_id=employee_id, request_id=a, by_hr=False),
        other.approve_leave(ctx, employee_id=employee_id, request_id=b, by_hr=False),
        return_exceptions=True,
    )

    failed = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failed) == 1 and isinstance(failed[0], InsufficientLeave), outcomes
    acc = await Application(app.store).load(ctx.tenant, LeaveAccount, account_id(employee_id))
    assert acc.balance(2026)["remaining"] == 0
    assert sorted(r["status"] for r in acc.requests.values()) == ["APPROVED", "CANCELLED", "REQUESTED"]


def _working_end(start: date, days: int) -> date:
    return add_working_days(start, days - 1, shipped_dates(start.year))
