"""Who is due a regular promotion (kenaikan pangkat reguler) on a date, and the sanctions that block it.

`promotion_candidates` is the SQL form of `riwayat.domain.promotion.is_regular_promotion_candidate`
(DOMAIN.md): an active PNS below IV/e, at least four years in the current rank on `as_of`, predikat at
least BAIK in each of the two previous calendar years, and no disciplinary sanction in effect on `as_of`.
The thresholds come from `riwayat.domain.reference`, so the two cannot drift apart silently. This
projection owns only `disciplines`; the query also reads the employees and appraisals read models.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain import reference
from riwayat.domain.employee import Employee
from riwayat.domain.enums import EmployeeStatus, EmploymentType, Predikat
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.employees import COLUMNS, EmployeeRow
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

DISCIPLINES = Table(
    "disciplines",
    (("employee_id", "uuid"), ("version", "integer"), ("level", "text NOT NULL"),
     ("effective_on", "date NOT NULL"), ("ends_on", "date NOT NULL")),
    key=("employee_id", "version"),
)  # fmt: skip


class Promotion(Projection):
    name = "promotion"
    version = 1
    tables = (DISCIPLINES,)

    @handles(Employee.DisciplineImposed)
    def employee_discipline_imposed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id,
            "version": version,
            "level": d["level"],
            "effective_on": stored.day(d["effective_on"]),
            "ends_on": stored.day(d["ends_on"]),
        }
        w.put(DISCIPLINES, row)


def _good_enough() -> list[str]:
    minimum = Predikat(reference.REGULAR_PROMOTION_MIN_PREDIKAT)
    return [p.value for p in Predikat if p.at_least(minimum)]


async def promotion_candidates(pool_or_con: Any, schema: str, as_of: date) -> list[EmployeeRow]:
    """The employees due a regular promotion on `as_of`, by name. `date + interval 'n years'` clips
    29 February to the 28th, as the domain's `add_years` does."""
    years = reference.REGULAR_PROMOTION_APPRAISAL_YEARS
    select = ", ".join(f"e.{c}" for c in COLUMNS)
    rows = await pool_or_con.fetch(
        f"SELECT {select} FROM {schema}.employees e"
        " WHERE e.employment_type = $1 AND e.status = $2 AND e.rank <> $3"
        " AND (e.rank_since + make_interval(years => $4))::date <= $5"
        f" AND (SELECT count(*) FROM {schema}.appraisals a WHERE a.employee_id = e.id"
        "      AND a.year >= $6 AND a.year < $7 AND a.predikat = any($8::text[])) = $9"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.disciplines d WHERE d.employee_id = e.id"
        "      AND d.effective_on <= $5 AND $5 < d.ends_on)"
        " ORDER BY e.name, e.id",
        EmploymentType.PNS.value,
        EmployeeStatus.ACTIVE.value,
        reference.HIGHEST_PNS_RANK,
        reference.REGULAR_PROMOTION_YEARS_IN_RANK,
        as_of,
        as_of.year - years,
        as_of.year,
        _good_enough(),
        years,
    )
    return [EmployeeRow(*r) for r in rows]
