"""Personnel mutations (hr): hiring and every later decree on an employee's stream."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.ids import optional_id, require_id
from riwayat.graphql.inputs import (
    AssignPositionInput,
    CompleteProbationInput,
    HireEmployeeInput,
    ImposeDisciplineInput,
    PromoteEmployeeInput,
    RecordAppraisalInput,
    RecordTrainingInput,
    SeparateEmployeeInput,
)
from riwayat.graphql.mutations.base import EMPLOYEE, options, payload
from riwayat.graphql.types.payloads import EmployeePayload


def _on_employee(input: Any) -> dict[str, Any]:
    """What every command on an existing employee takes besides its own fields."""
    return {"employee_id": require_id(input.employee_id, "employeeId"), "options": options(input)}


async def hire_employee(info: Info[Context, None], input: HireEmployeeInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.hire_employee(
            cc,
            nip=input.nip,
            name=input.name,
            gender=input.gender.value,
            birth_date=input.birth_date,
            employment_type=input.employment_type.value,
            rank=input.rank,
            position=input.position,
            unit_id=require_id(input.unit_id, "unitId"),
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            position_id=optional_id(input.position_id, "positionId"),
            options=options(input),
        ),
    )


async def complete_probation(info: Info[Context, None], input: CompleteProbationInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.complete_probation(
            cc,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            **_on_employee(input),
        ),
    )


async def promote_employee(info: Info[Context, None], input: PromoteEmployeeInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.promote_employee(
            cc,
            to_rank=input.to_rank,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            reason=input.reason,
            kind=None if input.kind is None else input.kind.value,
            **_on_employee(input),
        ),
    )


async def assign_position(info: Info[Context, None], input: AssignPositionInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.assign_position(
            cc,
            position=input.position,
            unit_id=require_id(input.unit_id, "unitId"),
            change=input.change.value,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            position_id=optional_id(input.position_id, "positionId"),
            **_on_employee(input),
        ),
    )


async def record_training(info: Info[Context, None], input: RecordTrainingInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.record_training(
            cc,
            title=input.title,
            kind=input.kind.value,
            hours=input.hours,
            completed_on=input.completed_on,
            certificate_number=input.certificate_number,
            **_on_employee(input),
        ),
    )


async def record_appraisal(info: Info[Context, None], input: RecordAppraisalInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.record_appraisal(
            cc,
            year=input.year,
            work_result=input.work_result.value,
            behaviour=input.behaviour.value,
            appraiser_nip=input.appraiser_nip,
            **_on_employee(input),
        ),
    )


async def impose_discipline(info: Info[Context, None], input: ImposeDisciplineInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.impose_discipline(
            cc,
            level=input.level,
            description=input.description,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            kind=None if input.kind is None else input.kind.value,
            months=input.months,
            **_on_employee(input),
        ),
    )


async def separate_employee(info: Info[Context, None], input: SeparateEmployeeInput) -> EmployeePayload:
    return await payload(
        info,
        EMPLOYEE,
        lambda app, cc: app.separate_employee(
            cc,
            reason=input.reason.value,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            **_on_employee(input),
        ),
    )
