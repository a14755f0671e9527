"""Who is due a regular promotion (kenaikan pangkat reguler) on a date, and the sanctions that block it.

`promotion_candidates` is the SQL form of `riwayat.domain.promotion.is_regular_promotion_candidate`
(DOMAIN.md): an active PNS below IV/e, at least four years in the current rank on `as_of`, predikat at
least BAIK in each of the two previous calendar years, no disciplinary sanction blocking it on `as_of`, and
below the ceiling of the highest diploma recorded. The thresholds come from `riwayat.domain.reference`, so
the two cannot drift apart silently. This projection owns only `disciplines`; the query also reads the
employees, appraisals and education read models. `promotion_eligibility` says why someone is not due,
through the domain's own `promotion_obstacles` on those rows (the SKP from the appraisals read model, so
a corrected rating there is the one counted).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain import reference
from riwayat.domain.employee import Employee
from riwayat.domain.enums import EmployeeStatus, EmploymentType, Predikat
from riwayat.domain.promotion import Obstacle, promotion_obstacles
from riwayat.projections import stored
from riwayat.projections.appraisals import predikat_by_employee
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.education import education_by_employee
from riwayat.projections.employees import COLUMNS, EmployeeRow, employees_by_ids
from riwayat.projections.leave import CLTN_LAST_DAY, unpaid_periods
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

DISCIPLINES = Table(
    "disciplines",
    (("employee_id", "uuid"), ("version", "integer"), ("level", "text NOT NULL"),
     ("effective_on", "date NOT NULL"), ("ends_on", "date NOT NULL"), ("kind", "text"),
     ("regulation", "text NOT NULL"), ("months", "integer"), ("blocks_until", "date NOT NULL")),
    key=("employee_id", "version"),
)  # fmt: skip


class Promotion(Projection):
    name = "promotion"
    version = 2  # 2: sanctions as decided (kind, term, blocks_until), education ceiling
    tables = (DISCIPLINES,)

    @handles(Employee.DisciplineImposed)
    def employee_discipline_imposed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id,
            "version": version,
            "level": d["level"],
            "effective_on": stored.day(d["effective_on"]),
            "ends_on": stored.day(d["ends_on"]),
            "kind": d["kind"],
            "regulation": d["regulation"],
            "months": d["months"],
            "blocks_until": stored.day(d["ends_on"] if d["blocks_promotion"] else d["effective_on"]),
        }
        w.put(DISCIPLINES, row)


def _good_enough() -> list[str]:
    minimum = Predikat(reference.REGULAR_PROMOTION_MIN_PREDIKAT)
    return [p.value for p in Predikat if p.at_least(minimum)]


# Days of approved (or ended) CLTN between the rank's TMT and $5 (leave, issue 17: projections/leave.py).
_CLTN_DAYS = (
    f"(SELECT coalesce(sum(least({CLTN_LAST_DAY}, $5) - greatest(r.start_on, e.rank_since) + 1), 0)::int"
    " FROM {s}.leave_requests r JOIN {s}.leave_accounts la ON la.id = r.account_id"
    " WHERE la.employee_id = e.id AND r.kind = 'UNPAID' AND r.status IN ('APPROVED', 'RETURNED')"
    f" AND r.start_on <= $5 AND {CLTN_LAST_DAY} >= e.rank_since)"
)


async def promotion_candidates(pool_or_con: Any, schema: str, as_of: date) -> list[EmployeeRow]:
    """The employees due a regular promotion on `as_of`, by name. `date + interval 'n years'` clips
    29 February to the 28th, as the domain's `add_years` does."""
    years = reference.REGULAR_PROMOTION_APPRAISAL_YEARS
    select = ", ".join(f"e.{c}" for c in COLUMNS)
    rows = await pool_or_con.fetch(
        f"SELECT {select} FROM {schema}.employees e"
        " WHERE e.employment_type = $1 AND e.status = $2 AND e.rank <> $3"
        # leave (issue 17): CLTN days since the rank do not count toward it, and no one on CLTN is due
        f" AND (e.rank_since + {_CLTN_DAYS.format(s=schema)} + make_interval(years => $4))::date <= $5"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.leave_requests r JOIN {schema}.leave_accounts la"
        "      ON la.id = r.account_id WHERE la.employee_id = e.id AND r.kind = 'UNPAID'"
        f"      AND r.status IN ('APPROVED', 'RETURNED') AND r.start_on <= $5 AND {CLTN_LAST_DAY} >= $5)"
        f" AND (SELECT count(*) FROM {schema}.appraisals a WHERE a.employee_id = e.id"
        "      AND a.year >= $6 AND a.year < $7 AND a.predikat = any($8::text[])) = $9"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.disciplines d WHERE d.employee_id = e.id"
        "      AND d.effective_on <= $5 AND $5 < d.blocks_until)"
        " AND array_position($10::text[], e.rank) - 1 < coalesce((SELECT max(c.cap)"
        f"      FROM {schema}.education ed"
        "      JOIN unnest($11::text[], $12::int[]) AS c(level, cap) ON c.level = ed.level"
        "      WHERE ed.employee_id = e.id), 99)"
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
        *_ceilings(as_of),
    )
    return [EmployeeRow(*r) for r in rows]


def _ceilings(on: date) -> tuple[list[str], list[str], list[int]]:
    """The PNS rank codes in order, and each education level with the index of its ceiling rank."""
    codes = [code for code, _ in reference.PNS_RANKS]
    table = reference.in_force(reference.EDUCATION_RANKS, on).value
    return codes, list(table), [codes.index(cap) for _, cap in table.values()]


async def promotion_eligibility(
    pool_or_con: Any, schema: str, employee_id: UUID, as_of: date
) -> list[Obstacle] | None:
    """Why the employee is not due a regular promotion on `as_of` (empty: due); None for no such employee."""
    employee = (await employees_by_ids(pool_or_con, schema, [employee_id])).get(employee_id)
    if employee is None:
        return None
    # performance: every source's predikat in force (a pre-2022 numeric SKP too), corrected ones included
    predikat = (await predikat_by_employee(pool_or_con, schema, [employee_id]))[employee_id]
    education = (await education_by_employee(pool_or_con, schema, [employee_id]))[employee_id]
    sanctions = await pool_or_con.fetch(
        f"SELECT level, effective_on, blocks_until FROM {schema}.disciplines WHERE employee_id = $1"
        " ORDER BY effective_on, version",
        employee_id,
    )
    unpaid = (await unpaid_periods(pool_or_con, schema, [employee_id]))[employee_id]
    # the stored status: the one shown (ON_UNPAID_LEAVE during CLTN) is today's, not `as_of`'s
    status = await pool_or_con.fetchval(f"SELECT status FROM {schema}.employees WHERE id = $1", employee_id)
    return promotion_obstacles(
        employment_type=employee.employment_type, status=status, rank=employee.rank,
        rank_since=employee.rank_since, predikat=predikat, disciplines=[tuple(r) for r in sanctions],
        education=[e.level for e in education], as_of=as_of, unpaid=unpaid,
    )  # fmt: skip
