"""Leave reads and commands, and who may do them: hr for everyone, an `employee` only for themselves, and a
direct superior (role `employee`) for their people's leave decisions — nothing else of theirs.

An employee token's `sub` is the NIP; it names one employee of the tenant (`me_id`). A superior is the
person assigned explicitly (`assignSupervisor`) or the holder of the position the person's catalogued
position reports to (`riwayat.projections.leave.supervised_by`).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated
from uuid import UUID, uuid4

import strawberry
from strawberry.types import Info

from riwayat.application import CommandResult
from riwayat.application.clock import today
from riwayat.domain.errors import DomainError
from riwayat.graphql.context import Context
from riwayat.graphql.errors import Forbidden
from riwayat.graphql.ids import parse_id, require_id
from riwayat.graphql.mutations.base import options
from riwayat.graphql.permissions import AUDITOR, EMPLOYEE, HR, can
from riwayat.graphql.resolvers.leave_rows import shown
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.leave import (
    AssignSupervisorInput,
    DecideLeaveInput,
    LeaveBalance,
    LeavePayload,
    LeaveRequest,
    LeaveRequestInput,
    RequestLeaveInput,
    SelfAppraisal,
    SelfRecord,
    SelfTraining,
)
from riwayat.projections import leave as reads

ON_UNPAID_LEAVE = "ON_UNPAID_LEAVE"
_NOT_YOURS = "forbidden: an employee sees and changes only their own record"


async def me_id(info: Info[Context, None]) -> UUID | None:
    """The employee the caller's token names by NIP (None for a token that is not an employee's)."""
    if not can(info, EMPLOYEE):
        return None
    ctx = info.context
    pool = await ctx.pool()
    return await pool.fetchval(f"SELECT id FROM {ctx.schema}.employees WHERE nip = $1", ctx.principal.subject)


async def _require_me(info: Info[Context, None]) -> UUID:
    me = await me_id(info)
    if me is None:
        raise Forbidden("forbidden: the token's subject is no employee of this tenant")
    return me


async def _may_see(info: Info[Context, None], employee_id: UUID) -> None:
    """hr and auditors see everyone; an employee themselves and the people they supervise (their leave)."""
    if can(info, HR, AUDITOR):
        return
    me = await _require_me(info)
    if employee_id != me and employee_id not in await _supervised(info, me):
        raise Forbidden(_NOT_YOURS)


async def _supervised(info: Info[Context, None], me: UUID) -> list[UUID]:
    return await reads.supervised_by(await info.context.pool(), info.context.schema, me)


# ---- reads ------------------------------------------------------------------------------------------------


async def me(info: Info[Context, None], year: int | None = None) -> SelfRecord | None:
    employee_id = await _require_me(info)
    ctx = info.context
    pool, s = await ctx.pool(), ctx.schema
    row = await pool.fetchrow(f"SELECT * FROM {s}.employees WHERE id = $1", employee_id)
    appraisals = await pool.fetch(
        f"SELECT year, predikat FROM {s}.appraisals WHERE employee_id = $1 ORDER BY year", employee_id
    )
    hours = await pool.fetch(
        f"SELECT year, hours FROM {s}.training_hours WHERE employee_id = $1 ORDER BY year", employee_id
    )
    status = (
        ON_UNPAID_LEAVE if employee_id in await reads.on_unpaid_leave(pool, s, today()) else row["status"]
    )
    return SelfRecord(
        id=strawberry.ID(str(employee_id)),
        nip=row["nip"],
        name=row["name"],
        employment_type=row["employment_type"],
        status=status,
        rank=row["rank"],
        rank_since=row["rank_since"],
        position=row["position"],
        hired_on=row["hired_on"],
        appraisals=[SelfAppraisal(year=a["year"], predikat=a["predikat"]) for a in appraisals],
        training_hours=[SelfTraining(year=h["year"], hours=h["hours"]) for h in hours],
        leave_balance=await _balance(info, employee_id, year or today().year),
        leave_requests=await shown(info, await reads.requests_of(pool, s, employee_id)),
    )


async def _balance(info: Info[Context, None], employee_id: UUID, year: int) -> LeaveBalance | None:
    row = await reads.balance(await info.context.pool(), info.context.schema, employee_id, year)
    return None if row is None else LeaveBalance(year=year, **row)


async def leave_balance(
    info: Info[Context, None], employee_id: strawberry.ID, year: int
) -> LeaveBalance | None:
    parsed = parse_id(employee_id)
    if parsed is None:
        return None
    await _may_see(info, parsed)
    return await _balance(info, parsed, year)


async def leave_calendar(
    info: Info[Context, None],
    unit_id: strawberry.ID,
    from_: Annotated[date, strawberry.argument(name="from")],
    to: date,
) -> list[LeaveRequest]:
    """Who in the unit is away between the dates (approved leave): for hr."""
    parsed = parse_id(unit_id)
    if parsed is None:
        return []
    rows = await reads.away(await info.context.pool(), info.context.schema, parsed, from_, to)
    return await shown(info, rows)


async def pending_approvals(info: Info[Context, None]) -> list[LeaveRequest]:
    """hr: every request awaiting a decision; an employee: those of the people they supervise."""
    scope = None if can(info, HR, AUDITOR) else await _supervised(info, await _require_me(info))
    rows = await reads.pending(await info.context.pool(), info.context.schema, scope)
    return await shown(info, rows)


# ---- commands ---------------------------------------------------------------------------------------------

Run = Callable[..., Awaitable[CommandResult]]


async def _run(
    info: Info[Context, None], employee_id: UUID, request_id: UUID | None, run: Run
) -> LeavePayload:
    ctx = info.context
    try:
        result = await run(ctx.services.application, ctx.command())
    except DomainError as error:
        return LeavePayload(errors=[UserError.from_domain(error)])
    pool = await ctx.pool()
    found = [r for r in await reads.requests_of(pool, ctx.schema, employee_id) if r["id"] == request_id]
    request = (await shown(info, found))[0] if found else None
    year = found[0]["start_on"].year if found else today().year
    return LeavePayload(
        request=request,
        balance=await _balance(info, employee_id, year),
        version=result.version,
        positions=list(result.positions),
    )


LeaveResolver = Callable[..., Awaitable[LeavePayload]]


def _refusals_as_errors(resolver: LeaveResolver) -> LeaveResolver:
    """A rule broken before the command runs (a malformed or unknown id) is a user error in the payload, like
    one the command itself raises; authorisation failures stay top-level errors."""

    @functools.wraps(resolver)
    async def run(*args: object, **kwargs: object) -> LeavePayload:
        try:
            return await resolver(*args, **kwargs)
        except DomainError as error:
            return LeavePayload(errors=[UserError.from_domain(error)])

    return run


async def _decider(info: Info[Context, None], employee_id: UUID) -> bool:
    """True when hr decides; a superior decides for their people; anyone else is refused."""
    if can(info, HR):
        return True
    me = await _require_me(info)
    if employee_id == me or employee_id not in await _supervised(info, me):
        raise Forbidden("forbidden: only hr or the direct superior decides this leave")
    return False


@_refusals_as_errors
async def request_leave(info: Info[Context, None], input: RequestLeaveInput) -> LeavePayload:
    if input.employee_id is None:
        employee_id = await _require_me(info)
    else:
        employee_id = require_id(input.employee_id, "employeeId")
        if not can(info, HR) and employee_id != await _require_me(info):
            raise Forbidden(_NOT_YOURS)
    rid = uuid4()
    return await _run(
        info,
        employee_id,
        rid,
        lambda app, cc: app.request_leave(
            cc,
            employee_id=employee_id,
            request_id=rid,
            kind=input.type,
            start=input.from_,
            end=input.to,
            reason=input.reason,
            address=input.address,
            options=options(input),
        ),
    )


@_refusals_as_errors
async def approve_leave(info: Info[Context, None], input: DecideLeaveInput) -> LeavePayload:
    employee_id, rid = require_id(input.employee_id, "employeeId"), require_id(input.request_id, "requestId")
    by_hr = await _decider(info, employee_id)
    decree = input.decree.to_domain() if input.decree else None
    return await _run(
        info,
        employee_id,
        rid,
        lambda app, cc: app.approve_leave(
            cc, employee_id=employee_id, request_id=rid, by_hr=by_hr, decree=decree, options=options(input)
        ),
    )


@_refusals_as_errors
async def reject_leave(info: Info[Context, None], input: DecideLeaveInput) -> LeavePayload:
    employee_id, rid = require_id(input.employee_id, "employeeId"), require_id(input.request_id, "requestId")
    by_hr = await _decider(info, employee_id)
    return await _run(
        info,
        employee_id,
        rid,
        lambda app, cc: app.reject_leave(
            cc,
            employee_id=employee_id,
            request_id=rid,
            by_hr=by_hr,
            reason=input.reason or "",
            options=options(input),
        ),
    )


@_refusals_as_errors
async def cancel_leave(info: Info[Context, None], input: LeaveRequestInput) -> LeavePayload:
    employee_id, rid = require_id(input.employee_id, "employeeId"), require_id(input.request_id, "requestId")
    if not can(info, HR) and employee_id != await _require_me(info):
        raise Forbidden(_NOT_YOURS)
    return await _run(
        info,
        employee_id,
        rid,
        lambda app, cc: app.cancel_leave(cc, employee_id=employee_id, request_id=rid, options=options(input)),
    )


@_refusals_as_errors
async def record_return_from_leave(info: Info[Context, None], input: LeaveRequestInput) -> LeavePayload:
    employee_id, rid = require_id(input.employee_id, "employeeId"), require_id(input.request_id, "requestId")
    returned_on = input.returned_on or today()
    return await _run(
        info,
        employee_id,
        rid,
        lambda app, cc: app.record_return_from_leave(
            cc, employee_id=employee_id, request_id=rid, returned_on=returned_on, options=options(input)
        ),
    )


@_refusals_as_errors
async def assign_supervisor(info: Info[Context, None], input: AssignSupervisorInput) -> LeavePayload:
    employee_id = require_id(input.employee_id, "employeeId")
    sup = None if input.supervisor_id is None else require_id(input.supervisor_id, "supervisorId")
    return await _run(
        info,
        employee_id,
        None,
        lambda app, cc: app.assign_supervisor(
            cc, employee_id=employee_id, supervisor_id=sup, options=options(input)
        ),
    )
