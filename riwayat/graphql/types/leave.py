"""Leave and self-service types: a request, a year's balance with its working, the caller's own record."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from riwayat.graphql.inputs import DecreeInput
from riwayat.graphql.types.common import UserError


@strawberry.type
class LeaveRequest:
    id: strawberry.ID
    employee_id: strawberry.ID
    type: str = strawberry.field(description="ANNUAL, BIG, SICK, MATERNITY, IMPORTANT_REASONS, UNPAID")
    from_: date = strawberry.field(name="from")
    to: date
    days: int = strawberry.field(description="working days for annual leave, calendar days otherwise")
    status: str = strawberry.field(description="REQUESTED, APPROVED, REJECTED, CANCELLED, RETURNED")
    reason: str
    address: str | None
    requested_by: str
    decided_by: str | None
    returned_on: date | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> LeaveRequest:
        return cls(
            id=strawberry.ID(str(r["id"])), employee_id=strawberry.ID(str(r["employee_id"])), type=r["kind"],
            from_=r["start_on"], to=r["end_on"], days=r["days"], status=r["status"], reason=r["reason"],
            address=r["address"], requested_by=r["requested_by"], decided_by=r["decided_by"],
            returned_on=r["returned_on"],
        )  # fmt: skip


@strawberry.type(
    description="entitled + carriedOver − collective − taken − lapsed = remaining; pending: undecided"
)
class LeaveBalance:
    year: int
    entitled: int
    carried_over: int
    collective: int = strawberry.field(description="cuti bersama days, deducted from annual leave")
    taken: int
    pending: int
    remaining: int
    lapsed: int = strawberry.field(
        default=0, description="what was left when a big leave starting that year was approved (it lapses)"
    )
    source: str


@strawberry.type(description="The caller's own record (role employee): nothing of anyone else")
class SelfRecord:
    id: strawberry.ID
    nip: str
    name: str
    employment_type: str
    status: str = strawberry.field(description="ON_UNPAID_LEAVE during an approved CLTN")
    rank: str
    rank_since: date
    position: str
    hired_on: date
    appraisals: list[SelfAppraisal]
    training_hours: list[SelfTraining]
    leave_balance: LeaveBalance | None
    leave_requests: list[LeaveRequest]


@strawberry.type
class SelfAppraisal:
    year: int
    predikat: str


@strawberry.type
class SelfTraining:
    year: int
    hours: int


@strawberry.type
class LeavePayload:
    request: LeaveRequest | None = None
    balance: LeaveBalance | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RequestLeaveInput:
    type: str
    from_: date = strawberry.field(name="from")
    to: date
    reason: str
    address: str | None = None
    employee_id: strawberry.ID | None = strawberry.field(default=None, description="omitted: the caller")
    idempotency_key: str | None = None


@strawberry.input
class DecideLeaveInput:
    employee_id: strawberry.ID
    request_id: strawberry.ID
    decree: DecreeInput | None = strawberry.field(default=None, description="required for BIG and UNPAID")
    reason: str | None = strawberry.field(default=None, description="required to reject")
    idempotency_key: str | None = None


@strawberry.input
class LeaveRequestInput:
    employee_id: strawberry.ID
    request_id: strawberry.ID
    returned_on: date | None = strawberry.field(default=None, description="recordReturnFromLeave only")
    idempotency_key: str | None = None


@strawberry.input
class AssignSupervisorInput:
    employee_id: strawberry.ID
    supervisor_id: strawberry.ID | None
    idempotency_key: str | None = None
