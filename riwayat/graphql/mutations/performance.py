"""Performance-cycle mutations (hr acts for the appraiser and the appraiser's superior for now)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.ids import require_id
from riwayat.graphql.loaders import Loaders
from riwayat.graphql.mutations.base import Changed, options, payload
from riwayat.graphql.permissions import PERSONNEL_WRITE, allow
from riwayat.graphql.types import performance_inputs as pi
from riwayat.graphql.types.performance import PerformancePlan, PerformanceYear
from riwayat.graphql.types.performance_coaching import Award, CoachingCase
from riwayat.projections import appraisals, awards, coaching, performance_plans

Fetch = Callable[[Any, str, list[UUID]], Awaitable[dict[UUID, Any]]]


def _loader(fetch: Fetch) -> Callable[[Loaders], DataLoader[UUID, Any]]:
    """A one-mutation loader of the changed record's row (the payload reads one row, once)."""

    def make(loaders: Loaders) -> DataLoader[UUID, Any]:
        async def load(ids: Sequence[UUID]) -> list[Any]:
            found = await fetch(loaders.pool, loaders.schema, list(ids))
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=load)

    return make


PLAN = Changed(
    pi.PerformancePlanPayload, "plan", _loader(performance_plans.plans_by_ids), PerformancePlan.from_row
)
YEAR = Changed(
    pi.HistoricalAppraisalPayload,
    "appraisal",
    _loader(appraisals.years_by_plan_ids),
    PerformanceYear.from_row,
)
CASE = Changed(pi.CoachingCasePayload, "coaching_case", _loader(coaching.cases_by_ids), CoachingCase.from_row)
AWARD = Changed(pi.AwardPayload, "award", _loader(awards.awards_by_ids), Award.from_row)


def _value(enum: Any) -> Any:
    return None if enum is None else enum.value


def _targets(targets: list[pi.PerformanceTargetInput]) -> list[dict[str, str]]:
    return [{"text": t.text, "indicator": t.indicator, "target": t.target} for t in targets]


def _plan(input: Any) -> Any:
    return require_id(input.plan_id, "planId")


@strawberry.type
class PerformanceMutation:
    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="planning: appraiser, superior, targets"
    )
    async def open_performance_plan(
        self, info: Info[Context, None], input: pi.OpenPerformancePlanInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.open_performance_plan(
                cc,
                employee_id=require_id(input.employee_id, "employeeId"),
                year=input.year,
                appraiser=input.appraiser_nip,
                superior=input.superior_nip,
                targets=_targets(input.targets),
                cadence=_value(input.cadence),
                options=options(input),
            ),
        )

    @strawberry.mutation(extensions=allow(*PERSONNEL_WRITE))
    async def revise_performance_targets(
        self, info: Info[Context, None], input: pi.RevisePerformanceTargetsInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.revise_performance_targets(
                cc,
                plan_id=_plan(input),
                targets=_targets(input.targets),
                reason=input.reason,
                revised_on=input.revised_on,
                options=options(input),
            ),
        )

    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="a monthly/quarterly or six-monthly review"
    )
    async def record_periodic_review(
        self, info: Info[Context, None], input: pi.RecordPeriodicReviewInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.record_periodic_review(
                cc,
                plan_id=_plan(input),
                kind=input.period.value,
                number=input.number,
                work_result=input.work_result.value,
                behaviour=input.behaviour.value,
                reviewed_on=input.reviewed_on,
                dialogue_notes=input.dialogue_notes,
                options=options(input),
            ),
        )

    @strawberry.mutation(name="give360Feedback", extensions=allow(*PERSONNEL_WRITE))
    async def give_360_feedback(
        self, info: Info[Context, None], input: pi.Give360FeedbackInput
    ) -> pi.PerformancePlanPayload:
        scores = {k: getattr(input.scores, k) for k in vars(input.scores)}
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.give_360_feedback(
                cc,
                plan_id=_plan(input),
                giver_nip=input.giver_nip,
                role=input.role.value,
                scores=scores,
                period=input.period,
                comment=input.comment,
                options=options(input),
            ),
        )

    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="the annual rating (recordAppraisal does the same)"
    )
    async def rate_annual_performance(
        self, info: Info[Context, None], input: pi.RateAnnualPerformanceInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.rate_annual_performance(
                cc,
                plan_id=_plan(input),
                work_result=input.work_result.value,
                behaviour=input.behaviour.value,
                appraiser_nip=input.appraiser_nip,
                rated_on=input.rated_on,
                options=options(input),
            ),
        )

    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="keberatan, within 14 days (PP 30/2019)"
    )
    async def file_appraisal_objection(
        self, info: Info[Context, None], input: pi.FileAppraisalObjectionInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.file_appraisal_objection(
                cc,
                plan_id=_plan(input),
                reason=input.reason,
                filed_on=input.filed_on,
                options=options(input),
            ),
        )

    @strawberry.mutation(extensions=allow(*PERSONNEL_WRITE), description="by the appraiser's superior; final")
    async def decide_appraisal_objection(
        self, info: Info[Context, None], input: pi.DecideAppraisalObjectionInput
    ) -> pi.PerformancePlanPayload:
        return await payload(
            info,
            PLAN,
            lambda app, cc: app.decide_appraisal_objection(
                cc,
                plan_id=_plan(input),
                decider_nip=input.decider_nip,
                decision=input.decision.value,
                decided_on=input.decided_on,
                work_result=_value(input.work_result),
                behaviour=_value(input.behaviour),
                note=input.note,
                options=options(input),
            ),
        )

    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="a pre-2022 numeric SKP (PP 46/2011)"
    )
    async def record_historical_appraisal(
        self, info: Info[Context, None], input: pi.RecordHistoricalAppraisalInput
    ) -> pi.HistoricalAppraisalPayload:
        return await payload(
            info,
            YEAR,
            lambda app, cc: app.record_historical_appraisal(
                cc,
                employee_id=require_id(input.employee_id, "employeeId"),
                year=input.year,
                score=input.score,
                appraiser_nip=input.appraiser_nip,
                options=options(input),
            ),
        )

    @strawberry.mutation(extensions=allow(*PERSONNEL_WRITE), description="pendampingan after weak results")
    async def open_coaching(
        self, info: Info[Context, None], input: pi.OpenCoachingInput
    ) -> pi.CoachingCasePayload:
        return await payload(
            info,
            CASE,
            lambda app, cc: app.open_coaching(
                cc,
                plan_id=_plan(input),
                coach_nip=input.coach_nip,
                plan=input.plan,
                opened_on=input.opened_on,
                options=options(input),
            ),
        )

    @strawberry.mutation(extensions=allow(*PERSONNEL_WRITE))
    async def record_coaching_session(
        self, info: Info[Context, None], input: pi.RecordCoachingSessionInput
    ) -> pi.CoachingCasePayload:
        return await payload(
            info,
            CASE,
            lambda app, cc: app.record_coaching_session(
                cc,
                case_id=require_id(input.case_id, "caseId"),
                held_on=input.held_on,
                notes=input.notes,
                options=options(input),
            ),
        )

    @strawberry.mutation(extensions=allow(*PERSONNEL_WRITE))
    async def close_coaching(
        self, info: Info[Context, None], input: pi.CloseCoachingInput
    ) -> pi.CoachingCasePayload:
        return await payload(
            info,
            CASE,
            lambda app, cc: app.close_coaching(
                cc,
                case_id=require_id(input.case_id, "caseId"),
                outcome=input.outcome.value,
                closed_on=input.closed_on,
                note=input.note,
                options=options(input),
            ),
        )

    @strawberry.mutation(
        extensions=allow(*PERSONNEL_WRITE), description="Satyalancana Karya Satya or a regional award"
    )
    async def grant_award(self, info: Info[Context, None], input: pi.GrantAwardInput) -> pi.AwardPayload:
        return await payload(
            info,
            AWARD,
            lambda app, cc: app.grant_award(
                cc,
                employee_id=require_id(input.employee_id, "employeeId"),
                award_class=input.award_class.value,
                decree=input.decree.to_domain(),
                granted_on=input.granted_on,
                name=input.name,
                options=options(input),
            ),
        )
