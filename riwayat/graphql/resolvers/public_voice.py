"""Public-voice reads: overdue complaints, holiday years, the satisfaction index, forums, the unit report."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from riwayat.application.clock import today
from riwayat.domain import ikm
from riwayat.domain.calendar import working_days_between
from riwayat.domain.errors import DomainError
from riwayat.domain.holiday_calendar import HolidayMode, check_year
from riwayat.domain.holidays import SHIPPED, HolidayKind, shipped
from riwayat.domain.periods import parse_period
from riwayat.graphql.context import Context
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.types.complaint import Complaint, sees_confidential
from riwayat.graphql.types.forum import CommitmentStatus, ForumCommitment, PublicForum
from riwayat.graphql.types.holiday import Holiday, HolidayYear
from riwayat.graphql.types.service_report import CountBy, UnitServiceReport
from riwayat.graphql.types.survey import SatisfactionIndex, SatisfactionSurvey
from riwayat.projections import forums, surveys
from riwayat.projections.holiday_calendars import tenant_years
from riwayat.projections.voice_reports import overdue_complaints as find_overdue
from riwayat.projections.voice_reports import unit_service_report as build_report


def _settings_days(info: Info[Context, None]) -> int:
    return info.context.services.settings.response_days_for(info.context.tenant.slug)


async def overdue_complaints(
    info: Info[Context, None], unit_id: strawberry.ID | None = None
) -> list[Complaint]:
    ctx = info.context
    unit = parse_id(unit_id) if unit_id is not None else None
    if unit_id is not None and unit is None:
        return []
    found = await find_overdue(await ctx.pool(), ctx.schema, unit, today(), _settings_days(info))
    visible = sees_confidential(info)
    return [Complaint.from_row(r) for r, _ in found if visible or not r.confidential]


async def holidays(info: Info[Context, None], year: int) -> HolidayYear:
    try:
        check_year(year)
    except DomainError as refused:
        raise BadUserInput(refused.message, field=refused.field) from None
    own = (await tenant_years(await info.context.pool(), info.context.schema, [year])).get(year)
    mode, dates = own if own else ("SHIPPED", [])
    days = (
        []
        if mode == HolidayMode.REPLACE.value
        else [
            Holiday(date=h.day, name=h.name, kind=h.kind.value, confirmed=h.confirmed) for h in shipped(year)
        ]
    )
    known = {h.date for h in days}
    days += [
        Holiday(date=d, name="Ditetapkan daerah", kind=HolidayKind.REGIONAL.value, confirmed=True)
        for d in dates
        if d not in known
    ]
    days.sort(key=lambda h: h.date)
    source = SHIPPED[year].source if year in SHIPPED else "none shipped: weekends only"
    working = working_days_between(date(year, 1, 1), date(year, 12, 31), {h.date for h in days})
    return HolidayYear(year=year, source=source, mode=mode, holidays=days, working_days=working)


def _period(period: str) -> tuple[date, date]:
    try:
        return parse_period(period)
    except DomainError as refused:
        raise BadUserInput(refused.message, field=refused.field) from None


async def satisfaction_index(
    info: Info[Context, None], unit_id: strawberry.ID, period: str, service: str | None = None
) -> SatisfactionIndex:
    """One service's index, or (no service) every service of the unit together."""
    start, end = _period(period)
    unit = parse_id(unit_id)
    found = (
        []
        if unit is None
        else await surveys.satisfaction_in_period(
            await info.context.pool(), info.context.schema, unit, service, start, end
        )
    )
    if service is not None:
        hit = found[0] if found else None
        return SatisfactionIndex.of(service, period, hit and hit.index, hit and hit.survey.minimum_sample)
    answered = [p.index for p in found if p.index is not None]
    sums = [sum(col) for col in zip(*(i.element_sums for i in answered), strict=True)] if answered else []
    together = ikm.satisfaction_index(sums, sum(i.respondents for i in answered)) if answered else None
    minimum = sum(p.survey.minimum_sample for p in found) if found else None
    return SatisfactionIndex.of(None, period, together, minimum)


async def surveys_of_unit(info: Info[Context, None], unit_id: strawberry.ID) -> list[SatisfactionSurvey]:
    unit = parse_id(unit_id)
    if unit is None:
        return []
    rows = await surveys.surveys_of_unit(await info.context.pool(), info.context.schema, unit)
    return [SatisfactionSurvey.from_row(r) for r in rows]


async def public_forums(info: Info[Context, None], unit_id: strawberry.ID) -> list[PublicForum]:
    unit = parse_id(unit_id)
    if unit is None:
        return []
    return [
        PublicForum.from_row(r)
        for r in await forums.forums_of_unit(await info.context.pool(), info.context.schema, unit)
    ]


async def forum_commitments(
    info: Info[Context, None], unit_id: strawberry.ID | None = None, status: CommitmentStatus | None = None
) -> list[ForumCommitment]:
    unit = parse_id(unit_id) if unit_id is not None else None
    if unit_id is not None and unit is None:
        return []
    statuses = None if status is None else [status.value]
    rows = await forums.commitments(await info.context.pool(), info.context.schema, unit, statuses)
    return [ForumCommitment.from_row(r) for r in rows]


async def unit_service_report(
    info: Info[Context, None], unit_id: strawberry.ID, period: str
) -> UnitServiceReport | None:
    _period(period)
    unit = parse_id(unit_id)
    if unit is None:
        return None
    r = await build_report(
        await info.context.pool(), info.context.schema, unit, period, today(), _settings_days(info)
    )
    minimum = sum(s.minimum_sample for s in r.services) if r.services else None
    return UnitServiceReport(
        unit_id=unit_id,
        period=period,
        start=r.start,
        end=r.end,
        complaints=r.complaints,
        complaints_by_category=[CountBy(key=c.key, count=c.count) for c in r.by_category],
        complaints_by_outcome=[CountBy(key=c.key, count=c.count) for c in r.by_outcome],
        median_working_days_to_respond=r.median_working_days_to_respond,
        overdue_complaints=r.overdue,
        satisfaction=SatisfactionIndex.of(None, period, r.index, minimum),
        satisfaction_by_service=[
            SatisfactionIndex.of(s.service, period, s.index, s.minimum_sample) for s in r.services
        ],
        open_commitments=[ForumCommitment.from_row(c) for c in r.open_commitments],
    )
