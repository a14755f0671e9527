"""Leave commands (issue 17): request → approve / reject → cancel → return, on the employee's `LeaveAccount`.

Who may decide is settled at the edge (`riwayat.graphql.leave_access`: hr, or the direct superior); the
command records who decided and whether as hr, and the account refuses a superior's decision on the kinds
that need hr's decree. The holiday calendar is read from the ledger (the tenant's `HolidayCalendar` of each
year the request touches), so the days counted are those of the calendar in force when the command ran.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from riwayat.application.clock import today
from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
    UnitOfWork,
)
from riwayat.domain.employee import Employee
from riwayat.domain.errors import NotFound
from riwayat.domain.holiday_calendar import HolidayCalendar, calendar_id, effective_holidays
from riwayat.domain.leave import Holder, LeaveAccount, YearDays, account_id, year_days
from riwayat.domain.values import Decree


async def _year_days(uow: UnitOfWork, years: range) -> dict[int, YearDays]:
    out = {}
    for y in years:
        cal = await uow.find(HolidayCalendar, calendar_id(y))
        effective = cal.effective() if cal is not None else effective_holidays(y, None, ())
        out[y] = year_days(y, effective)
    return out


async def _holder(uow: UnitOfWork, employee_id: UUID) -> Holder:
    emp = await uow.find(Employee, employee_id)
    if emp is None:
        raise NotFound(f"no employee {employee_id}", "employeeId")
    return Holder(emp.employment_type, emp.hired_on, emp.gender)


async def _account(uow: UnitOfWork, employee_id: UUID, holder: Holder | None = None) -> LeaveAccount:
    """The employee's account; a new one when `holder` is given and there is none yet."""
    aid = account_id(employee_id)
    if holder is not None and await uow.find(LeaveAccount, aid) is None:
        return LeaveAccount.open(employee_id, holder.employment_type)
    return await uow.get(LeaveAccount, aid, "employeeId")


class LeaveCommands(CommandRunner):
    async def request_leave(
        self, ctx: CommandContext, *, employee_id: UUID, request_id: UUID, kind: str, start: date, end: date,
        reason: str, address: str | None = None, on: date | None = None, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        """`request_id` is chosen by the caller (once, outside the retry) so the client can name it."""

        async def handle(uow: UnitOfWork) -> LeaveAccount:
            holder = await _holder(uow, employee_id)
            acc = await _account(uow, employee_id, holder)
            days = await _year_days(uow, range(start.year - 1, end.year + 1))
            acc.request(
                request_id=request_id, kind=kind, start=start, end=end, reason=reason, address=address,
                holder=holder, days_of=days, today=on or today(), by=ctx.actor,
            )  # fmt: skip
            return acc

        return await self.execute(ctx, "requestLeave", handle, options)

    async def approve_leave(
        self, ctx: CommandContext, *, employee_id: UUID, request_id: UUID, by_hr: bool,
        decree: Decree | None = None, options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> LeaveAccount:
            acc = await _account(uow, employee_id)
            acc.approve(request_id, by=ctx.actor, by_hr=by_hr, decree=decree)
            return acc

        return await self.execute(ctx, "approveLeave", handle, options)

    async def reject_leave(
        self, ctx: CommandContext, *, employee_id: UUID, request_id: UUID, by_hr: bool, reason: str,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> LeaveAccount:
            acc = await _account(uow, employee_id)
            acc.reject(request_id, by=ctx.actor, by_hr=by_hr, reason=reason)
            return acc

        return await self.execute(ctx, "rejectLeave", handle, options.because(reason))

    async def cancel_leave(
        self, ctx: CommandContext, *, employee_id: UUID, request_id: UUID, on: date | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> LeaveAccount:
            acc = await _account(uow, employee_id)
            acc.cancel(request_id, by=ctx.actor, today=on or today())
            return acc

        return await self.execute(ctx, "cancelLeave", handle, options)

    async def record_return_from_leave(
        self, ctx: CommandContext, *, employee_id: UUID, request_id: UUID, returned_on: date,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> LeaveAccount:
            acc = await _account(uow, employee_id)
            acc.record_return(request_id, returned_on=returned_on)
            return acc

        return await self.execute(ctx, "recordReturnFromLeave", handle, options)

    async def assign_supervisor(
        self, ctx: CommandContext, *, employee_id: UUID, supervisor_id: UUID | None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:  # fmt: skip
        async def handle(uow: UnitOfWork) -> LeaveAccount:
            holder = await _holder(uow, employee_id)
            if supervisor_id is not None:
                await _holder(uow, supervisor_id)
            acc = await _account(uow, employee_id, holder)
            acc.assign_supervisor(supervisor_id)
            return acc

        return await self.execute(ctx, "assignSupervisor", handle, options)
