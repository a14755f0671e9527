"""Performance-cycle commands: plans, reviews, 360° feedback, the annual rating, objections, coaching, awards.

The appraiser and the appraiser's superior act through the `hr` role for now; who they are is part of the
plan (their NIPs), and the plan checks that the person named as deciding is the one it names.
`record_appraisal` (the API's final SKP) becomes the plan's annual step when the year has a plan, and
records the old `Employee.AppraisalRecorded` otherwise, so imports and older clients keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from riwayat.application.coaching_awards import CoachingAwardCommands, change
from riwayat.application.personnel import PersonnelCommands
from riwayat.application.runner import NO_OPTIONS, CommandContext, CommandOptions, CommandResult, UnitOfWork
from riwayat.domain.employee import Employee
from riwayat.domain.errors import (
    ConcurrencyConflict,
    DateBeforeHire,
    DuplicateAppraisal,
    InvalidState,
    NotFound,
)
from riwayat.domain.performance import PerformancePlan, plan_id
from riwayat.domain.performance_rules import DuplicatePlan, ReviewCadence
from riwayat.infra.tenants import Tenant

_O = CommandOptions


def _today() -> date:
    return datetime.now(UTC).date()


class PerformanceCommands(CoachingAwardCommands, PersonnelCommands):
    # The tenant setting of PermenPANRB 6/2022: each agency reviews monthly or quarterly. Tenants not
    # named here review quarterly; a plan records the cadence it was opened with.
    review_cadences: Mapping[str, str] = {}

    def review_cadence(self, tenant: Tenant) -> str:
        return self.review_cadences.get(tenant.slug, ReviewCadence.QUARTERLY.value)

    # ---- plans ------------------------------------------------------------------------------------

    async def open_performance_plan(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        year: int,
        appraiser: str,
        superior: str,
        targets: list[Any],
        cadence: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> PerformancePlan:
            employee = await _employee_for_year(uow, employee_id, year)
            await _refuse_existing(uow, plan_id(employee_id, year), DuplicatePlan, year)
            return PerformancePlan.open(
                employee_id=employee_id,
                employee_nip=employee.nip,
                year=year,
                appraiser=appraiser,
                superior=superior,
                cadence=cadence or self.review_cadence(ctx.tenant),
                targets=targets,
            )

        return await self.execute(ctx, "openPerformancePlan", handle, options)

    async def record_historical_appraisal(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        year: int,
        score: object,
        appraiser_nip: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> PerformancePlan:
            employee = await _employee_for_year(uow, employee_id, year)
            await _refuse_existing(uow, plan_id(employee_id, year), DuplicateAppraisal, year)
            return PerformancePlan.record_historical(
                employee_id=employee_id,
                employee_nip=employee.nip,
                year=year,
                score=score,
                appraiser=appraiser_nip,
            )

        return await self.execute(ctx, "recordHistoricalAppraisal", handle, options)

    async def revise_performance_targets(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        targets: list[Any],
        reason: str,
        revised_on: date,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda p: p.revise_targets(targets, reason, revised_on)  # noqa: E731
        return await self._plan(ctx, "revisePerformanceTargets", plan_id, act, options.because(reason))

    async def record_periodic_review(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        kind: str,
        number: int,
        work_result: str,
        behaviour: str,
        reviewed_on: date,
        dialogue_notes: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda p: p.record_review(  # noqa: E731
            kind=kind,
            number=number,
            work_result=work_result,
            behaviour=behaviour,
            reviewed_on=reviewed_on,
            dialogue_notes=dialogue_notes,
        )
        return await self._plan(ctx, "recordPeriodicReview", plan_id, act, options)

    async def give_360_feedback(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        giver_nip: str,
        role: str,
        scores: Any,
        period: str | None = None,
        comment: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        act = lambda p: p.give_feedback(  # noqa: E731
            giver_nip=giver_nip, role=role, scores=scores, period=period, comment=comment
        )
        return await self._plan(ctx, "give360Feedback", plan_id, act, options)

    async def rate_annual_performance(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        work_result: str,
        behaviour: str,
        appraiser_nip: str,
        rated_on: date | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        day = rated_on or _today()
        act = lambda p: p.rate_annual(  # noqa: E731
            work_result=work_result, behaviour=behaviour, rated_on=day, appraiser=appraiser_nip
        )
        return await self._plan(ctx, "rateAnnualPerformance", plan_id, act, options)

    async def record_appraisal(
        self,
        ctx: CommandContext,
        *,
        employee_id: UUID,
        year: int,
        work_result: str,
        behaviour: str,
        appraiser_nip: str,
        rated_on: date | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        """The final SKP: the annual step of the year's plan when there is one (the result then names the
        employee, with the employee's unchanged version and the plan's positions)."""
        plan = await self.load_or_none(ctx.tenant, PerformancePlan, plan_id(employee_id, year))
        if plan is None:
            return await super().record_appraisal(
                ctx,
                employee_id=employee_id,
                year=year,
                work_result=work_result,
                behaviour=behaviour,
                appraiser_nip=appraiser_nip,
                options=options,
            )
        employee = await self.load(ctx.tenant, Employee, employee_id, "employeeId")
        expected = options.expected_version
        if expected is not None and expected != employee.version:
            raise ConcurrencyConflict(
                f"expected version {expected}, the record is at {employee.version}", "expectedVersion"
            )
        if plan.historical is not None:
            raise DuplicateAppraisal(
                f"the {year} SKP is recorded as a historical (numeric) appraisal", "year"
            )
        rated = await self.rate_annual_performance(
            ctx,
            plan_id=plan.id,
            work_result=work_result,
            behaviour=behaviour,
            appraiser_nip=appraiser_nip,
            rated_on=rated_on,
            options=replace(options, expected_version=None),
        )
        return CommandResult(employee_id, employee.version, rated.positions, rated.replayed)

    # ---- objections -------------------------------------------------------------------------------

    async def file_appraisal_objection(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        reason: str,
        filed_on: date | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        day = filed_on or _today()
        act = lambda p: p.file_objection(filed_on=day, reason=reason)  # noqa: E731
        return await self._plan(ctx, "fileAppraisalObjection", plan_id, act, options.because(reason))

    async def decide_appraisal_objection(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        decider_nip: str,
        decision: str,
        decided_on: date | None = None,
        work_result: str | None = None,
        behaviour: str | None = None,
        note: str | None = None,
        options: _O = NO_OPTIONS,
    ) -> CommandResult:
        day = decided_on or _today()
        act = lambda p: p.decide_objection(  # noqa: E731
            decider=decider_nip,
            decision=decision,
            decided_on=day,
            work_result=work_result,
            behaviour=behaviour,
            note=note,
        )
        return await self._plan(ctx, "decideAppraisalObjection", plan_id, act, options.because(note))

    # ---- shared -----------------------------------------------------------------------------------

    async def _plan(
        self,
        ctx: CommandContext,
        command: str,
        plan_id: UUID,
        act: Callable[[PerformancePlan], None],
        options: _O,
    ) -> CommandResult:
        return await change(self, ctx, command, PerformancePlan, plan_id, "planId", act, options)


async def _employee_for_year(uow: UnitOfWork, employee_id: UUID, year: int) -> Employee:
    employee = await uow.find(Employee, employee_id)
    if employee is None:
        raise NotFound(f"no employee {employee_id}", "employeeId")
    if isinstance(year, int) and year < employee.hired_on.year:
        raise DateBeforeHire(f"{year} is before the appointment year {employee.hired_on.year}", "year")
    if isinstance(year, int) and employee.separated_on is not None and year > employee.separated_on.year:
        raise InvalidState(f"the employee separated in {employee.separated_on.year}", "year")
    if year in employee.appraisals:
        raise DuplicateAppraisal(f"the {year} SKP is already recorded on the employee", "year")
    return employee


async def _refuse_existing(uow: UnitOfWork, stream_id: UUID, error: type, year: int) -> None:
    if await uow.find(PerformancePlan, stream_id) is not None:
        raise error(f"{year} already has a plan or an appraisal", "year")
