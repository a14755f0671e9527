"""The public's voice besides complaints: holiday calendars, SKM surveys (one response, or a CSV batch
in one append), open forums and their follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.application.runner import CommandContext, CommandResult, CommandRunner
from riwayat.domain.errors import InvalidInput
from riwayat.domain.forum import PublicForum
from riwayat.domain.holiday_calendar import HolidayCalendar, calendar_id, check_year
from riwayat.domain.survey import SatisfactionSurvey
from riwayat.infra.event_store import Claim

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
        idempotency_key: str | None = None,
    ) -> CommandResult:
        """Creates the year's calendar stream on first use; the same stream afterwards."""
        stream_id = calendar_id(check_year(year))

        async def decide() -> HolidayCalendar:
            cal = await self.load_or_none(ctx.tenant, HolidayCalendar, stream_id, for_change=True)
            if cal is None:
                cal = HolidayCalendar.start(year)
            cal.set_holidays(list(dates), mode, note)
            return cal

        return await self._run(ctx, "setHolidays", decide, idempotency_key=idempotency_key)

    async def open_survey(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        service: str,
        population_served: int,
        minimum_sample: int | None = None,
        idempotency_key: str | None = None,
    ) -> CommandResult:
        async def decide() -> SatisfactionSurvey:
            await self._require_unit(ctx.tenant, unit_id)
            return SatisfactionSurvey.open(
                unit_id=unit_id,
                service=service,
                population_served=population_served,
                minimum_sample=minimum_sample,
            )

        # One survey per unit and service: its responses are dated, periods are read from them.
        claim = lambda s: [Claim("skm_survey", f"{s.unit_id}:{s.service.casefold()}", s.id)]  # noqa: E731
        return await self._run(ctx, "openSurvey", decide, idempotency_key=idempotency_key, claims=claim)

    async def record_survey_response(
        self, ctx: CommandContext, *, survey_id: UUID, responded_on: date, answers: list[int], **opts: Any
    ) -> CommandResult:
        demographics = {k: opts.pop(k, None) for k in ("age_band", "sex", "education")}
        act = lambda s: s.record_response(responded_on=responded_on, answers=answers, **demographics)  # noqa: E731
        return await self._existing(
            ctx, "recordSurveyResponse", SatisfactionSurvey, survey_id, "surveyId", act, **opts
        )

    async def import_survey_responses(
        self,
        ctx: CommandContext,
        *,
        survey_id: UUID,
        responses: Sequence[dict[str, Any]],
        idempotency_key: str | None = None,
    ) -> CommandResult:
        """All rows or none, in one append: a paper batch is entered whole, and a rerun of the same file
        (same idempotency key) appends nothing."""
        if not 1 <= len(responses) <= MAX_IMPORT_ROWS:
            raise InvalidInput(f"an import holds 1–{MAX_IMPORT_ROWS} responses", "responses")

        def act(survey: SatisfactionSurvey) -> None:
            for row in responses:
                survey.record_response(**row)

        return await self._existing(
            ctx, "importSurveyResponses", SatisfactionSurvey, survey_id, "surveyId", act,
            idempotency_key=idempotency_key,
        )  # fmt: skip

    async def record_public_forum(
        self,
        ctx: CommandContext,
        *,
        unit_id: UUID,
        held_on: date,
        participants: int,
        topics: list[str],
        commitments: list[str],
        idempotency_key: str | None = None,
    ) -> CommandResult:
        async def decide() -> PublicForum:
            await self._require_unit(ctx.tenant, unit_id)
            return PublicForum.record(
                unit_id=unit_id,
                held_on=held_on,
                participants=participants,
                topics=topics,
                commitments=commitments,
            )

        return await self._run(ctx, "recordPublicForum", decide, idempotency_key=idempotency_key)

    async def record_forum_follow_up(
        self,
        ctx: CommandContext,
        *,
        forum_id: UUID,
        commitment: int,
        status: str,
        on: date,
        note: str | None = None,
        **opts: Any,
    ) -> CommandResult:
        act = lambda f: f.follow_up(commitment, status, on, note)  # noqa: E731
        return await self._existing(ctx, "recordForumFollowUp", PublicForum, forum_id, "forumId", act, **opts)
