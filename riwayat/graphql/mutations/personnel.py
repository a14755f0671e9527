"""Personnel mutations (hr): hiring and every later decree on an employee's stream."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from riwayat.application import CommandContext, CommandResult
from riwayat.graphql.context import Context
from riwayat.graphql.ids import require_id
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
from riwayat.graphql.mutations.base import employee_payload
from riwayat.graphql.types.payloads import EmployeePayload


def _opts(input: Any) -> dict[str, Any]:
    """What every command on an existing employee takes besides its own fields."""
    return {
        "employee_id": require_id(input.employee_id, "employeeId"),
        "expected_version": input.expected_version,
        "idempotency_key": input.idempotency_key,
    }


async def hire_employee(info: Info[Context, None], input: HireEmployeeInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.hire_employee(
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
            idempotency_key=input.idempotency_key,
        )

    return await employee_payload(info, command)


async def complete_probation(info: Info[Context, None], input: CompleteProbationInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.complete_probation(
            cc, effective_on=input.effective_on, decree=input.decree.to_domain(), **_opts(input)
        )

    return await employee_payload(info, command)


async def promote_employee(info: Info[Context, None], input: PromoteEmployeeInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.promote_employee(
            cc,
            to_rank=input.to_rank,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            reason=input.reason,
            **_opts(input),
        )

    return await employee_payload(info, command)


async def assign_position(info: Info[Context, None], input: AssignPositionInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.assign_position(
            cc,
            position=input.position,
            unit_id=require_id(input.unit_id, "unitId"),
            change=input.change.value,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            **_opts(input),
        )

    return await employee_payload(info, command)


async def record_training(info: Info[Context, None], input: RecordTrainingInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.record_training(
            cc,
            title=input.title,
            kind=input.kind.value,
            hours=input.hours,
            completed_on=input.completed_on,
            certificate_number=input.certificate_number,
            **_opts(input),
        )

    return await employee_payload(info, command)


async def record_appraisal(info: Info[Context, None], input: RecordAppraisalInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.record_appraisal(
            cc,
            year=input.year,
            work_result=input.work_result.value,
            behaviour=input.behaviour.value,
            appraiser_nip=input.appraiser_nip,
            **_opts(input),
        )

    return await employee_payload(info, command)


async def impose_discipline(info: Info[Context, None], input: ImposeDisciplineInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.impose_discipline(
            cc,
            level=input.level,
            description=input.description,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            **_opts(input),
        )

    return await employee_payload(info, command)


async def separate_employee(info: Info[Context, None], input: SeparateEmployeeInput) -> EmployeePayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.separate_employee(
            cc,
            reason=input.reason.value,
            effective_on=input.effective_on,
            decree=input.decree.to_domain(),
            **_opts(input),
        )

    return await employee_payload(info, command)
