"""Training hours (JP) per employee per calendar year of completion: the PP 17/2020 20-JP minimum."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.enums import EmploymentType
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

# No index besides the primary key, which every query uses: an index holding `hours` made each training's
# running-total update write new index entries instead of a heap-only (HOT) update.
HOURS = Table(
    "training_hours",
    (("employee_id", "uuid"), ("year", "integer"), ("hours", "integer NOT NULL")),
    key=("employee_id", "year"),
)
MINIMUM_JP = 20


class TrainingHours(Projection):
    name = "training_hours"
    version = 2  # 2: no (year, hours) index
    tables = (HOURS,)

    @handles(Employee.TrainingCompleted)
    def employee_training_completed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        key = {"employee_id": stream_id, "year": stored.year(d["effective_on"])}
        w.add(HOURS, key, {"hours": d["hours"]})


async def hours_by_keys(
    pool_or_con: Any, schema: str, keys: list[tuple[UUID, int]]
) -> dict[tuple[UUID, int], int]:
    """JP for each (employee, year) asked for; 0 when nothing was completed that year."""
    if not keys:
        return {}
    ids, years = zip(*keys, strict=True)
    rows = await pool_or_con.fetch(
        f"SELECT h.employee_id, h.year, h.hours FROM {schema}.training_hours h"
        " JOIN unnest($1::uuid[], $2::int[]) AS k(employee_id, year)"
        " ON h.employee_id = k.employee_id AND h.year = k.year",
        list(ids),
        list(years),
    )
    found = {(r["employee_id"], r["year"]): r["hours"] for r in rows}
    return {key: found.get(key, 0) for key in keys}


async def below_minimum(pool_or_con: Any, schema: str, year: int, minimum: int = MINIMUM_JP) -> list[UUID]:
    """PNS (CPNS included) appointed by 31 December of `year` and not separated by then, with fewer
    than `minimum` JP completed that year, by name. The population comes from the employee directory:
    an employee with no training at all is the shortfall that matters most."""
    end = date(year, 12, 31)
    rows = await pool_or_con.fetch(
        f"SELECT e.id FROM {schema}.employees e"
        f" LEFT JOIN {schema}.training_hours h ON h.employee_id = e.id AND h.year = $1"
        " WHERE e.employment_type = $2 AND e.hired_on <= $3"
        " AND (e.separated_on IS NULL OR e.separated_on > $3)"
        " AND coalesce(h.hours, 0) < $4 ORDER BY e.name, e.id",
        year,
        EmploymentType.PNS.value,
        end,
        minimum,
    )
    return [r["id"] for r in rows]
