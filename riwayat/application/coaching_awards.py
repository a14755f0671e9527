"""Coaching (pendampingan) after weak results, and awards (Satyalancana Karya Satya, the region's own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.runner import (
    NO_OPTIONS,
    CommandContext,
    CommandOptions,
    CommandResult,
    CommandRunner,
    UnitOfWork,
)
from riwayat.domain.award import Award
from riwayat.domain.coaching import CoachingCase, case_id
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DateBeforeHire, InvalidState, NotFound
from riwayat.domain.leave import LeaveAccount, account_id
from riwayat.domain.performance import PerformancePlan
from riwayat.domain.performance_rules import DuplicateAward
from riwayat.domain.values import Decree

_O = CommandOptions


async def change(
    runner: CommandRunner,
    ctx: CommandContext,
    command: str,
    cls: type,
    stream_id: UUID,
    field: str,
    act: Callable[[Any], None],
    options: _O,
) -> CommandResult:
    """A command on an existing stream: load it (at the client's version), let it decide, append."""

    async def handle(uow: UnitOfWork) -> Any:
        aggregate = await uow.get(cls, stream_id, field)
        act(aggregate)
        return aggregate

    return await runner.execute(ctx, command, handle, options)


class CoachingAwardCommands(CommandRunner):
    # ---- coaching ---------------------------------------------------------------------------------

    async def open_coaching(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        coach_nip: str,
        plan: str,
        opened_on: date,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> CoachingCase:
            found = await uow.find(PerformancePlan, plan_id)
            if found is None:
                raise NotFound(f"no performance plan {plan_id}", "planId")
            if await uow.find(CoachingCase, case_id(plan_id)) is not None:
                raise InvalidState(f"the {found.year} results already have a coaching case", "planId")
            return CoachingCase.open(plan=found, coach_nip=coach_nip, coaching_plan=plan, opened_on=opened_on)

        return await self.execute(ctx, "openCoaching", handle, options)

    async def record_coaching_session(
        self, ctx: CommandContext, *, case_id: UUID, held_on: date, notes: str, options: _O = NO_OPTIONS
    ) -> CommandResult:
        act = lambda c: c.record_session(held_on=held_on, notes=notes)  # noqa: E731
        return await change(self, ctx, "recordCoachingSession", CoachingCase, case_id, "caseId", act, options)

    async def close_coaching(
        self,
        ctx: CommandContext,
        *,
        case_id: UUID,
        outcome: str,
        closed_on: date,
        note: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda c: c.close(outcome=outcome, closed_on=closed_on, note=note)  # noqa: E731
        return await change(self, ctx, "closeCoaching", CoachingCase, case_id, "caseId", act, options)

    # ---- awards -----------------------------------------------------------------------------------

    async def grant_award(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        award_class: str,
        decree: Decree,
        granted_on: date,
        name: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> Award:
            employee = await uow.find(Employee, employee_id)
            if employee is None:
                raise NotFound(f"no employee {employee_id}", "employeeId")
            leave = await uow.find(LeaveAccount, account_id(employee_id))
            award = Award.grant(
                employee_id=employee_id,
                award_class=award_class,
                decree=decree,
                granted_on=granted_on,
                name=name,
                tmt_cpns=employee.hired_on,
                disciplines=employee.disciplines,
                unpaid=leave.unpaid_periods() if leave else (),  # CLTN is not service
            )
            if granted_on < employee.hired_on:
                raise DateBeforeHire(
                    f"grantedOn {granted_on} is before the TMT {employee.hired_on}", "grantedOn"
                )
            if await uow.find(Award, award.id) is not None:
                raise DuplicateAward(f"{award.name} is already granted to this employee", "awardClass")
            return award

        return await self.execute(ctx, "grantAward", handle, options)
