"""The public status of a complaint: `GET /public/complaints/{trackingCode}`, no token.

The tracking code carries the tenant's slug (`medan-7KQ2-M9XD-4HPA`, see `complaint_rules`): the code is
validated strictly, the slug is looked up in the tenant registry (which alone names the schema), and the
code is a query parameter — client text never becomes SQL. The answer holds the status, the dates, the
deadlines and the published response: never the description, the reporter, the employee or the unit
staff. A confidential complaint shows no response text.

Unknown, malformed and another tenant's codes (a real code with another slug) get the same 404 with the
same body, after the same minimum time (`public_answer_floor_ms`), so the answer tells nothing about which
tenants or codes exist. Each client address has a token bucket (`public_rate_per_minute`,
`public_rate_burst`); the buckets live in memory per process, at most `MAX_CLIENTS` of them.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from riwayat.application.clock import today
from riwayat.domain.complaint_rules import parse_tracking_code
from riwayat.projections.complaints import ComplaintRow, by_tracking_code
from riwayat.projections.voice_reports import calendar_for, deadlines

MAX_CLIENTS = 10_000
NOT_FOUND = {"error": "NOT_FOUND", "message": "no complaint has this tracking code"}
NO_STORE = {"Cache-Control": "no-store"}


class TokenBuckets:
    """`rate_per_minute` tokens a minute per key, up to `burst` saved; least recently seen keys dropped."""

    def __init__(self, rate_per_minute: int, burst: int, clock: Any = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate_per_minute / 60.0, max(1, burst), clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """0 when a token was taken, else the seconds until one is available."""
        now = self.clock()
        tokens, last = self.buckets.pop(key, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate if self.rate > 0 else 60.0
        self.buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self.buckets) > MAX_CLIENTS:
            self.buckets.popitem(last=False)
        return wait


def _buckets(request: Request) -> TokenBuckets:
    state = request.app.state
    found = getattr(state, "public_buckets", None)
    if found is None:
        settings = state.services.settings
        found = state.public_buckets = TokenBuckets(
            settings.public_rate_per_minute, settings.public_rate_burst
        )
    return found


def public_view(row: ComplaintRow, holidays: frozenset, response_days: int) -> dict[str, Any]:
    """What anyone holding the code may know: nothing personal, nothing that names a person."""
    due = deadlines(row, holidays, response_days, today())
    shown = row.response_published and not row.confidential
    iso = lambda d: None if d is None else d.isoformat()  # noqa: E731
    return {
        "trackingCode": row.tracking_code,
        "status": row.status,
        "channel": row.channel,
        "receivedOn": iso(row.received_on),
        "verifiedOn": iso(row.triaged_on),
        "respondedOn": iso(row.responded_on),
        "resolvedOn": iso(row.resolved_on),
        "closedOn": iso(row.closed_on),
        "verificationDue": iso(due.verification_due),
        "responseDue": iso(due.response_due),
        "overdue": due.overdue,
        "response": row.response if shown else None,
    }


async def _lookup(request: Request, code: str) -> dict[str, Any] | None:
    svc = request.app.state.services
    parsed = parse_tracking_code(code)
    if parsed is None:
        return None
    slug, canonical = parsed
    tenant = await svc.tenants.get(slug)
    if tenant is None:
        return None
    pool = await svc.db.pool_for_tenant(tenant.slug)
    row = await by_tracking_code(pool, tenant.schema, canonical)
    if row is None:
        return None
    holidays = await calendar_for(pool, tenant.schema, row.received_on, today())
    return public_view(row, holidays, svc.settings.response_days_for(tenant.slug))


async def public_complaint(request: Request) -> JSONResponse:
    started = time.perf_counter()
    settings = request.app.state.services.settings
    client = request.client.host if request.client else "-"
    wait = _buckets(request).take(client)
    if wait > 0:
        headers = {**NO_STORE, "Retry-After": str(max(1, round(wait)))}
        return JSONResponse({"error": "RATE_LIMITED", "message": "too many requests"}, 429, headers=headers)
    try:
        found = await _lookup(request, request.path_params["code"])
    finally:
        # Every answer takes at least the floor: a hit, a miss and a malformed code look alike in time.
        rest = settings.public_answer_floor_ms / 1000 - (time.perf_counter() - started)
        if rest > 0:
            await asyncio.sleep(rest)
    if found is None:
        return JSONResponse(NOT_FOUND, 404, headers=NO_STORE)
    return JSONResponse(found, 200, headers=NO_STORE)


def public_routes() -> list[Route]:
    return [Route("/public/complaints/{code:str}", public_complaint, methods=["GET"])]
