"""Public-voice mutations besides complaints: the holiday calendar, SKM surveys, open forums."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from riwayat.application import CommandContext, CommandResult
from riwayat.domain.errors import DomainError
from riwayat.graphql.context import Context
from riwayat.graphql.ids import require_id
from riwayat.graphql.mutations.base import options
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.forum import CommitmentStatus, ForumCommitment, ForumPayload
from riwayat.graphql.types.holiday import HolidayCalendarPayload
from riwayat.graphql.types.survey import SatisfactionSurvey, SurveyPayload
from riwayat.projections import forums, surveys


@strawberry.enum
class HolidayMode(Enum):
    EXTEND = "EXTEND"
    REPLACE = "REPLACE"


@strawberry.input
class SetHolidaysInput:
    year: int
    dates: list[date] = strawberry.field(description="the tenant's whole list for the year, in this mode")
    mode: HolidayMode = strawberry.field(
        default=HolidayMode.EXTEND, description="EXTEND: added to the shipped"
    )
    note: str | None = None
    idempotency_key: str | None = None


@strawberry.input
class OpenSurveyInput:
    unit_id: strawberry.ID
    service: str
    population_served: int
    minimum_sample: int | None = strawberry.field(default=None, description="default: Krejcie–Morgan")
    idempotency_key: str | None = None


@strawberry.enum
class AgeBand(Enum):
    UNDER_20 = "UNDER_20"
    FROM_20_TO_29 = "FROM_20_TO_29"
    FROM_30_TO_39 = "FROM_30_TO_39"
    FROM_40_TO_49 = "FROM_40_TO_49"
    FROM_50_TO_59 = "FROM_50_TO_59"
    FROM_60 = "FROM_60"


@strawberry.enum
class Sex(Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


@strawberry.enum
class Education(Enum):
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    DIPLOMA = "DIPLOMA"
    S1 = "S1"
    S2_OR_HIGHER = "S2_OR_HIGHER"


@strawberry.input(
    description="One respondent: nine answers 1–4 and optional coarse demographics; never a name"
)
class RecordSurveyResponseInput:
    survey_id: strawberry.ID
    responded_on: date
    answers: list[int] = strawberry.field(
        description="requirements, procedure, completion time, cost, product, "
        "staff competence, staff conduct, complaint handling, facilities"
    )
    age_band: AgeBand | None = None
    sex: Sex | None = None
    education: Education | None = None
    idempotency_key: str | None = None


@strawberry.input
class RecordPublicForumInput:
    unit_id: strawberry.ID
    held_on: date
    participants: int
    topics: list[str]
    commitments: list[str]
    idempotency_key: str | None = None


@strawberry.input
class RecordForumFollowUpInput:
    forum_id: strawberry.ID
    commitment: int = strawberry.field(description="the commitment's number (1-based)")
    status: CommitmentStatus
    on: date
    note: str | None = None
    expected_version: int | None = None
    idempotency_key: str | None = None


async def run(info: Info[Context, None], command: Any) -> tuple[CommandResult | None, list[UserError]]:
    """`command(command context)`; a refusal becomes the payload's errors (as `base.payload` does, for the
    payloads whose record is not read through a DataLoader)."""
    ctx = info.context
    try:
        result = await command(ctx.command())
    except DomainError as error:
        return None, [UserError.from_domain(error)]
    (await ctx.loaders()).forget()
    return result, []


def _value(e: Enum | None) -> str | None:
    return None if e is None else e.value


async def set_holidays(info: Info[Context, None], input: SetHolidaysInput) -> HolidayCalendarPayload:
    from riwayat.graphql.resolvers.public_voice import holidays

    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.set_holidays(
            cc,
            year=input.year,
            dates=list(input.dates),
            mode=input.mode.value,
            note=input.note,
            options=options(input),
        )

    result, errors = await run(info, command)
    if result is None:
        return HolidayCalendarPayload(errors=errors)
    year = await holidays(info, input.year)
    return HolidayCalendarPayload(year=year, version=result.version, positions=list(result.positions))


async def _survey_payload(info: Info[Context, None], command) -> SurveyPayload:  # noqa: ANN001
    result, errors = await run(info, command)
    if result is None:
        return SurveyPayload(errors=errors)
    row = await surveys.survey_by_id(await info.context.pool(), info.context.schema, result.stream_id)
    survey = None if row is None else SatisfactionSurvey.from_row(row)
    return SurveyPayload(survey=survey, version=result.version, positions=list(result.positions))


async def open_survey(info: Info[Context, None], input: OpenSurveyInput) -> SurveyPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.open_survey(
            cc,
            unit_id=require_id(input.unit_id, "unitId"),
            service=input.service,
            population_served=input.population_served,
            minimum_sample=input.minimum_sample,
            options=options(input),
        )

    return await _survey_payload(info, command)


async def record_survey_response(
    info: Info[Context, None], input: RecordSurveyResponseInput
) -> SurveyPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.record_survey_response(
            cc,
            survey_id=require_id(input.survey_id, "surveyId"),
            responded_on=input.responded_on,
            answers=list(input.answers),
            age_band=_value(input.age_band),
            sex=_value(input.sex),
            education=_value(input.education),
            options=options(input),
        )

    return await _survey_payload(info, command)


async def _forum_payload(info: Info[Context, None], command) -> ForumPayload:  # noqa: ANN001
    result, errors = await run(info, command)
    if result is None:
        return ForumPayload(errors=errors)
    rows = await forums.commitments_of_forum(await info.context.pool(), info.context.schema, result.stream_id)
    return ForumPayload(
        forum_id=strawberry.ID(str(result.stream_id)),
        commitments=[ForumCommitment.from_row(r) for r in rows],
        version=result.version,
        positions=list(result.positions),
    )


async def record_public_forum(info: Info[Context, None], input: RecordPublicForumInput) -> ForumPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.record_public_forum(
            cc,
            unit_id=require_id(input.unit_id, "unitId"),
            held_on=input.held_on,
            participants=input.participants,
            topics=list(input.topics),
            commitments=list(input.commitments),
            options=options(input),
        )

    return await _forum_payload(info, command)


async def record_forum_follow_up(info: Info[Context, None], input: RecordForumFollowUpInput) -> ForumPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.record_forum_follow_up(
            cc,
            forum_id=require_id(input.forum_id, "forumId"),
            commitment=input.commitment,
            status=input.status.value,
            on=input.on,
            note=input.note,
            options=options(input),
        )

    return await _forum_payload(info, command)
