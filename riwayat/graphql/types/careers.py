"""Career types (issue 14): catalogued positions with their seats, promotion eligibility, retirements due,
PPPK contracts, salary steps due, education history."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.types.careers_enums import EducationLevel, Jenjang, PositionKind, Statute, WorkTime
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit


async def _employee(info: Info[Context, None], employee_id: UUID) -> Employee:
    row = await (await info.context.loaders()).employee.load(employee_id)
    if row is None:
        raise LookupError(f"employee {employee_id} is missing from the directory projection")
    return Employee.from_row(row)


@strawberry.type(description="A position of the tenant's position map (peta jabatan), with its seats.")
class Position:
    id: strawberry.ID
    name: str
    kind: PositionKind  # type: ignore[valid-type]
    jenjang: Jenjang | None  # type: ignore[valid-type]
    statute: Statute | None  # type: ignore[valid-type]
    job_family: str | None
    job_class: int = strawberry.field(description="kelas jabatan, 1-17")
    seats: int = strawberry.field(description="seats the position map allows (formasi)")
    filled: int = strawberry.field(description="employees in service holding it")
    vacant: int = strawberry.field(description="seats - filled; negative when over the map")
    retirement_age: int = strawberry.field(description="BUP of the position (PP 11/2017 art. 239-240)")
    abolished: bool
    reports_to_id: strawberry.ID | None = strawberry.field(description="the superior position")
    unit_id: strawberry.Private[UUID]

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> OrgUnit:
        row = await (await info.context.loaders()).unit.load(self.unit_id)
        if row is None:
            raise LookupError(f"unit {self.unit_id} of position {self.id} is missing from the projection")
        return OrgUnit.from_row(row)

    @classmethod
    def from_row(cls, row: Any) -> Position:
        return cls(
            id=strawberry.ID(str(row.id)), name=row.name, kind=PositionKind(row.kind),
            jenjang=None if row.jenjang is None else Jenjang(row.jenjang),
            statute=None if row.statute is None else Statute(row.statute), job_family=row.job_family,
            job_class=row.job_class, seats=row.seats, filled=row.filled, vacant=row.vacant,
            retirement_age=row.retirement_age, abolished=row.abolished,
            reports_to_id=None if row.reports_to is None else strawberry.ID(str(row.reports_to)),
            unit_id=row.unit_id,
        )  # fmt: skip


@strawberry.type
class PositionPayload:
    position: Position | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="One reason a person is not due a regular promotion.")
class PromotionObstacle:
    code: str = strawberry.field(
        description="NOT_ACTIVE_PNS, HIGHEST_RANK, CEILING, YEARS_IN_RANK, APPRAISAL or SANCTION"
    )
    message: str


@strawberry.type(description="Whether an employee is due a regular promotion on a date, and why not.")
class PromotionEligibility:
    as_of: date
    eligible: bool
    obstacles: list[PromotionObstacle]
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee:
        return await _employee(info, self.employee_id)


@strawberry.type(description="An employee reaching the retirement age (BUP) of the position held.")
class RetirementDue:
    retires_on: date = strawberry.field(description="1st of the month after the birthday month")
    retirement_age: int
    age_inferred: bool = strawberry.field(
        description="true: the position is not catalogued; age from its title"
    )
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee:
        return await _employee(info, self.employee_id)


@strawberry.type(description="A PPPK contract (perjanjian kerja).")
class Contract:
    start_on: date
    end_on: date = strawberry.field(description="the last day of the contract")
    work_time: WorkTime  # type: ignore[valid-type]
    ni_pppk: str
    renewal: bool
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee:
        return await _employee(info, self.employee_id)

    @classmethod
    def from_row(cls, row: Any) -> Contract:
        return cls(start_on=row.start_on, end_on=row.end_on, work_time=WorkTime(row.work_time),
                   ni_pppk=row.ni_pppk, renewal=row.renewal, employee_id=row.employee_id)  # fmt: skip


@strawberry.type(description="An employee due a salary step (KGB).")
class SalaryStepDue:
    due_on: date
    last_on: date = strawberry.field(description="the last step's TMT, or the appointment's")
    steps: int = strawberry.field(description="steps recorded so far")
    employee_id: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee:
        return await _employee(info, self.employee_id)


@strawberry.type(description="A diploma held.")
class EducationRecord:
    level: EducationLevel  # type: ignore[valid-type]
    institution: str
    major: str | None
    graduated_on: date
    diploma_number: str | None

    @classmethod
    def from_row(cls, row: Any) -> EducationRecord:
        return cls(level=EducationLevel(row.level), institution=row.institution, major=row.major,
                   graduated_on=row.graduated_on, diploma_number=row.diploma_number)  # fmt: skip
