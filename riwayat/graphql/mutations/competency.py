"""Competency mutations and the Query/Mutation fields of issue 15, as `CompetencyQuery` / `CompetencyMutation`
(bases of the schema's Query and Mutation). hr (and admin) write; hr and auditors read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from riwayat.application import Application, CommandContext, CommandResult
from riwayat.domain.errors import DomainError, InvalidInput
from riwayat.graphql.context import Context
from riwayat.graphql.ids import require_id
from riwayat.graphql.mutations.base import options
from riwayat.graphql.permissions import PERSONNEL_READ, PERSONNEL_WRITE, allow
from riwayat.graphql.resolvers import competency as q
from riwayat.graphql.types import competency as t
from riwayat.graphql.types.common import UserError

_KEY = strawberry.field(default=None, description="a repeated key returns the first result, appends nothing")


@strawberry.input
class CompetencyLevelInput:
    competency: str
    level: int = strawberry.field(description="1-5 (a rating 1-4 in an evaluation)")


def _levels(items: list[CompetencyLevelInput], field: str) -> dict[str, int]:
    levels = {i.competency: i.level for i in items}
    if len(levels) != len(items):
        raise InvalidInput("a competency is named twice", field)
    return levels


@strawberry.input
class DefineTechnicalCompetencyInput:
    code: str
    name: str
    job_family: str
    levels: list[str] = strawberry.field(description="the descriptions of levels 1-5")
    idempotency_key: str | None = _KEY


@strawberry.input
class SetCompetencyStandardInput:
    position_id: strawberry.ID
    effective_on: date
    levels: list[CompetencyLevelInput]
    idempotency_key: str | None = _KEY


@strawberry.input
class RecordCompetencyAssessmentInput:
    employee_id: strawberry.ID
    assessed_on: date
    method: t.AssessmentMethod  # type: ignore[valid-type]
    assessor: str = strawberry.field(description="the assessor or the institution")
    levels: list[CompetencyLevelInput]
    idempotency_key: str | None = _KEY


@strawberry.input
class PlanTrainingProgrammeInput:
    title: str
    provider: str
    mode: t.ProgrammeMode  # type: ignore[valid-type]
    serves: list[CompetencyLevelInput] = strawberry.field(description="competencies served, target levels")
    hours: int = strawberry.field(description="JP")
    starts_on: date
    ends_on: date
    seats: int
    idempotency_key: str | None = _KEY


@strawberry.input
class EnrollInProgrammeInput:
    programme_id: strawberry.ID
    employee_id: strawberry.ID
    idempotency_key: str | None = _KEY


@strawberry.input
class WithdrawFromProgrammeInput:
    programme_id: strawberry.ID
    employee_id: strawberry.ID
    reason: str | None = None
    idempotency_key: str | None = _KEY


@strawberry.input
class RecordProgrammeCompletionInput:
    programme_id: strawberry.ID
    employee_id: strawberry.ID
    completed_on: date
    certificate_number: str | None = None
    idempotency_key: str | None = _KEY


@strawberry.input
class RecordTrainingEvaluationInput:
    programme_id: strawberry.ID
    employee_id: strawberry.ID
    evaluated_on: date
    evaluator: str
    ratings: list[CompetencyLevelInput] = strawberry.field(description="1-4 for each competency served")
    note: str | None = None
    idempotency_key: str | None = _KEY


Command = Callable[[Application, CommandContext], Awaitable[CommandResult]]


async def _run(info: Info[Context, None], command: Command) -> t.CompetencyPayload:
    ctx = info.context
    try:
        result = await command(ctx.services.application, ctx.command())
    except DomainError as error:
        return t.CompetencyPayload(errors=[UserError.from_domain(error)])
    return t.CompetencyPayload(id=strawberry.ID(str(result.stream_id)), version=result.version)


def _pair(input: Any) -> dict[str, Any]:
    return {
        "programme_id": require_id(input.programme_id, "programmeId"),
        "employee_id": require_id(input.employee_id, "employeeId"),
        "options": options(input),
    }


async def define_technical_competency(
    info: Info[Context, None], input: DefineTechnicalCompetencyInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.define_technical_competency(
            cc,
            code=input.code,
            name=input.name,
            job_family=input.job_family,
            levels=list(input.levels),
            options=options(input),
        ),
    )


async def set_competency_standard(
    info: Info[Context, None], input: SetCompetencyStandardInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.set_competency_standard(
            cc,
            position_id=require_id(input.position_id, "positionId"),
            effective_on=input.effective_on,
            levels=_levels(input.levels, "levels"),
            options=options(input),
        ),
    )


async def record_competency_assessment(
    info: Info[Context, None], input: RecordCompetencyAssessmentInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.record_competency_assessment(
            cc,
            employee_id=require_id(input.employee_id, "employeeId"),
            assessed_on=input.assessed_on,
            method=input.method.value,
            assessor=input.assessor,
            levels=_levels(input.levels, "levels"),
            options=options(input),
        ),
    )


async def plan_training_programme(
    info: Info[Context, None], input: PlanTrainingProgrammeInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.plan_training_programme(
            cc,
            title=input.title,
            provider=input.provider,
            mode=input.mode.value,
            serves=_levels(input.serves, "serves"),
            hours=input.hours,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            seats=input.seats,
            options=options(input),
        ),
    )


async def enroll_in_programme(
    info: Info[Context, None], input: EnrollInProgrammeInput
) -> t.CompetencyPayload:
    return await _run(info, lambda app, cc: app.enroll_in_programme(cc, **_pair(input)))


async def withdraw_from_programme(
    info: Info[Context, None], input: WithdrawFromProgrammeInput
) -> t.CompetencyPayload:
    return await _run(
        info, lambda app, cc: app.withdraw_from_programme(cc, reason=input.reason, **_pair(input))
    )


async def record_programme_completion(
    info: Info[Context, None], input: RecordProgrammeCompletionInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.record_programme_completion(
            cc, completed_on=input.completed_on, certificate_number=input.certificate_number, **_pair(input)
        ),
    )


async def record_training_evaluation(
    info: Info[Context, None], input: RecordTrainingEvaluationInput
) -> t.CompetencyPayload:
    return await _run(
        info,
        lambda app, cc: app.record_training_evaluation(
            cc,
            evaluated_on=input.evaluated_on,
            evaluator=input.evaluator,
            ratings=_levels(input.ratings, "ratings"),
            note=input.note,
            **_pair(input),
        ),
    )


def _read(resolver: Any, description: str) -> Any:
    return strawberry.field(resolver=resolver, extensions=allow(*PERSONNEL_READ), description=description)


def _write(resolver: Any, description: str) -> Any:
    return strawberry.mutation(resolver=resolver, extensions=allow(*PERSONNEL_WRITE), description=description)


@strawberry.type
class CompetencyQuery:
    competency_gaps: t.CompetencyGaps | None = _read(
        q.competency_gaps, "required - held per competency of the employee's position, and the match"
    )
    unit_competency_gaps: list[t.UnitCompetencyGap] = _read(
        q.unit_competency_gaps, "per competency: the unit's people below standard and the mean gap"
    )
    training_needs: list[t.TrainingNeed] = _read(
        q.training_needs, "AKPK: who needs which competency raised, largest gap and job class first"
    )
    training_programmes: list[t.TrainingProgramme] = _read(q.training_programmes, "programmes by start date")
    programme_impact: t.ProgrammeImpact | None = _read(
        q.programme_impact, "completion, evaluation response, ratings, gaps before and after"
    )
    training_shortfall: list[t.TrainingShortfall] = _read(
        q.training_shortfall, "PNS below 20 JP and PPPK above 24 JP in the year"
    )


@strawberry.type
class CompetencyMutation:
    define_technical_competency: t.CompetencyPayload = _write(
        define_technical_competency, "a technical competency of a job family"
    )
    set_competency_standard: t.CompetencyPayload = _write(
        set_competency_standard, "a position's standard, or its new version from effectiveOn"
    )
    record_competency_assessment: t.CompetencyPayload = _write(
        record_competency_assessment, "levels held, as assessed on a date"
    )
    plan_training_programme: t.CompetencyPayload = _write(plan_training_programme, "a training programme")
    enroll_in_programme: t.CompetencyPayload = _write(enroll_in_programme, "a seat, never overbooked")
    withdraw_from_programme: t.CompetencyPayload = _write(withdraw_from_programme, "frees the seat")
    record_programme_completion: t.CompetencyPayload = _write(
        record_programme_completion, "the participant's TrainingCompleted (JP) for the programme"
    )
    record_training_evaluation: t.CompetencyPayload = _write(
        record_training_evaluation, "the change at work after completing, 1-4 per competency served"
    )
