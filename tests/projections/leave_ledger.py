"""Leave history for the ledger that projection tests replay: every `LeaveAccount` event at least once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import uuid4

from riwayat.domain.holiday_calendar import effective_holidays
from riwayat.domain.leave import Holder, LeaveAccount, year_days
from riwayat.domain.values import Decree

if TYPE_CHECKING:
    from tests.projections.ledger import Ledger

DAYS = {y: year_days(y, effective_holidays(y, None, ())) for y in (2025, 2026, 2027)}
ON = date(2025, 1, 2)


async def leave_history(ledger: Ledger) -> list[LeaveAccount]:
    accounts = []
    for e in [e for e in ledger.employees if e.status in ("ACTIVE", "CANDIDATE")][:4]:
        holder = Holder(e.employment_type, e.hired_on, e.gender)
        acc = LeaveAccount.open(e.id, e.employment_type)

        def ask(kind: str, start: date, end: date, acc: LeaveAccount = acc, h: Holder = holder) -> object:
            rid = uuid4()
            acc.request(request_id=rid, kind=kind, start=start, end=end, reason="keluarga", address=None,
                        holder=h, days_of=DAYS, today=ON, by="199001012015031001")  # fmt: skip
            return rid

        acc.approve(ask("ANNUAL", date(2025, 7, 7), date(2025, 7, 9)), by="boss", by_hr=False)
        acc.reject(ask("ANNUAL", date(2026, 2, 2), date(2026, 2, 3)), by="boss", by_hr=False, reason="sibuk")
        acc.cancel(ask("ANNUAL", date(2026, 4, 6), date(2026, 4, 7)), by=e.nip, today=ON)
        ask("ANNUAL", date(2026, 8, 3), date(2026, 8, 4))  # left pending
        sick = ask("SICK", date(2025, 9, 1), date(2025, 9, 12))
        acc.approve(sick, by="boss", by_hr=False)
        acc.record_return(sick, returned_on=date(2025, 9, 10))
        if e.employment_type == "PNS" and e.hired_on.year <= 2019:
            cltn = ask("UNPAID", date(2026, 9, 1), date(2027, 8, 31))
            acc.approve(cltn, by="hr", by_hr=True, decree=Decree("800/CLTN/1", date(2026, 8, 1)))
        if accounts:
            acc.assign_supervisor(accounts[0].employee_id)
        accounts.append(acc)
        await ledger.save(acc)
    return accounts
