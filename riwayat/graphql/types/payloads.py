"""Mutation payloads: the changed object, the new stream version, the appended positions, and errors."""

from __future__ import annotations

import strawberry

from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit


@strawberry.type
class OrgUnitPayload:
    org_unit: OrgUnit | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class EmployeePayload:
    employee: Employee | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ComplaintPayload:
    complaint: Complaint | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)
