"""Salary steps (KGB): per employee in service, the last step (or the appointment) and any PP 53/2010
delay, so `salary_steps_due` lists who is due a step on a date (PP 7/1977 art. 8: every 2 years; CLTN days
since the last step not counted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain import reference
from riwayat.domain.employee import Employee
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.leave import CLTN_LAST_DAY
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

SALARY_STEPS = Table(
    "salary_steps",
    (("employee_id", "uuid"), ("last_on", "date NOT NULL"), ("steps", "integer NOT NULL"),
     ("delay_months", "integer NOT NULL")),
    key=("employee_id",),
)  # fmt: skip
# The days of CLTN from the last step to $1 push the step back (`salary.next_step_due`; leave, issue 17).
_CLTN_DAYS = (
    f"(SELECT coalesce(sum(least({CLTN_LAST_DAY}, $1) - greatest(r.start_on, s.last_on) + 1), 0)::int"
    " FROM {s}.leave_requests r JOIN {s}.leave_accounts la ON la.id = r.account_id"
    " WHERE la.employee_id = s.employee_id AND r.kind = 'UNPAID' AND r.status IN ('APPROVED', 'RETURNED')"
    f" AND r.start_on <= $1 AND {CLTN_LAST_DAY} >= s.last_on)"
)
_DUE = "((s.last_on + make_interval(months => $2 + s.delay_months))::date + {cltn})"


@dataclass(frozen=True)
class SalaryStepRow:
    employee_id: UUID
    last_on: date
    steps: int
    due_on: date


class SalarySteps(Projection):
    name = "salary_steps"
    version = 1
    tables = (SALARY_STEPS,)

    @handles(Employee.Hired)
    def employee_hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id,
            "last_on": stored.day(d["effective_on"]),
            "steps": 0,
            "delay_months": 0,
        }
        w.put(SALARY_STEPS, row)

    @handles(Employee.Enrolled)  # onboarding: masa kerja from the TMT CPNS, as the domain counts it
    def employee_enrolled(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"employee_id": stream_id, "last_on": stored.day(d["tmt_cpns"]), "steps": 0, "delay_months": 0}
        w.put(SALARY_STEPS, row)

    @handles(Employee.SalaryStepGranted)
    def employee_salary_step_granted(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"last_on": stored.day(d["effective_on"]), "steps": d["step"], "delay_months": 0}
        w.update(SALARY_STEPS, (stream_id,), values)

    @handles(Employee.DisciplineImposed)
    def employee_discipline_imposed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        if d["delays_salary_step"]:
            w.update(SALARY_STEPS, (stream_id,), add={"delay_months": reference.SALARY_STEP_DELAY_MONTHS})

    @handles(Employee.Separated, Employee.TransferredOut)
    def employee_separated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.delete(SALARY_STEPS, (stream_id,))


def _months(as_of: date) -> int:
    return reference.in_force(reference.SALARY_STEP_MONTHS, as_of).value


async def salary_steps_due(pool_or_con: Any, schema: str, as_of: date) -> list[SalaryStepRow]:
    """Employees in service (appointed by `as_of`) due a KGB on `as_of`: the step's date has come."""
    due = _DUE.format(cltn=_CLTN_DAYS.format(s=schema))
    rows = await pool_or_con.fetch(
        f"SELECT s.employee_id, s.last_on, s.steps, {due} FROM {schema}.salary_steps s"
        f" JOIN {schema}.employees e ON e.id = s.employee_id"
        f" WHERE {due} <= $1 ORDER BY 4, e.name, e.id",
        as_of,
        _months(as_of),
    )
    return [SalaryStepRow(*r) for r in rows]
