"""Reads that combine the public-voice read models with the tenant's calendar: complaint deadlines, the
overdue list, and the unit service report a head of unit and the BKPSDM read beside the unit's appraisals.

Deadlines are computed when read, from the business dates the projection holds and the holidays in force
now: a holiday the tenant adds later moves the deadlines of open cases, as it would on paper. A query over
several read models (complaints, forums, surveys, holiday calendars), like `programme_impact`: it owns no
table and is not in the catalogue.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from riwayat.domain.calendar import working_days_between
from riwayat.domain.complaint_rules import overdue_stage, response_due, verification_due
from riwayat.domain.forum import CommitmentStatus
from riwayat.domain.ikm import Index, satisfaction_index
from riwayat.domain.periods import parse_period
from riwayat.projections import complaints as complaint_rows
from riwayat.projections import forums, surveys
from riwayat.projections.complaints import ComplaintRow
from riwayat.projections.holiday_calendars import holidays_between


@dataclass(frozen=True)
class Deadlines:
    verification_due: date
    response_due: date | None  # once dispatched
    overdue: str | None  # "VERIFICATION" / "RESPONSE" / None


def deadlines(row: ComplaintRow, holidays: frozenset[date], response_days: int, today: date) -> Deadlines:
    return Deadlines(
        verification_due(row.received_on, holidays),
        None if row.triaged_on is None else response_due(row.triaged_on, holidays, response_days),
        overdue_stage(
            received_on=row.received_on,
            triaged_on=row.triaged_on,
            responded_on=row.responded_on,
            closed=row.status == "CLOSED",
            today=today,
            holidays=holidays,
            response_days=response_days,
        ),
    )


async def calendar_for(pool: Any, schema: str, since: date, today: date) -> frozenset[date]:
    """Holidays from `since` to a year past `today` (a due date may fall in the next year)."""
    return await holidays_between(pool, schema, min(since, today), today + timedelta(days=366))


async def overdue_complaints(
    pool: Any, schema: str, unit_id: UUID | None, today: date, response_days: int
) -> list[tuple[ComplaintRow, Deadlines]]:
    rows = await complaint_rows.open_in_unit(pool, schema, unit_id)
    if not rows:
        return []
    holidays = await calendar_for(pool, schema, rows[0].received_on, today)
    found = [(r, deadlines(r, holidays, response_days, today)) for r in rows]
    return [(r, d) for r, d in found if d.overdue is not None]


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class ServiceIndex:
    service: str
    index: Index | None
    minimum_sample: int

    @property
    def sample_reached(self) -> bool:
        return self.index is not None and self.index.respondents >= self.minimum_sample


@dataclass(frozen=True)
class ServiceReport:
    unit_id: UUID
    start: date
    end: date
    complaints: int
    by_category: list[Count]
    by_outcome: list[Count]
    median_working_days_to_respond: Decimal | None
    overdue: int
    index: Index | None  # the unit's services together
    services: list[ServiceIndex]
    open_commitments: list[forums.CommitmentRow]


async def unit_service_report(
    pool: Any, schema: str, unit_id: UUID, period: str, today: date, response_days: int
) -> ServiceReport:
    start, end = parse_period(period)
    rows = await complaint_rows.in_unit_between(pool, schema, unit_id, start, end)
    holidays = await calendar_for(pool, schema, start, max(today, end))
    waits = [
        working_days_between(r.received_on + timedelta(days=1), r.first_responded_on, holidays)
        for r in rows
        if r.first_responded_on is not None
    ]
    overdue = await overdue_complaints(pool, schema, unit_id, today, response_days)
    indexes = await surveys.satisfaction_in_period(pool, schema, unit_id, None, start, end)
    together = _together(indexes)
    commitments = await forums.commitments(
        pool, schema, unit_id, [CommitmentStatus.OPEN.value, CommitmentStatus.IN_PROGRESS.value]
    )
    return ServiceReport(
        unit_id=unit_id,
        start=start,
        end=end,
        complaints=len(rows),
        by_category=_counts(r.category for r in rows),
        by_outcome=_counts(r.outcome or ("OPEN" if r.status != "CLOSED" else "CLOSED") for r in rows),
        median_working_days_to_respond=_median(waits),
        overdue=len(overdue),
        index=together,
        services=[ServiceIndex(p.survey.service, p.index, p.survey.minimum_sample) for p in indexes],
        open_commitments=commitments,
    )


def _median(values: list[int]) -> Decimal | None:
    """Exact: the mean of the two middle values of an even count is a half, never a float."""
    if not values:
        return None
    ordered, mid = sorted(values), len(values) // 2
    if len(ordered) % 2:
        return Decimal(ordered[mid])
    return Decimal(ordered[mid - 1] + ordered[mid]) / 2


def _counts(values: Any) -> list[Count]:
    return [Count(k, n) for k, n in sorted(Counter(values).items())]


def _together(indexes: list[surveys.PeriodIndex]) -> Index | None:
    """One index over every response of the unit's services in the period (each respondent counts once)."""
    answered = [p.index for p in indexes if p.index is not None]
    if not answered:
        return None
    n = sum(i.respondents for i in answered)
    sums = [sum(s) for s in zip(*(i.element_sums for i in answered), strict=True)]
    return satisfaction_index(sums, n)
