"""Coaching cases (pendampingan), and who needs one: weak performers whose plan shows the grounds and
who have no case for it yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.coaching import CoachingCase
from riwayat.domain.enums import EmployeeStatus
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

CASES = Table(
    "coaching_cases",
    (("id", "uuid"), ("employee_id", "uuid NOT NULL"), ("plan_id", "uuid NOT NULL"),
     ("year", "integer NOT NULL"), ("grounds", "text NOT NULL"), ("coach_nip", "text NOT NULL"),
     ("plan", "text NOT NULL"),
     ("opened_on", "date NOT NULL"), ("sessions", "integer NOT NULL"), ("last_session_on", "date"),
     ("outcome", "text"), ("closed_on", "date"), ("version", "integer NOT NULL")),
    key=("id",),
    indexes=(("plan_idx", "(plan_id)"), ("employee_idx", "(employee_id)")),
)  # fmt: skip


@dataclass(frozen=True)
class CaseRow:
    id: UUID
    employee_id: UUID
    plan_id: UUID
    year: int
    grounds: str
    coach_nip: str
    plan: str
    opened_on: date
    sessions: int
    last_session_on: date | None
    outcome: str | None
    closed_on: date | None
    version: int


class Coaching(Projection):
    name = "coaching"
    version = 1
    tables = (CASES,)

    @handles(CoachingCase.Opened)
    def coaching_case_opened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "id": stream_id,
            "employee_id": stored.uuid(d["employee_id"]),
            "plan_id": stored.uuid(d["plan_id"]),
            "year": d["year"],
            "grounds": d["grounds"],
            "coach_nip": d["coach_nip"],
            "plan": d["plan"],
            "opened_on": stored.day(d["opened_on"]),
            "sessions": 0,
            "last_session_on": None,
            "outcome": None,
            "closed_on": None,
            "version": version,
        }
        w.put(CASES, row)

    @handles(CoachingCase.SessionRecorded)
    def coaching_case_session_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"last_session_on": stored.day(d["held_on"]), "version": version}
        w.update(CASES, (stream_id,), values, add={"sessions": 1})

    @handles(CoachingCase.Closed)
    def coaching_case_closed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"outcome": d["outcome"], "closed_on": stored.day(d["closed_on"]), "version": version}
        w.update(CASES, (stream_id,), values)


_SELECT = ", ".join(c for c, _ in CASES.columns)


async def cases_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, CaseRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_SELECT} FROM {schema}.coaching_cases WHERE {where}", key)
    return {r["id"]: CaseRow(*r) for r in rows}


async def cases_of_plan(pool_or_con: Any, schema: str, plan_id: UUID) -> list[CaseRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.coaching_cases WHERE plan_id = $1", plan_id
    )
    return [CaseRow(*r) for r in rows]


@dataclass(frozen=True)
class CoachingDueRow:
    employee_id: UUID
    plan_id: UUID
    year: int
    grounds: str
    predikat: str | None


async def coaching_due(pool_or_con: Any, schema: str, unit_id: UUID | None = None) -> list[CoachingDueRow]:
    """Employees in service (in `unit_id`, when given: the current unit) whose plan shows a weak annual
    rating or two weak periods running and who have no coaching case for it, latest year first."""
    rows = await pool_or_con.fetch(
        "SELECT p.employee_id, p.id, p.year, p.coaching_grounds, p.predikat"
        f" FROM {schema}.performance_plans p"
        f" JOIN {schema}.employees e ON e.id = p.employee_id"
        " WHERE p.coaching_grounds IS NOT NULL AND e.status <> $1 AND ($2::uuid IS NULL OR e.unit_id = $2)"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.coaching_cases c WHERE c.plan_id = p.id)"
        " ORDER BY p.year DESC, e.name, e.id",
        EmployeeStatus.SEPARATED.value,
        unit_id,
    )
    return [CoachingDueRow(*r) for r in rows]
