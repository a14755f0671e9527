"""Input types: mutation inputs (one `input` per mutation) and query filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from riwayat.domain.values import Decree
from riwayat.graphql.enums import (
    ComplaintOutcome,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Gender,
    PositionChange,
    SeparationReason,
    TrainingKind,
)
from riwayat.graphql.types.careers_enums import PromotionKind, SanctionKind


def _key() -> Any:
    return strawberry.field(
        default=None, description="a repeated key returns the first result, appends nothing"
    )


def _version() -> Any:
    return strawberry.field(
        default=None, description="the stream version read; a mismatch is CONCURRENCY_CONFLICT"
    )


@strawberry.input(description="The decree (SK) that authorises an action.")
class DecreeInput:
    number: str
    date: date

    def to_domain(self) -> Decree:
        return Decree(number=self.number, date=self.date)


@strawberry.input
class EstablishOrgUnitInput:
    code: str
    name: str
    idempotency_key: str | None = _key()


@strawberry.input
class HireEmployeeInput:
    nip: str
    name: str
    gender: Gender
    birth_date: date
    employment_type: EmploymentType
    rank: str
    position: str
    unit_id: strawberry.ID
    effective_on: date
    decree: DecreeInput
    position_id: strawberry.ID | None = strawberry.field(default=None, description="a catalogued position")
    idempotency_key: str | None = _key()


@strawberry.input
class CompleteProbationInput:
    employee_id: strawberry.ID
    effective_on: date
    decree: DecreeInput
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class PromoteEmployeeInput:
    employee_id: strawberry.ID
    to_rank: str
    effective_on: date
    decree: DecreeInput
    reason: str | None = None
    kind: PromotionKind | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="POSTHUMOUS: after the death, with its date as TMT"
    )
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class AssignPositionInput:
    employee_id: strawberry.ID
    position: str
    unit_id: strawberry.ID
    change: PositionChange
    effective_on: date
    decree: DecreeInput
    position_id: strawberry.ID | None = strawberry.field(
        default=None, description="a catalogued position (its name is recorded); without it, free text"
    )
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RecordTrainingInput:
    employee_id: strawberry.ID
    title: str
    kind: TrainingKind
    hours: int
    completed_on: date
    certificate_number: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RecordAppraisalInput:
    employee_id: strawberry.ID
    year: int
    work_result: Expectation
    behaviour: Expectation
    appraiser_nip: str
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class ImposeDisciplineInput:
    employee_id: strawberry.ID
    level: str | None = strawberry.field(default=None, description="RINGAN, SEDANG or BERAT")
    description: str
    effective_on: date
    decree: DecreeInput
    kind: SanctionKind | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="the sanction as decided (PP 94/2021, or PP 53/2010 before 2021-08-31)"
    )
    months: int | None = strawberry.field(default=None, description="the term the decree sets, if it varies")
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class SeparateEmployeeInput:
    employee_id: strawberry.ID
    reason: SeparationReason
    effective_on: date
    decree: DecreeInput
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class FileComplaintInput:
    channel: str
    category: str
    description: str
    employee_id: strawberry.ID | None = None
    unit_id: strawberry.ID | None = None
    reporter_contact: str | None = None
    # public voice: when it was received (deadlines count from it), anonymity, confidentiality, LAPOR!
    received_on: date | None = strawberry.field(default=None, description="today if omitted")
    anonymous: bool = strawberry.field(default=False, description="then no reporter contact is stored")
    confidential: bool = strawberry.field(default=False, description="shown only to officers and auditors")
    lapor_ticket: str | None = strawberry.field(default=None, description="the LAPOR! ticket number")
    idempotency_key: str | None = _key()


@strawberry.input
class TriageComplaintInput:
    complaint_id: strawberry.ID
    unit_id: strawberry.ID
    note: str | None = None
    on: date | None = strawberry.field(default=None, description="verified and dispatched; today if omitted")
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class ResolveComplaintInput:
    complaint_id: strawberry.ID
    outcome: ComplaintOutcome
    resolution: str
    on: date | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class EmployeeFilter:
    unit_id: strawberry.ID | None = None
    status: EmployeeStatus | None = None
    employment_type: EmploymentType | None = None
    search: str | None = strawberry.field(default=None, description="a name substring or a NIP prefix")


@strawberry.input
class AuditFilter:
    stream_id: strawberry.ID | None = None
    types: list[str] | None = strawberry.field(default=None, description='event types, e.g. "Employee.Hired"')
    actor: str | None = None
    from_: datetime | None = strawberry.field(default=None, name="from", description="recorded at or after")
    to: datetime | None = strawberry.field(default=None, description="recorded before")
