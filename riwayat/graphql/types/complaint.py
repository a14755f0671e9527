"""A public complaint (pengaduan masyarakat)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.enums import ComplaintOutcome, ComplaintStatus
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.node import Node
from riwayat.graphql.types.org_unit import OrgUnit


@strawberry.type
class Complaint(Node):
    id: strawberry.ID
    status: ComplaintStatus
    category: str
    description: str
    channel: str
    filed_at: datetime
    outcome: ComplaintOutcome | None
    resolution: str | None
    version: int

    employee_id: strawberry.Private[UUID | None]
    unit_id: strawberry.Private[UUID | None]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        if self.employee_id is None:
            return None
        row = await (await info.context.loaders()).employee.load(self.employee_id)
        return None if row is None else Employee.from_row(row)

    @strawberry.field
    async def unit(self, info: Info[Context, None]) -> OrgUnit | None:
        if self.unit_id is None:
            return None
        row = await (await info.context.loaders()).unit.load(self.unit_id)
        return None if row is None else OrgUnit.from_row(row)

    @classmethod
    def from_row(cls, row: Any) -> Complaint:
        return cls(
            id=strawberry.ID(str(row.id)),
            status=ComplaintStatus(row.status),
            category=row.category,
            description=row.description,
            channel=row.channel,
            filed_at=row.filed_at,
            outcome=None if row.outcome is None else ComplaintOutcome(row.outcome),
            resolution=row.resolution,
            version=row.version,
            employee_id=row.employee_id,
            unit_id=row.unit_id,
        )
