"""The final SKP in force per employee and year, whichever way it was recorded.

Three sources fill it: the final SKP on the employee's stream (`Employee.AppraisalRecorded`, before
plans existed and for years without one), the annual rating of a `PerformancePlan`, and a pre-2022
numeric SKP (PP 46/2011) recorded as historical. An upheld objection replaces the rating in force here
(so the promotion query and every other reader see the corrected one) and keeps the one it replaced in
`original_predikat`; both stay in the ledger. Historical rows have a score and band, not two ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.performance import PerformancePlan
from riwayat.domain.performance_rules import STRONG
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

SOURCE_EMPLOYEE, SOURCE_PLAN, SOURCE_PP46 = "SKP", "PLAN", "PP46_2011"

APPRAISALS = Table(
    "appraisals",
    (("employee_id", "uuid"), ("year", "integer"), ("work_result", "text"), ("behaviour", "text"),
     ("predikat", "text NOT NULL"), ("source", "text NOT NULL"), ("score", "text"), ("band", "text"),
     ("original_predikat", "text"), ("plan_id", "uuid"), ("rated_on", "date")),
    key=("employee_id", "year"),
    indexes=(("year_idx", "(year, predikat)"),),
)  # fmt: skip
_EMPTY = {"score": None, "band": None, "original_predikat": None, "plan_id": None, "rated_on": None}


@dataclass(frozen=True)
class AppraisalRow:
    employee_id: UUID
    year: int
    work_result: str
    behaviour: str
    predikat: str


@dataclass(frozen=True)
class PerformanceYearRow:
    employee_id: UUID
    year: int
    work_result: str | None
    behaviour: str | None
    predikat: str
    source: str
    score: str | None
    band: str | None
    original_predikat: str | None
    plan_id: UUID | None
    rated_on: date | None


class Appraisals(Projection):
    name = "appraisals"
    version = 2  # 2: plan ratings, historical scores, corrections after an objection
    tables = (APPRAISALS,)

    @handles(Employee.AppraisalRecorded)
    def employee_appraisal_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id,
            "year": d["year"],
            "work_result": d["work_result"],
            "behaviour": d["behaviour"],
            "predikat": d["predikat"],
            "source": SOURCE_EMPLOYEE,
        }
        w.put(APPRAISALS, row | _EMPTY)

    @handles(PerformancePlan.AnnualRated)
    def performance_plan_annual_rated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stored.uuid(d["employee_id"]),
            "year": d["year"],
            "work_result": d["work_result"],
            "behaviour": d["behaviour"],
            "predikat": d["predikat"],
            "source": SOURCE_PLAN,
        }
        w.put(APPRAISALS, row | _EMPTY | {"plan_id": stream_id, "rated_on": stored.day(d["rated_on"])})

    @handles(PerformancePlan.HistoricalRecorded)
    def performance_plan_historical_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stored.uuid(d["employee_id"]),
            "year": d["year"],
            "work_result": None,
            "behaviour": None,
            "predikat": d["predikat"],
            "source": SOURCE_PP46,
        }
        w.put(APPRAISALS, row | _EMPTY | {"score": d["score"], "band": d["band"], "plan_id": stream_id})

    @handles(PerformancePlan.ObjectionDecided)
    def performance_plan_objection_decided(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        if d["predikat"] is None:  # rejected: the rating stands
            return
        key = (stored.uuid(d["employee_id"]), d["year"])
        corrected = {
            "work_result": d["work_result"],
            "behaviour": d["behaviour"],
            "predikat": d["predikat"],
            "original_predikat": d["previous_predikat"],
        }
        w.update(APPRAISALS, key, corrected)


async def appraisals_by_employee(
    pool_or_con: Any, schema: str, ids: list[UUID]
) -> dict[UUID, list[AppraisalRow]]:
    """Every employee asked for (an empty list when none), each with its two-rating appraisals by year
    (the ratings in force; numeric pre-2022 SKP are in `performance_history`)."""
    where, key = keyed.match("employee_id", ids, "uuid")
    rows = await pool_or_con.fetch(
        f"SELECT employee_id, year, work_result, behaviour, predikat FROM {schema}.appraisals"
        f" WHERE {where} AND work_result IS NOT NULL ORDER BY employee_id, year",
        key,
    )
    result: dict[UUID, list[AppraisalRow]] = {i: [] for i in ids}
    for r in rows:
        result[r["employee_id"]].append(AppraisalRow(*r))
    return result


_HISTORY = ", ".join(c for c, _ in APPRAISALS.columns)


async def performance_history(pool_or_con: Any, schema: str, employee_id: UUID) -> list[PerformanceYearRow]:
    """Every year's final SKP of one employee, oldest first, with its source and any correction."""
    rows = await pool_or_con.fetch(
        f"SELECT {_HISTORY} FROM {schema}.appraisals WHERE employee_id = $1 ORDER BY year", employee_id
    )
    return [PerformanceYearRow(*r) for r in rows]


@dataclass(frozen=True)
class DistributionRow:
    unit_id: UUID
    predikat: str
    count: int


async def appraisal_distribution(
    pool_or_con: Any, schema: str, year: int, unit_id: UUID | None = None
) -> list[DistributionRow]:
    """Counts per predikat per unit for a year (the curve a BKPSDM checks against the unit's own rating).
    The unit is the employee's current one (the directory's)."""
    rows = await pool_or_con.fetch(
        f"SELECT e.unit_id, a.predikat, count(*) FROM {schema}.appraisals a"
        f" JOIN {schema}.employees e ON e.id = a.employee_id"
        " WHERE a.year = $1 AND ($2::uuid IS NULL OR e.unit_id = $2)"
        " GROUP BY e.unit_id, a.predikat ORDER BY e.unit_id, a.predikat",
        year,
        unit_id,
    )
    return [DistributionRow(*r) for r in rows]


async def talent_candidates(pool_or_con: Any, schema: str, year: int) -> list[UUID]:
    """Employees in service rated SANGAT_BAIK or BAIK in `year` and the year before (the ratings in force),
    with no sanction imposed or running in those two years (PermenPANRB 3/2020 talent pool), by name.
    The disciplines table belongs to the promotion read model; this only reads it."""
    rows = await pool_or_con.fetch(
        f"SELECT e.id FROM {schema}.employees e"
        " WHERE e.status <> $1"
        f" AND (SELECT count(*) FROM {schema}.appraisals a WHERE a.employee_id = e.id"
        "      AND a.year IN ($2, $2 - 1) AND a.predikat = any($3::text[])) = 2"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.disciplines d WHERE d.employee_id = e.id"
        "      AND d.effective_on <= make_date($2, 12, 31) AND d.ends_on > make_date($2 - 1, 1, 1))"
        " ORDER BY e.name, e.id",
        "SEPARATED",
        year,
        sorted(STRONG),
    )
    return [r["id"] for r in rows]


async def years_by_plan_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, PerformanceYearRow]:
    """The year a plan (or a historical appraisal) put in force, by the plan's stream id."""
    where, key = keyed.match("plan_id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_HISTORY} FROM {schema}.appraisals WHERE {where}", key)
    return {r["plan_id"]: PerformanceYearRow(*r) for r in rows}


async def predikat_by_employee(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, dict[int, str]]:
    """The predikat in force per year of each employee asked for, whatever the source (numeric pre-2022
    SKP included): what a promotion rule counts."""
    where, key = keyed.match("employee_id", ids, "uuid")
    rows = await pool_or_con.fetch(
        f"SELECT employee_id, year, predikat FROM {schema}.appraisals WHERE {where}",
        key,
    )
    result: dict[UUID, dict[int, str]] = {i: {} for i in ids}
    for r in rows:
        result[r["employee_id"]][r["year"]] = r["predikat"]
    return result
