"""Complaint deadlines for the GraphQL layer: the tenant's holidays are read once per request."""

from __future__ import annotations

from datetime import date
from typing import Any

from strawberry.types import Info

from riwayat.application.clock import today
from riwayat.graphql.context import Context
from riwayat.projections.voice_reports import Deadlines, calendar_for, deadlines

_EARLIEST = date(2000, 1, 1)


async def request_calendar(info: Info[Context, None]) -> frozenset[date]:
    """Holidays from 2000 to a year ahead, cached on the request (a list of complaints asks once)."""
    cache = info.context.request.scope.setdefault("riwayat.voice", {})
    if "holidays" not in cache:
        cache["holidays"] = await calendar_for(
            await info.context.pool(), info.context.schema, _EARLIEST, today()
        )
    return cache["holidays"]


async def deadlines_of(info: Info[Context, None], row: Any) -> Deadlines:
    days = info.context.services.settings.response_days_for(info.context.tenant.slug)
    return deadlines(row, await request_calendar(info), days, today())
