"""Onboarding mutations (hr): enrol a serving civil servant, transfer one out, receive a transfer."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.ids import require_id
from riwayat.graphql.mutations.base import EMPLOYEE, options, payload
from riwayat.graphql.permissions import PERSONNEL_WRITE, allow
from riwayat.graphql.types.onboarding import (
    EnrollEmployeeInput,
    ReceiveTransferInput,
    TransferEmployeeOutInput,
)
from riwayat.graphql.types.payloads import EmployeePayload


async def enroll_employee(info: Info[Context, None], input: EnrollEmployeeInput) -> EmployeePayload:
    previous = input.previous_employee_id
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.enroll_employee(
            cc,
            options=options(input),
            nip=input.nip,
            name=input.name,
            gender=input.gender.value,
            birth_date=input.birth_date,
            employment_type=input.employment_type.value,
            tmt_cpns=input.tmt_cpns,
            tmt_pns=input.tmt_pns,
            rank=input.rank,
            rank_since=input.rank_since,
            rank_decree=input.rank_decree.to_domain(),
            position=input.position,
            position_since=input.position_since,
            unit_id=require_id(input.unit_id, "unitId"),
            education=input.education,
            birthplace=input.birthplace,
            enrolled_on=input.enrolled_on,
            source=input.source.value,
            source_id=input.source_id,
            previous_employee_id=None if previous is None else require_id(previous, "previousEmployeeId"),
        ),  # fmt: skip
    )


async def transfer_employee_out(
    info: Info[Context, None], input: TransferEmployeeOutInput
) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.transfer_employee_out(
            cc,
            employee_id=require_id(input.employee_id, "employeeId"),
            destination_tenant=input.destination_tenant,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            options=options(input),
        ),
    )


async def receive_transfer(info: Info[Context, None], input: ReceiveTransferInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.receive_transfer(
            cc,
            file=input.file.encode("utf-8"),
            unit_id=require_id(input.unit_id, "unitId"),
            position=input.position,
            effective_on=input.effective_on,
            options=options(input),
        ),
    )


@strawberry.type
class OnboardingMutation:
    enroll_employee: EmployeePayload = strawberry.mutation(
        resolver=enroll_employee, extensions=allow(*PERSONNEL_WRITE),
        description="a serving PNS/PPPK at cut-over (a returning person is linked to their earlier record)",
    )  # fmt: skip
    transfer_employee_out: EmployeePayload = strawberry.mutation(
        resolver=transfer_employee_out, extensions=allow(*PERSONNEL_WRITE)
    )
    receive_transfer: EmployeePayload = strawberry.mutation(
        resolver=receive_transfer, extensions=allow(*PERSONNEL_WRITE),
        description="verifies the origin's transfer file, then enrols the person with their history",
    )  # fmt: skip
