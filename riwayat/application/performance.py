"""Performance-cycle commands: plans, reviews, 360° feedback, the annual rating, objections, coaching, awards.

The appraiser and the appraiser's superior act through the `hr` role for now; who they are is part of the
plan (their NIPs), and the plan checks that the person named as deciding is the one it names.
`record_appraisal` (the API's final SKP) becomes the plan's annual step when the year has a plan, and
records the old `Employee.AppraisalRecorded` otherwise, so imports and older clients keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from riwayat.application.personnel import PersonnelCommands
from riwayat.application.runner import CommandContext, CommandResult
from riwayat.domain.award import Award
from riwayat.domain.coaching import CoachingCase, case_id
from riwayat.domain.employee import Employee
from riwayat.domain.errors import ConcurrencyConflict, DateBeforeHire, DuplicateAppraisal, InvalidState
from riwayat.domain.performance import PerformancePlan, plan_id
from riwayat.domain.performance_rules import DuplicateAward, DuplicatePlan, ReviewCadence
from riwayat.domain.values import Decree
from riwayat.infra.tenants import Tenant


def _today() -> date:
    return datetime.now(UTC).date()


class PerformanceCommands(PersonnelCommands):
    # The tenant setting of PermenPANRB 6/2022: each agency reviews monthly or quarterly. Tenants not
    # named here review quarterly; a plan records the cadence it was opened with.
    review_cadences: Mapping[str, str] = {}

    def review_cadence(self, tenant: Tenant) -> str:
        return self.review_cadences.get(tenant.slug, ReviewCadence.QUARTERLY.value)

    # ---- plans ------------------------------------------------------------------------------------

    async def open_performance_plan(
        self, ctx: CommandContext, *, employee_id: UUID, year: int, appraiser: str, superior: str,
        targets: list[Any], cadence: str | None = None, idempotency_key: str | None = None,
    ) -> CommandResult:  # fmt: skip
        async def decide() -> PerformancePlan:
            employee = await self._employee_for_year(ctx.tenant, employee_id, year)
            await self._refuse_existing(ctx.tenant, plan_id(employee_id, year), DuplicatePlan, year)
            return PerformancePlan.open(
                employee_id=employee_id, employee_nip=employee.nip, year=year, appraiser=appraiser,
                superior=superior, cadence=cadence or self.review_cadence(ctx.tenant), targets=targets,
            )  # fmt: skip

        return await self._run(ctx, "openPerformancePlan", decide, idempotency_key=idempotency_key)

    async def record_historical_appraisal(
        self, ctx: CommandContext, *, employee_id: UUID, year: int, score: object,
        appraiser_nip: str | None = None, idempotency_key: str | None = None,
    ) -> CommandResult:  # fmt: skip
        async def decide() -> PerformancePlan:
            employee = await self._employee_for_year(ctx.tenant, employee_id, year)
            await self._refuse_existing(ctx.tenant, plan_id(employee_id, year), DuplicateAppraisal, year)
            return PerformancePlan.record_historical(
                employee_id=employee_id, employee_nip=employee.nip, year=year, score=score,
                appraiser=appraiser_nip,
            )  # fmt: skip

        return await self._run(ctx, "recordHistoricalAppraisal", decide, idempotency_key=idempotency_key)

    async def revise_performance_targets(
        self, ctx: CommandContext, *, plan_id: UUID, targets: list[Any], reason: str, revised_on: date,
        **opts: Any,
    ) -> CommandResult:  # fmt: skip
        act = lambda p: p.revise_targets(targets, reason, revised_on)  # noqa: E731
        return await self._plan(ctx, "revisePerformanceTargets", plan_id, act, reason=reason, **opts)

    async def record_periodic_review(
        self, ctx: CommandContext, *, plan_id: UUID, kind: str, number: int, work_result: str,
        behaviour: str, reviewed_on: date, dialogue_notes: str | None = None, **opts: Any,
    ) -> CommandResult:  # fmt: skip
        act = lambda p: p.record_review(  # noqa: E731
            kind=kind, number=number, work_result=work_result, behaviour=behaviour,
            reviewed_on=reviewed_on, dialogue_notes=dialogue_notes,
        )  # fmt: skip
        return await self._plan(ctx, "recordPeriodicReview", plan_id, act, **opts)

    async def give_360_feedback(
        self, ctx: CommandContext, *, plan_id: UUID, giver_nip: str, role: str, scores: Any,
        period: str | None = None, comment: str | None = None, **opts: Any,
    ) -> CommandResult:  # fmt: skip
        act = lambda p: p.give_feedback(  # noqa: E731
            giver_nip=giver_nip, role=role, scores=scores, period=period, comment=comment
        )
        return await self._plan(ctx, "give360Feedback", plan_id, act, **opts)

    async def rate_annual_performance(
        self, ctx: CommandContext, *, plan_id: UUID, work_result: str, behaviour: str, appraiser_nip: str,
        rated_on: date | None = None, **opts: Any,
    ) -> CommandResult:  # fmt: skip
        day = rated_on or _today()
        act = lambda p: p.rate_annual(  # noqa: E731
            work_result=work_result, behaviour=behaviour, rated_on=day, appraiser=appraiser_nip
        )
        return await self._plan(ctx, "rateAnnualPerformance", plan_id, act, **opts)

    async def record_appraisal(
        self, ctx: CommandContext, *, employee_id: UUID, year: int, work_result: str, behaviour: str,
        appraiser_nip: str, rated_on: date | None = None, **opts: Any,
    ) -> CommandResult:  # fmt: skip
        """The final SKP: the annual step of the year's plan when there is one (the result then names the
        employee, with the employee's unchanged version and the plan's positions)."""
        plan = await self.load_or_none(ctx.tenant, PerformancePlan, plan_id(employee_id, year))
        if plan is not None and plan.historical is not None:
            raise DuplicateAppraisal(
                f"the {year} SKP is recorded as a historical (numeric) appraisal", "year"
            )
        if plan is None:
            return await super().record_appraisal(
                ctx, employee_id=employee_id, year=year, work_result=work_result, behaviour=behaviour,
                appraiser_nip=appraiser_nip, **opts,
            )  # fmt: skip
        employee = await self.load(ctx.tenant, Employee, employee_id, "employeeId")
        expected = opts.pop("expected_version", None)
        if expected is not None and expected != employee.version:
            raise ConcurrencyConflict(
                f"expected version {expected}, the record is at {employee.version}", "expectedVersion"
            )
        rated = await self.rate_annual_performance(
            ctx, plan_id=plan.id, work_result=work_result, behaviour=behaviour,
            appraiser_nip=appraiser_nip, rated_on=rated_on, **opts,
        )  # fmt: skip
        return CommandResult(employee_id, employee.version, rated.positions, rated.replayed)

    # ---- objections -------------------------------------------------------------------------------

    async def file_appraisal_objection(
        self, ctx: CommandContext, *, plan_id: UUID, reason: str, filed_on: date | None = None, **opts: Any
    ) -> CommandResult:
        day = filed_on or _today()
        act = lambda p: p.file_objection(filed_on=day, reason=reason)  # noqa: E731
        return await self._plan(ctx, "fileAppraisalObjection", plan_id, act, **opts)

    async def decide_appraisal_objection(
        self, ctx: CommandContext, *, plan_id: UUID, decider_nip: str, decision: str,
        decided_on: date | None = None, work_result: str | None = None, behaviour: str | None = None,
        note: str | None = None, **opts: Any,
    ) -> CommandResult:  # fmt: skip
        day = decided_on or _today()
        act = lambda p: p.decide_objection(  # noqa: E731
            decider=decider_nip, decision=decision, decided_on=day, work_result=work_result,
            behaviour=behaviour, note=note,
        )  # fmt: skip
        return await self._plan(ctx, "decideAppraisalObjection", plan_id, act, **opts)

    # ---- coaching ---------------------------------------------------------------------------------

    async def open_coaching(
        self, ctx: CommandContext, *, plan_id: UUID, coach_nip: str, plan: str, opened_on: date,
        idempotency_key: str | None = None,
    ) -> CommandResult:  # fmt: skip
        async def decide() -> CoachingCase:
            found = await self.load(ctx.tenant, PerformancePlan, plan_id, "planId")
            if await self.load_or_none(ctx.tenant, CoachingCase, case_id(plan_id)) is not None:
                raise InvalidState(f"the {found.year} results already have a coaching case", "planId")
            return CoachingCase.open(plan=found, coach_nip=coach_nip, coaching_plan=plan, opened_on=opened_on)

        return await self._run(ctx, "openCoaching", decide, idempotency_key=idempotency_key)

    async def record_coaching_session(
        self, ctx: CommandContext, *, case_id: UUID, held_on: date, notes: str, **opts: Any
    ) -> CommandResult:
        act = lambda c: c.record_session(held_on=held_on, notes=notes)  # noqa: E731
        return await self._existing(
            ctx, "recordCoachingSession", CoachingCase, case_id, "caseId", act, **opts
        )

    async def close_coaching(
        self, ctx: CommandContext, *, case_id: UUID, outcome: str, closed_on: date, note: str | None = None,
        **opts: Any,
    ) -> CommandResult:  # fmt: skip
        act = lambda c: c.close(outcome=outcome, closed_on=closed_on, note=note)  # noqa: E731
        return await self._existing(ctx, "closeCoaching", CoachingCase, case_id, "caseId", act, **opts)

    # ---- awards -----------------------------------------------------------------------------------

    async def grant_award(
        self, ctx: CommandContext, *, employee_id: UUID, award_class: str, decree: Decree,
        granted_on: date, name: str | None = None, idempotency_key: str | None = None,
    ) -> CommandResult:  # fmt: skip
        async def decide() -> Award:
            employee = await self.load(ctx.tenant, Employee, employee_id, "employeeId")
            award = Award.grant(
                employee_id=employee_id, award_class=award_class, decree=decree, granted_on=granted_on,
                name=name, tmt_cpns=employee.hired_on, disciplines=employee.disciplines,
            )  # fmt: skip
            if granted_on < employee.hired_on:
                raise DateBeforeHire(
                    f"grantedOn {granted_on} is before the TMT {employee.hired_on}", "grantedOn"
                )
            if await self.load_or_none(ctx.tenant, Award, award.id) is not None:
                raise DuplicateAward(f"{award.name} is already granted to this employee", "awardClass")
            return award

        return await self._run(ctx, "grantAward", decide, idempotency_key=idempotency_key)

    # ---- shared -----------------------------------------------------------------------------------

    async def _employee_for_year(self, tenant: Tenant, employee_id: UUID, year: int) -> Employee:
        employee = await self.load(tenant, Employee, employee_id, "employeeId")
        if isinstance(year, int) and year < employee.hired_on.year:
            raise DateBeforeHire(f"{year} is before the appointment year {employee.hired_on.year}", "year")
        if isinstance(year, int) and employee.separated_on is not None and year > employee.separated_on.year:
            raise InvalidState(f"the employee separated in {employee.separated_on.year}", "year")
        if year in employee.appraisals:
            raise DuplicateAppraisal(f"the {year} SKP is already recorded on the employee", "year")
        return employee

    async def _refuse_existing(self, tenant: Tenant, stream_id: UUID, error: type, year: int) -> None:
        if await self.load_or_none(tenant, PerformancePlan, stream_id) is not None:
            raise error(f"{year} already has a plan or an appraisal", "year")

    async def _plan(
        self, ctx: CommandContext, command: str, plan_id: UUID, act: Callable[[PerformancePlan], None],
        **opts: Any,
    ) -> CommandResult:  # fmt: skip
        return await self._existing(ctx, command, PerformancePlan, plan_id, "planId", act, **opts)
