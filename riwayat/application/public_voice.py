"""The public's voice besides complaints: holiday calendars, SKM surveys (one response, or a CSV batch
in one append), open forums and their follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
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
from riwayat.domain.errors import InvalidInput, NotFound
from riwayat.domain.forum import PublicForum
from riwayat.domain.holiday_calendar import HolidayCalendar, calendar_id, check_year
from riwayat.domain.survey import SatisfactionSurvey

MAX_IMPORT_ROWS = 5000


class VoiceCommands(CommandRunner):
    async def set_holidays(
        self,
        ctx: CommandContext,
        *,
        year: int,
        dates: list[date],
        mode: str = "EXTEND",
        note: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """Starts the year's calendar stream on first use; the same stream afterwards."""
        stream_id = calendar_id(check_year(year))

        async def handle(uow: UnitOfWork) -> HolidayCalendar:
            try:
                cal = await uow.get(HolidayCalendar, stream_id, "year")
            except NotFound:
                # Two first setters at once: the second append conflicts and is re-run on the stream.
                return HolidayCalendar.start(year, list(dates), mode, note)
            cal.set_holidays(list(dates), mode, note)
            return cal

        return await self.execute(ctx, "setHolidays", handle, options)

    async def open_survey(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        service: str,
        population_served: int,
        minimum_sample: int | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> SatisfactionSurvey:
            await uow.require_unit(unit_id)
            survey = SatisfactionSurvey.open(
                unit_id=unit_id, service=service, population_served=population_served,
                minimum_sample=minimum_sample,
            )  # fmt: skip
            # One survey per unit and service: its responses are dated, periods are read from them.
            uow.claim("skm_survey", f"{survey.unit_id}:{survey.service.casefold()}", survey.id)
            return survey

        return await self.execute(ctx, "openSurvey", handle, options)

    async def record_survey_response(
        self,
        ctx: CommandContext,
        *,
        survey_id: UUID,
        responded_on: date,
        answers: list[int],
        age_band: str | None = None,
        sex: str | None = None,
        education: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        row = {"responded_on": responded_on, "answers": answers, "age_band": age_band, "sex": sex}
        row["education"] = education
        return await self._responses(ctx, "recordSurveyResponse", survey_id, [row], options)

    async def import_survey_responses(
        self,
        ctx: CommandContext,
        *,
        survey_id: UUID,
        responses: Sequence[dict[str, Any]],
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        """All rows or none, in one append: a paper batch is entered whole, and a rerun of the same file
        (same idempotency key) appends nothing."""
        if not 1 <= len(responses) <= MAX_IMPORT_ROWS:
            raise InvalidInput(f"an import holds 1–{MAX_IMPORT_ROWS} responses", "responses")
        return await self._responses(ctx, "importSurveyResponses", survey_id, responses, options)

    async def _responses(
        self,
        ctx: CommandContext,
        command: str,
        survey_id: UUID,
        rows: Sequence[dict[str, Any]],
        options: CommandOptions,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> SatisfactionSurvey:
            survey = await uow.get(SatisfactionSurvey, survey_id, "surveyId")
            for row in rows:
                survey.record_response(**row)
            return survey

        return await self.execute(ctx, command, handle, options)

    async def record_public_forum(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        held_on: date,
        participants: int,
        topics: list[str],
        commitments: list[str],
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> PublicForum:
            await uow.require_unit(unit_id)
            return PublicForum.record(
                unit_id=unit_id,
                held_on=held_on,
                participants=participants,
                topics=topics,
                commitments=commitments,
            )

        return await self.execute(ctx, "recordPublicForum", handle, options)

    async def record_forum_follow_up(
        self,
        ctx: CommandContext,
        *,
        forum_id: UUID,
        commitment: int,
        status: str,
        on: date,
        note: str | None = None,
        options: CommandOptions = NO_OPTIONS,
    ) -> CommandResult:
        async def handle(uow: UnitOfWork) -> PublicForum:
            forum = await uow.get(PublicForum, forum_id, "forumId")
            forum.follow_up(commitment, status, on, note)
            return forum

        return await self.execute(ctx, "recordForumFollowUp", handle, options)
