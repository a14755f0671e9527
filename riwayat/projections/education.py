"""Education history (riwayat pendidikan): every diploma recorded, which drives the promotion ceiling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

EDUCATION = Table(
    "education",
    (("employee_id", "uuid"), ("version", "integer"), ("level", "text NOT NULL"),
     ("institution", "text NOT NULL"), ("major", "text"), ("graduated_on", "date NOT NULL"),
     ("diploma_number", "text")),
    key=("employee_id", "version"),
)  # fmt: skip


@dataclass(frozen=True)
class EducationRow:
    employee_id: UUID
    version: int
    level: str
    institution: str
    major: str | None
    graduated_on: date
    diploma_number: str | None


class Education(Projection):
    name = "education"
    version = 1
    tables = (EDUCATION,)

    @handles(Employee.EducationRecorded)
    def employee_education_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id, "version": version, "level": d["level"],
            "institution": d["institution"], "major": d["major"],
            "graduated_on": stored.day(d["effective_on"]), "diploma_number": d["diploma_number"],
        }  # fmt: skip
        w.put(EDUCATION, row)


async def education_by_employee(
    pool_or_con: Any, schema: str, ids: list[UUID]
) -> dict[UUID, list[EducationRow]]:
    """Every employee asked for (an empty list when none recorded), diplomas by graduation date."""
    where, key = keyed.match("employee_id", ids, "uuid")
    rows = await pool_or_con.fetch(
        f"SELECT employee_id, version, level, institution, major, graduated_on, diploma_number"
        f" FROM {schema}.education WHERE {where}"
        " ORDER BY employee_id, graduated_on, version",
        key,
    )
    result: dict[UUID, list[EducationRow]] = {i: [] for i in ids}
    for r in rows:
        result[r["employee_id"]].append(EducationRow(*r))
    return result
