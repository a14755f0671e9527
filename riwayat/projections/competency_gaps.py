"""Competency gaps: required (the position's standard) − held (the latest assessment), per employee, per
unit, and as the yearly training-needs analysis (AKPK); and the JP shortfall of PNS and PPPK.

An employee's gaps are judged against the version of the standard in force on their latest assessment's date
(before any assessment, or before the first version: the version in force on the day asked about). Only
employees holding a catalogued position have a standard. Never assessed counts as held at 0. A unit's
gaps as of a day on or after every assessment of its people (today, as a rule) come from the levels held
now (`competency_held`); an earlier day is judged from the whole history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from riwayat.domain.competency import job_person_match
from riwayat.domain.enums import EmploymentType
from riwayat.projections.training_hours import MINIMUM_JP

PPPK_MAXIMUM_JP = 24  # PP 49/2018: at most 24 JP per year of contract (DOMAIN.md)

# $1: the unit (or employee) id, $2: the day asked about. `{who}` is a code constant below, never input.
_GAPS = """
WITH people AS (
  SELECT e.id, e.name, h.position_id, p.job_class
  FROM {s}.employees e JOIN {s}.position_holders h ON h.employee_id = e.id
  JOIN {s}.positions p ON p.id = h.position_id
  WHERE {who} AND e.hired_on <= $2 AND (e.separated_on IS NULL OR e.separated_on > $2)
), held AS (
  SELECT DISTINCT ON (a.employee_id, a.competency) a.employee_id, a.competency, a.level, a.assessed_on
  FROM {s}.competency_assessments a JOIN people ON people.id = a.employee_id
  WHERE a.assessed_on <= $2
  ORDER BY a.employee_id, a.competency, a.assessed_on DESC, a.seq DESC
), last AS (
  SELECT employee_id, max(assessed_on) AS assessed_on FROM held GROUP BY employee_id
), judged AS (
  SELECT people.*, coalesce(
    (SELECT max(s.effective_on) FROM {s}.competency_standards s WHERE s.position_id = people.position_id
       AND s.effective_on <= last.assessed_on),
    (SELECT max(s.effective_on) FROM {s}.competency_standards s WHERE s.position_id = people.position_id
       AND s.effective_on <= $2)) AS version
  FROM people LEFT JOIN last ON last.employee_id = people.id
), gaps AS (
  SELECT j.id AS employee_id, j.name, j.position_id, j.job_class, s.competency, s.level AS required,
         held.level AS held, held.assessed_on
  FROM judged j
  JOIN {s}.competency_standards s ON s.position_id = j.position_id AND s.effective_on = j.version
  LEFT JOIN held ON held.employee_id = j.id AND held.competency = s.competency
)
"""
_UNIT, _EMPLOYEE = "e.unit_id = $1", "e.id = $1"
_UNIT_AGGREGATE = (
    "SELECT competency, count(*)::int AS people,"
    " count(*) FILTER (WHERE coalesce(held, 0) < required)::int AS below,"
    " round(avg(greatest(required - coalesce(held, 0), 0)), 2) AS mean_gap"
    " FROM gaps GROUP BY competency ORDER BY below DESC, competency"
)


# The same figures from the read model of the levels held now (`competency_held`), when no assessment of
# the unit's people is after the day asked about: an employee never assessed is judged against the version
# in force on that day, as in `_GAPS` (coalesce(last, $2) picks the same version).
_HELD_NOW = """
WITH people AS MATERIALIZED (
  SELECT e.id, h.position_id, coalesce(l.last_assessed_on, $2) AS last, l.levels::jsonb AS held
  FROM {s}.employees e JOIN {s}.position_holders h ON h.employee_id = e.id
  JOIN {s}.positions p ON p.id = h.position_id
  LEFT JOIN {s}.competency_latest l ON l.employee_id = e.id
  WHERE e.unit_id = $1 AND e.hired_on <= $2 AND (e.separated_on IS NULL OR e.separated_on > $2)
), versions AS MATERIALIZED (
  SELECT v.position_id, v.last, coalesce(
    (SELECT max(s.effective_on) FROM {s}.competency_standards s WHERE s.position_id = v.position_id
       AND s.effective_on <= v.last),
    (SELECT max(s.effective_on) FROM {s}.competency_standards s WHERE s.position_id = v.position_id
       AND s.effective_on <= $2)) AS version
  FROM (SELECT DISTINCT position_id, last FROM people) v
), gaps AS MATERIALIZED (
  SELECT s.competency, s.level AS required, (j.held ->> s.competency)::int AS held
  FROM people j JOIN versions v ON v.position_id = j.position_id AND v.last = j.last
  JOIN {s}.competency_standards s ON s.position_id = j.position_id AND s.effective_on = v.version
)
"""
_LATER = (
    "SELECT EXISTS (SELECT 1 FROM {s}.employees e JOIN {s}.competency_latest l ON l.employee_id = e.id"
    " WHERE e.unit_id = $1 AND l.last_assessed_on > $2)"
)


def unit_gaps_sql(schema: str, *, held_now: bool = True) -> str:
    """The SQL of `unit_competency_gaps` (the bench times it plain, beside the query): from the levels held
    now, or (`held_now=False`) from every assessment up to the day."""
    if held_now:
        return _HELD_NOW.format(s=schema) + _UNIT_AGGREGATE
    return _GAPS.format(s=schema, who=_UNIT) + _UNIT_AGGREGATE


@dataclass(frozen=True)
class Gap:
    competency: str
    required: int
    held: int | None
    assessed_on: date | None

    @property
    def gap(self) -> int:
        return self.required - (self.held or 0)


@dataclass(frozen=True)
class EmployeeGaps:
    employee_id: UUID
    position_id: UUID
    gaps: list[Gap]
    match_percent: Decimal | None
    band: str | None


async def competency_gaps(pool_or_con: Any, schema: str, employee_id: UUID, on: date) -> EmployeeGaps | None:
    """None when the employee holds no catalogued position with a standard."""
    rows = await pool_or_con.fetch(
        _GAPS.format(s=schema, who=_EMPLOYEE) + "SELECT * FROM gaps ORDER BY competency", employee_id, on
    )
    if not rows:
        return None
    gaps = [Gap(r["competency"], r["required"], r["held"], r["assessed_on"]) for r in rows]
    match = job_person_match([(g.required, g.held) for g in gaps])
    percent, band = match if match is not None else (None, None)
    return EmployeeGaps(employee_id, rows[0]["position_id"], gaps, percent, band)


async def unit_competency_gaps(pool_or_con: Any, schema: str, unit_id: UUID, on: date) -> list[Any]:
    """Per competency of the unit's standards: people judged, how many below standard, the mean gap."""
    later = await pool_or_con.fetchval(_LATER.format(s=schema), unit_id, on)
    return await pool_or_con.fetch(unit_gaps_sql(schema, held_now=not later), unit_id, on)


async def training_needs(pool_or_con: Any, schema: str, unit_id: UUID, year: int) -> list[Any]:
    """AKPK: who needs which competency raised (as of 31 December), the largest gap first, then the
    position's job class (the more important position first), then name."""
    return await pool_or_con.fetch(
        _GAPS.format(s=schema, who=_UNIT)
        + "SELECT *, required - coalesce(held, 0) AS gap FROM gaps WHERE coalesce(held, 0) < required"
        " ORDER BY gap DESC, job_class DESC, name, employee_id, competency",
        unit_id,
        date(year, 12, 31),
    )


async def training_shortfall(pool_or_con: Any, schema: str, year: int, unit_id: UUID | None) -> list[Any]:
    """PNS (CPNS included) below the 20 JP yearly minimum, PPPK above the 24 JP yearly maximum, in service
    on 31 December, with their totals (the unit's, or the tenant's)."""
    end = date(year, 12, 31)
    return await pool_or_con.fetch(
        f"SELECT e.id AS employee_id, e.name, e.employment_type, coalesce(h.hours, 0)::int AS hours"
        f" FROM {schema}.employees e"
        f" LEFT JOIN {schema}.training_hours h ON h.employee_id = e.id AND h.year = $1"
        " WHERE e.hired_on <= $2 AND (e.separated_on IS NULL OR e.separated_on > $2)"
        " AND ($3::uuid IS NULL OR e.unit_id = $3)"
        " AND ((e.employment_type = $4 AND coalesce(h.hours, 0) < $5)"
        "   OR (e.employment_type = $6 AND coalesce(h.hours, 0) > $7))"
        " ORDER BY e.employment_type, e.name, e.id",
        year, end, unit_id, EmploymentType.PNS.value, MINIMUM_JP, EmploymentType.PPPK.value, PPPK_MAXIMUM_JP,
    )  # fmt: skip
