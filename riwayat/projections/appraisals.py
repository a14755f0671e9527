"""The final SKP per employee and year (PermenPANRB 6/2022), with the predikat the domain computed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

APPRAISALS = Table(
    "appraisals",
    (("employee_id", "uuid"), ("year", "integer"), ("work_result", "text NOT NULL"),
     ("behaviour", "text NOT NULL"), ("predikat", "text NOT NULL")),
    key=("employee_id", "year"),
    indexes=(("year_idx", "(year, predikat)"),),
)  # fmt: skip


@dataclass(frozen=True)
class AppraisalRow:
    employee_id: UUID
    year: int
    work_result: str
    behaviour: str
    predikat: str


class Appraisals(Projection):
    name = "appraisals"
    version = 1
    tables = (APPRAISALS,)

    @handles(Employee.AppraisalRecorded)
    def employee_appraisal_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id,
            "year": d["year"],
            "work_result": d["work_result"],
            "behaviour": d["behaviour"],
            "predikat": d["predikat"],
        }
        w.put(APPRAISALS, row)


async def appraisals_by_employee(
    pool_or_con: Any, schema: str, ids: list[UUID]
) -> dict[UUID, list[AppraisalRow]]:
    """Every employee asked for (an empty list when none), each with its appraisals by year."""
    rows = await pool_or_con.fetch(
        f"SELECT employee_id, year, work_result, behaviour, predikat FROM {schema}.appraisals"
        " WHERE employee_id = any($1::uuid[]) ORDER BY employee_id, year",
        list(ids),
    )
    result: dict[UUID, list[AppraisalRow]] = {i: [] for i in ids}
    for r in rows:
        result[r["employee_id"]].append(AppraisalRow(*r))
    return result
