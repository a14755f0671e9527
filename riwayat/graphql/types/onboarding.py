"""Inputs of the onboarding mutations: enrolment of a serving civil servant, transfers between tenants."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from riwayat.graphql.enums import EmploymentType, Gender
from riwayat.graphql.inputs import DecreeInput


@strawberry.enum(description="where an enrolled record comes from")
class EnrolmentSource(Enum):
    SIASN_IMPORT = "siasn-import"
    SIMPEG_IMPORT = "simpeg-import"
    MANUAL = "manual"


@strawberry.input(
    description="A civil servant already serving when the region adopts Riwayat, as at cut-over."
)
class EnrollEmployeeInput:
    nip: str
    name: str
    gender: Gender
    birth_date: date
    employment_type: EmploymentType
    tmt_cpns: date = strawberry.field(description="first appointment (CPNS, or PPPK): the NIP's TMT")
    rank: str
    rank_since: date
    rank_decree: DecreeInput
    position: str
    position_since: date
    unit_id: strawberry.ID
    enrolled_on: date = strawberry.field(description="the cut-over date")
    source: EnrolmentSource
    tmt_pns: date | None = strawberry.field(default=None, description="none for a CPNS still on probation")
    education: str | None = None
    birthplace: str | None = None
    source_id: str | None = strawberry.field(default=None, description="the record's id in the source")
    previous_employee_id: strawberry.ID | None = strawberry.field(
        default=None, description="a PPPK appointed again with a new NI: the ended contract's record"
    )
    idempotency_key: str | None = None


@strawberry.input(
    description="Mutasi to another region: the person leaves this tenant's lists, the NIP is released."
)
class TransferEmployeeOutInput:
    employee_id: strawberry.ID
    destination_tenant: str
    effective_on: date
    decree: DecreeInput
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input(description="A transfer file written by the origin (`riwayat transfer export`), as text.")
class ReceiveTransferInput:
    file: str
    unit_id: strawberry.ID
    position: str
    effective_on: date
    idempotency_key: str | None = None
