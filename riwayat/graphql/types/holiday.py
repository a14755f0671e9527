"""A year's non-working days as the deadlines count them: shipped national holidays and cuti bersama,
extended or replaced by the tenant."""

from __future__ import annotations

from datetime import date

import strawberry

from riwayat.graphql.types.common import UserError


@strawberry.type
class Holiday:
    date: date
    name: str
    kind: str = strawberry.field(description="NATIONAL, CUTI_BERSAMA or REGIONAL (set by the tenant)")
    confirmed: bool = strawberry.field(description="false: not checked against the decree's text")


@strawberry.type
class HolidayYear:
    year: int
    source: str = strawberry.field(description="the SKB of three ministers, or ESTIMATE")
    mode: str = strawberry.field(description="SHIPPED (tenant set nothing), EXTEND or REPLACE")
    holidays: list[Holiday]
    working_days: int


@strawberry.type
class HolidayCalendarPayload:
    year: HolidayYear | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)
