"""The public-voice fields of the schema (complaints to the end, holidays, SKM, forums, the unit report),
as base classes that `schema.py` adds to Query and Mutation."""

from __future__ import annotations

from typing import Any

import strawberry

from riwayat.graphql.mutations import complaints as complaint_mutations
from riwayat.graphql.mutations import public_voice as voice_mutations
from riwayat.graphql.permissions import (
    CALENDAR_WRITE,
    COMPLAINT_READ,
    COMPLAINT_WRITE,
    VOICE_READ,
    VOICE_WRITE,
    allow,
)
from riwayat.graphql.resolvers import public_voice
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.forum import ForumCommitment, ForumPayload, PublicForum
from riwayat.graphql.types.holiday import HolidayCalendarPayload, HolidayYear
from riwayat.graphql.types.payloads import ComplaintPayload
from riwayat.graphql.types.service_report import UnitServiceReport
from riwayat.graphql.types.survey import SatisfactionIndex, SatisfactionSurvey, SurveyPayload


def _field(resolver: Any, roles: tuple[str, ...], description: str | None = None) -> Any:
    return strawberry.field(resolver=resolver, extensions=allow(*roles), description=description)


def _mutation(resolver: Any, roles: tuple[str, ...]) -> Any:
    return strawberry.mutation(resolver=resolver, extensions=allow(*roles))


@strawberry.type
class VoiceQuery:
    overdue_complaints: list[Complaint] = _field(
        public_voice.overdue_complaints,
        COMPLAINT_READ,
        "open and past their verification or response deadline",
    )
    holidays: HolidayYear = _field(
        public_voice.holidays, VOICE_READ, "the non-working days the deadlines count"
    )
    satisfaction_index: SatisfactionIndex = _field(
        public_voice.satisfaction_index, VOICE_READ, "IKM of a period: 2026, 2026-S1, 2026-Q3 or 2026-03"
    )
    surveys: list[SatisfactionSurvey] = _field(public_voice.surveys_of_unit, VOICE_READ)
    public_forums: list[PublicForum] = _field(public_voice.public_forums, VOICE_READ)
    forum_commitments: list[ForumCommitment] = _field(public_voice.forum_commitments, VOICE_READ)
    unit_service_report: UnitServiceReport | None = _field(public_voice.unit_service_report, VOICE_READ)


@strawberry.type
class VoiceMutation:
    respond_to_complaint: ComplaintPayload = _mutation(
        complaint_mutations.respond_to_complaint, COMPLAINT_WRITE
    )
    close_complaint: ComplaintPayload = _mutation(complaint_mutations.close_complaint, COMPLAINT_WRITE)
    reopen_complaint: ComplaintPayload = _mutation(complaint_mutations.reopen_complaint, COMPLAINT_WRITE)
    link_complaint_to_discipline: ComplaintPayload = _mutation(
        complaint_mutations.link_complaint_to_discipline, COMPLAINT_WRITE
    )
    set_holidays: HolidayCalendarPayload = _mutation(voice_mutations.set_holidays, CALENDAR_WRITE)
    open_survey: SurveyPayload = _mutation(voice_mutations.open_survey, VOICE_WRITE)
    record_survey_response: SurveyPayload = _mutation(voice_mutations.record_survey_response, VOICE_WRITE)
    record_public_forum: ForumPayload = _mutation(voice_mutations.record_public_forum, VOICE_WRITE)
    record_forum_follow_up: ForumPayload = _mutation(voice_mutations.record_forum_follow_up, VOICE_WRITE)
