"""The final SKP per employee and year (PermenPANRB 6/2022), with the predikat the domain computed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from riwayat.infra.event_store import RecordedEvent
from riwayat.projections.base import Projection, Writer
from riwayat.projections.rows import Table

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

    async def on_Employee_AppraisalRecorded(self, w: Writer, rec: RecordedEvent, e: Any) -> None:
        row = {
            "employee_id": rec.stream_id,
            "year": e.year,
            "work_result": e.work_result,
            "behaviour": e.behaviour,
            "predikat": e.predikat,
        }
        await w.put(APPRAISALS, row)


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
