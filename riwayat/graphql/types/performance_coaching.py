"""Coaching cases, who is due one, awards, who is due a Satyalancana, and the predikat distribution."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.enums import Predikat
from riwayat.graphql.types.common import Decree
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit
from riwayat.graphql.types.performance_enums import AwardClass, CoachingGrounds, CoachingOutcome


async def _employee(info: Info[Context, None], employee_id: UUID) -> Employee | None:
    row = await (await info.context.loaders()).employee.load(employee_id)
    return None if row is None else Employee.from_row(row)


@strawberry.type(description="Pendampingan for a weak performer")
class CoachingCase:
    id: strawberry.ID
    year: int
    grounds: CoachingGrounds
    coach_nip: str
    plan: str = strawberry.field(description="the coaching plan")
    opened_on: date
    sessions: int
    last_session_on: date | None
    outcome: CoachingOutcome | None
    closed_on: date | None
    version: int
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        return await _employee(info, self.employee_id)

    @classmethod
    def from_row(cls, row: Any) -> CoachingCase:
        return cls(
            id=strawberry.ID(str(row.id)),
            year=row.year,
            grounds=CoachingGrounds(row.grounds),
            coach_nip=row.coach_nip,
            plan=row.plan,
            opened_on=row.opened_on,
            sessions=row.sessions,
            last_session_on=row.last_session_on,
            outcome=None if row.outcome is None else CoachingOutcome(row.outcome),
            closed_on=row.closed_on,
            version=row.version,
            employee_id=row.employee_id,
        )


@strawberry.type
class Award:
    id: strawberry.ID
    award_class: AwardClass
    name: str
    decree: Decree
    granted_on: date

    @classmethod
    def from_row(cls, row: Any) -> Award:
        return cls(
            id=strawberry.ID(str(row.id)),
            award_class=AwardClass(row.award_class),
            name=row.name,
            decree=Decree(number=row.decree_number, date=row.decree_date),
            granted_on=row.granted_on,
        )


@strawberry.type(description="A serving PNS due a Satyalancana Karya Satya class not yet granted")
class AwardDue:
    award_class: AwardClass
    service_years: int
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        return await _employee(info, self.employee_id)


@strawberry.type
class PredikatCount:
    predikat: Predikat
    count: int


@strawberry.type(
    description="Counts per predikat of one unit for a year (the unit is the employees' current one)"
)
class UnitAppraisalDistribution:
    year: int
    total: int
    counts: list[PredikatCount]
    unit_id: strawberry.Private[UUID]

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> OrgUnit | None:
        row = await (await info.context.loaders()).unit.load(self.unit_id)
        return None if row is None else OrgUnit.from_row(row)
