"""The operational endpoints and the request middleware: /healthz, /readyz, /metrics, and one JSON log line
plus the request metrics per HTTP request. (What `riwayat serve` gives uvicorn is in
`riwayat.infra.http_server`.)

The composition root (`riwayat.app`) only routes them; they find the running services on
`request.app.state.services`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

import asyncpg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from riwayat.graphql.http import REQUEST_ID_KEY, STATE_KEY, _request_id
from riwayat.infra import observability
from riwayat.infra.auth import AuthError, verify_token
from riwayat.infra.database import unavailable
from riwayat.infra.readiness import Readiness
from riwayat.infra.settings import Settings
from riwayat.projections import registry

if TYPE_CHECKING:
    from riwayat.services import Services

log = logging.getLogger("riwayat")
# How long a scrape waits for the projection lag (below Prometheus' default 10 s scrape timeout): with the
# database down the scrape still answers, with the process metrics.
METRICS_DB_BUDGET = 5.0


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Ready when the database answers and every tenant's migrations are applied; answered within
    `readyz_timeout` either way. Tenant slugs are named only to a caller with a valid token (and then
    only its own tenant); anyone may see counts."""
    svc: Services = request.app.state.services
    readiness = _readiness(request.app.state, svc)
    budget = svc.settings.readyz_timeout
    started = time.monotonic()
    try:
        async with asyncio.timeout(budget):
            mark = await readiness.fingerprint()
    except Exception as exc:  # noqa: BLE001 - any failure to answer in time is "not ready"
        if not (isinstance(exc, TimeoutError) or unavailable(exc)):
            log.exception("readiness check failed")
        else:
            log.warning("readiness: the database did not answer (%s)", type(exc).__name__)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    try:
        async with asyncio.timeout(max(0.0, budget - (time.monotonic() - started))):
            state = await readiness.state_for(mark)
    except Exception as exc:  # noqa: BLE001 - the database answers; the listing is slow or failed
        if not isinstance(exc, TimeoutError):
            log.warning("readiness: listing the tenants' migrations failed (%s: %s)", type(exc).__name__, exc)
        # A listing that outlasts the probe goes on in the background; a later probe gets its answer.
        return JSONResponse({"status": "unavailable", "migrations": "checking"}, status_code=503)
    behind = state.behind
    body: dict[str, Any] = {"status": "unavailable" if behind else "ready", "tenants": len(state.tenants)}
    if behind:
        body["tenantsBehind"] = len(behind)
        log.warning("readiness: migrations pending for %s", ", ".join(f"{s} {v}" for s, v in behind.items()))
    own = _token_tenant(request, svc.settings)
    if own is not None and own in state.tenants:
        body["tenant"] = {"slug": own, "pendingMigrations": behind.get(own, [])}
    return JSONResponse(body, status_code=503 if behind else 200)


def _readiness(app_state: Any, svc: Services) -> Readiness:
    readiness = getattr(app_state, "readiness", None)
    if readiness is None or readiness.db is not svc.db:
        readiness = app_state.readiness = Readiness(svc.db, svc.tenants)
    return readiness


def _token_tenant(request: Request, settings: Settings) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return verify_token(settings, token.strip()).tenant
    except AuthError:
        return None


async def metrics(request: Request) -> Response:
    """Prometheus metrics; projection lag is refreshed on each scrape (head and checkpoints in one
    snapshot, so a write in between never shows as a negative lag)."""
    svc: Services = request.app.state.services
    try:
        async with asyncio.timeout(METRICS_DB_BUDGET):
            await _refresh_projection_lag(svc)
    except Exception as exc:  # noqa: BLE001 - the process metrics are still worth a scrape
        if not (isinstance(exc, TimeoutError) or unavailable(exc)):
            raise
        log.warning(
            "metrics: projection lag not refreshed, the database did not answer (%s)", type(exc).__name__
        )
    return Response(observability.render(), media_type=observability.CONTENT_TYPE)


async def _refresh_projection_lag(svc: Services) -> None:
    for tenant in await svc.tenants.list():
        pool = await svc.db.pool_for_tenant(tenant.slug)
        try:
            async with pool.acquire() as con, con.transaction(isolation="repeatable_read", readonly=True):
                rows = await registry.projection_status(con, tenant.schema)
        except asyncpg.PostgresError:  # a tenant whose schema is not reachable here: /readyz reports it
            log.warning("metrics: no projection status for tenant %s", tenant.slug)
            continue
        for row in rows:
            observability.PROJECTION_LAG.labels(tenant.slug, row.name).set(row.lag)


class RequestLog:
    """Gives every HTTP request its request id (the caller's X-Request-Id when safe, else a new one),
    carried by every log line written while it is served and by the response's `x-request-id`; and one
    JSON log line plus the request metrics per request to /graphql."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger("riwayat.request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = scope[REQUEST_ID_KEY] = _request_id(scope)
        token = observability.REQUEST_ID.set(request_id)
        started, status = time.perf_counter(), 500
        header = (b"x-request-id", request_id.encode("ascii"))

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"x-request-id" for name, _ in headers):
                    message = {**message, "headers": [*headers, header]}
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            if scope["path"] == "/graphql":
                self._log(scope, request_id, status, time.perf_counter() - started)
            observability.REQUEST_ID.reset(token)

    def _log(self, scope: Scope, request_id: str, status: int, seconds: float) -> None:
        state = scope.get(STATE_KEY) or {}
        operation = state.get("operation") or _unexecuted(scope["method"], status)
        label = state.get("label") or operation  # `operation` of a refused request is one of a fixed few
        outcome = state.get("outcome") or _outcome_of_status(status)
        observability.observe_request(label, outcome, seconds)
        principal, tenant = state.get("principal"), state.get("tenant")
        self.log.info(
            "request",
            extra={
                "fields": {
                    "request_id": request_id,
                    "correlation_id": state.get("correlation_id"),
                    "tenant": tenant.slug if tenant else None,
                    "actor": principal.subject if principal else None,
                    "operation": operation,
                    "method": scope["method"],
                    "status": status,
                    "outcome": outcome,
                    "duration_ms": round(seconds * 1000, 2),
                }
            },
        )


def _unexecuted(method: str, status: int) -> str:
    """A label for requests that never reached GraphQL execution."""
    if status == 401:
        return "unauthenticated"
    if method == "GET" and status == 200:
        return "graphiql"
    return "refused"


def _outcome_of_status(status: int) -> str:
    if status < 400:
        return "ok"
    if status in (401, 403):
        return "forbidden"
    if status == 503:
        return "unavailable"
    return "invalid" if status < 500 else "internal"
