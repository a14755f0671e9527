"""Demo leave (issue 17): a year (2026) of leave in each tenant — annual leave approved, rejected and
cancelled, sick and maternity leave, a few CLTN decided by hr — and the people whose tokens the demo prints:
two employees and their superior (assigned explicitly, so the tour does not depend on the catalogue).

Requests are entered as of 5 January 2026 (`on`), the business date they were filed; a refusal (a balance
used up, an overlap) is skipped, as a real portal would show it and move on.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

from riwayat.domain.employee import Employee
from riwayat.domain.errors import DomainError
from riwayat.domain.values import Decree

FILED_ON = date(2026, 1, 5)
PEOPLE = 40  # per tenant: enough for a calendar and a queue of approvals, cheap to load


async def load_leave(loader: Any, rng: random.Random) -> list[tuple[str, str]]:
    """Returns (label, NIP) of the superior and the two employees the demo prints tokens for."""
    app, tenant = loader.app, loader.tenant
    staff: list[Employee] = []
    for eid in list(loader.employee_ids.values())[: PEOPLE * 2]:
        e = await app.load(tenant, Employee, eid)
        if e is not None and e.status in ("ACTIVE", "CANDIDATE") and e.hired_on.year <= 2024:
            staff.append(e)
    staff = staff[:PEOPLE]
    if len(staff) < 3:
        return []
    boss, first, second = staff[0], staff[1], staff[2]
    for person in (first, second):
        await _try(app.assign_supervisor(loader.ctx("leave-supervisor"), employee_id=person.id,
                                         supervisor_id=boss.id))  # fmt: skip
    cltn = 0
    for i, e in enumerate(staff[1:]):
        ctx = loader.ctx(f"leave-{i}")
        month = rng.randint(2, 11)
        start = _monday(date(2026, month, rng.randint(1, 20)))
        rid = await _ask(app, ctx, e.id, "ANNUAL", start, start + timedelta(days=rng.choice((0, 1, 2))))
        if rid is not None and e not in (first, second):
            fate = rng.random()
            if fate < 0.7:
                await _try(app.approve_leave(ctx, employee_id=e.id, request_id=rid, by_hr=True))
            elif fate < 0.85:
                await _try(app.reject_leave(ctx, employee_id=e.id, request_id=rid, by_hr=True,
                                            reason="tugas pelayanan"))  # fmt: skip
            else:
                await _try(app.cancel_leave(ctx, employee_id=e.id, request_id=rid, on=FILED_ON))
        if i % 7 == 3:
            sick = _monday(date(2026, rng.randint(2, 11), 21))
            rid = await _ask(app, ctx, e.id, "SICK", sick, sick + timedelta(days=4))
            if rid is not None:
                await _try(app.approve_leave(ctx, employee_id=e.id, request_id=rid, by_hr=True))
        if e.gender == "FEMALE" and i % 9 == 4:
            rid = await _ask(app, ctx, e.id, "MATERNITY", date(2026, 12, 1), date(2027, 2, 28))
            if rid is not None:
                await _try(app.approve_leave(ctx, employee_id=e.id, request_id=rid, by_hr=True))
        if cltn < 2 and e.employment_type == "PNS" and e.hired_on.year <= 2018 and e not in (first, second):
            rid = await _ask(app, ctx, e.id, "UNPAID", date(2026, 12, 1), date(2027, 11, 30))
            decree = Decree(f"800/CLTN/{i:03d}/2026", date(2026, 11, 20))
            if rid is not None and await _try(app.approve_leave(ctx, employee_id=e.id, request_id=rid,
                                                                by_hr=True, decree=decree)):  # fmt: skip
                cltn += 1
    return [("superior", boss.nip), ("employee", first.nip), ("employee", second.nip)]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def _ask(app: Any, ctx: Any, employee_id: UUID, kind: str, start: date, end: date) -> UUID | None:
    rid = uuid4()
    ok = await _try(app.request_leave(ctx, employee_id=employee_id, request_id=rid, kind=kind, start=start,
                                      end=end, reason="keperluan keluarga", address="Sumatera Utara",
                                      on=FILED_ON))  # fmt: skip
    return rid if ok else None


async def _try(command: Any) -> bool:
    try:
        await command
    except DomainError:
        return False
    return True
