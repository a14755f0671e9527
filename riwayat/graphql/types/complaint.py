"""A public complaint (pengaduan masyarakat).

A confidential complaint's description and the employee it names are shown only to complaint officers and
auditors (not even to admin or the hr who filed it); the reporter's contact is never shown to anyone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.enums import ComplaintOutcome, ComplaintStatus
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.node import Node
from riwayat.graphql.types.org_unit import OrgUnit

CONFIDENTIAL_READERS = ("complaint_officer", "auditor")
HIDDEN = "[confidential]"


def sees_confidential(info: Info[Context, None]) -> bool:
    roles = getattr(info.context.principal, "roles", ())
    return any(r in roles for r in CONFIDENTIAL_READERS)


@strawberry.type(description="When a complaint must be verified and answered, in the tenant's working days")
class ComplaintDeadlines:
    verification_due: date
    response_due: date | None = strawberry.field(description="once dispatched to a unit")
    overdue: str | None = strawberry.field(description="VERIFICATION or RESPONSE when that deadline passed")


@strawberry.type
class Complaint(Node):
    id: strawberry.ID
    status: ComplaintStatus
    category: str
    channel: str
    filed_at: datetime
    outcome: ComplaintOutcome | None
    resolution: str | None
    version: int
    tracking_code: str | None = strawberry.field(
        description="what the reporter follows it by; none before v2"
    )
    received_on: date
    triaged_on: date | None
    first_responded_on: date | None
    responded_on: date | None
    response: str | None
    response_published: bool
    resolved_on: date | None
    closed_on: date | None
    anonymous: bool
    confidential: bool
    lapor_ticket: str | None
    discipline_decree: str | None = strawberry.field(description="the disciplinary decision it led to")

    row: strawberry.Private[Any]
    employee_id: strawberry.Private[UUID | None]
    unit_id: strawberry.Private[UUID | None]
    discipline_employee_id: strawberry.Private[UUID | None]
    raw_description: strawberry.Private[str]

    @strawberry.field
    def description(self, info: Info[Context, None]) -> str:
        return HIDDEN if self.confidential and not sees_confidential(info) else self.raw_description

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        if self.employee_id is None or (self.confidential and not sees_confidential(info)):
            return None
        row = await (await info.context.loaders()).employee.load(self.employee_id)
        return None if row is None else Employee.from_row(row)

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> OrgUnit | None:
        if self.unit_id is None:
            return None
        row = await (await info.context.loaders()).unit.load(self.unit_id)
        return None if row is None else OrgUnit.from_row(row)

    @strawberry.field(description="computed with the tenant's holiday calendar and service standard")
    async def deadlines(self, info: Info[Context, None]) -> ComplaintDeadlines:
        from riwayat.graphql.resolvers.complaint_deadlines import deadlines_of

        d = await deadlines_of(info, self.row)
        return ComplaintDeadlines(
            verification_due=d.verification_due, response_due=d.response_due, overdue=d.overdue
        )

    @classmethod
    def from_row(cls, row: Any) -> Complaint:
        return cls(
            id=strawberry.ID(str(row.id)),
            status=ComplaintStatus(row.status),
            category=row.category,
            raw_description=row.description,
            channel=row.channel,
            filed_at=row.filed_at,
            outcome=None if row.outcome is None else ComplaintOutcome(row.outcome),
            resolution=row.resolution,
            version=row.version,
            employee_id=row.employee_id,
            unit_id=row.unit_id,
            tracking_code=row.tracking_code,
            received_on=row.received_on,
            triaged_on=row.triaged_on,
            first_responded_on=row.first_responded_on,
            responded_on=row.responded_on,
            response=row.response,
            response_published=row.response_published,
            resolved_on=row.resolved_on,
            closed_on=row.closed_on,
            anonymous=row.anonymous,
            confidential=row.confidential,
            lapor_ticket=row.lapor_ticket,
            discipline_decree=row.discipline_decree,
            discipline_employee_id=row.discipline_employee_id,
            row=row,
        )
