"""Running a command for a mutation: rule violations become `UserError`s, and the payload re-reads the
changed record through fresh loaders (the inline projections committed with the events)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from strawberry.types import Info

from riwayat.application import CommandContext, CommandResult
from riwayat.domain.errors import DomainError
from riwayat.graphql.context import Context
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit
from riwayat.graphql.types.payloads import ComplaintPayload, EmployeePayload, OrgUnitPayload

Command = Callable[[CommandContext], Awaitable[CommandResult]]


async def run(info: Info[Context, None], command: Command) -> tuple[CommandResult | None, list[UserError]]:
    ctx = info.context
    try:
        result = await command(ctx.command())
    except DomainError as error:
        return None, [UserError.from_domain(error)]
    (await ctx.loaders()).forget()
    return result, []


async def employee_payload(info: Info[Context, None], command: Command) -> EmployeePayload:
    result, errors = await run(info, command)
    if result is None:
        return EmployeePayload(errors=errors)
    row = await (await info.context.loaders()).employee.load(result.stream_id)
    return EmployeePayload(
        employee=None if row is None else Employee.from_row(row),
        version=result.version,
        positions=list(result.positions),
    )


async def complaint_payload(info: Info[Context, None], command: Command) -> ComplaintPayload:
    result, errors = await run(info, command)
    if result is None:
        return ComplaintPayload(errors=errors)
    row = await (await info.context.loaders()).complaint.load(result.stream_id)
    return ComplaintPayload(
        complaint=None if row is None else Complaint.from_row(row),
        version=result.version,
        positions=list(result.positions),
    )


async def org_unit_payload(info: Info[Context, None], command: Command) -> OrgUnitPayload:
    result, errors = await run(info, command)
    if result is None:
        return OrgUnitPayload(errors=errors)
    row = await (await info.context.loaders()).unit.load(result.stream_id)
    return OrgUnitPayload(
        org_unit=None if row is None else OrgUnit.from_row(row),
        version=result.version,
        positions=list(result.positions),
    )
