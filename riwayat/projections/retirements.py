"""Who reaches their retirement age (BUP) when: one row per employee in service, with the birth date and
the BUP of the position held (the catalogue's, or inferred from a free-text title, flagged). The date is
computed by the query: the 1st of the month after the birthday month of the BUP year (PP 11/2017 art. 239).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.checks import add_months
from riwayat.domain.employee import Employee
from riwayat.domain.retirement import age_from_title
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

RETIREMENTS = Table(
    "retirements",
    (("employee_id", "uuid"), ("birth_date", "date NOT NULL"), ("retirement_age", "integer NOT NULL"),
     ("inferred", "boolean NOT NULL")),
    key=("employee_id",),
)  # fmt: skip
# The SQL form of `retirement.retirement_date`.
RETIRES_ON = (
    "(make_date(extract(year FROM r.birth_date)::int + r.retirement_age,"
    " extract(month FROM r.birth_date)::int, 1) + interval '1 month')::date"
)


@dataclass(frozen=True)
class RetirementRow:
    employee_id: UUID
    retires_on: date
    retirement_age: int
    inferred: bool


def _age(d: Data) -> dict[str, Any]:
    age = d.get("retirement_age")
    if age is None:
        return {"retirement_age": age_from_title(d["position"]), "inferred": True}
    return {"retirement_age": age, "inferred": False}


class Retirements(Projection):
    name = "retirements"
    version = 1
    tables = (RETIREMENTS,)

    @handles(Employee.Hired)
    def employee_hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.put(RETIREMENTS, {"employee_id": stream_id, "birth_date": stored.day(d["birth_date"])} | _age(d))

    @handles(Employee.Enrolled)  # onboarding: the cut-over position is free text
    def employee_enrolled(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"employee_id": stream_id, "birth_date": stored.day(d["birth_date"])}
        w.put(RETIREMENTS, row | _age({"position": d["position"]}))

    @handles(Employee.PositionAssigned)
    def employee_position_assigned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(RETIREMENTS, (stream_id,), _age(d))

    @handles(Employee.PersonalDataCorrected)
    def employee_personal_data_corrected(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        if d["birth_date"] is not None:
            w.update(RETIREMENTS, (stream_id,), {"birth_date": stored.day(d["birth_date"])})

    @handles(Employee.Separated, Employee.TransferredOut)
    def employee_separated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.delete(RETIREMENTS, (stream_id,))


async def retirements_due(
    pool_or_con: Any, schema: str, as_of: date, within_months: int
) -> list[RetirementRow]:
    """Employees in service whose BUP takes effect from `as_of` up to (excluding) `within_months` later
    (those past it and not yet separated are included too: their separation is overdue), soonest first."""
    rows = await pool_or_con.fetch(
        f"SELECT r.employee_id, {RETIRES_ON} AS retires_on, r.retirement_age, r.inferred"
        f" FROM {schema}.retirements r JOIN {schema}.employees e ON e.id = r.employee_id"
        f" WHERE {RETIRES_ON} < $1 ORDER BY 2, e.name, e.id",
        add_months(as_of, within_months),
    )
    return [RetirementRow(*r) for r in rows]


async def retirement_of(pool_or_con: Any, schema: str, employee_id: UUID) -> RetirementRow | None:
    row = await pool_or_con.fetchrow(
        f"SELECT r.employee_id, {RETIRES_ON}, r.retirement_age, r.inferred FROM {schema}.retirements r"
        " WHERE r.employee_id = $1",
        employee_id,
    )
    return None if row is None else RetirementRow(*row)
