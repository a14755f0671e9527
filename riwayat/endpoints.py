"""The operational endpoints and the request middleware: /healthz, /readyz, /metrics, and one JSON log line
plus the request metrics per HTTP request.

The composition root (`riwayat.app`) only routes them; they find the running services on
`request.app.state.services`.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import asyncpg
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from riwayat.graphql.http import STATE_KEY
from riwayat.infra import observability
from riwayat.projections import registry

if TYPE_CHECKING:
    from riwayat.services import Services

log = logging.getLogger("riwayat")


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Ready when the database answers and every tenant's migrations are applied."""
    svc: Services = request.app.state.services
    try:
        pending = await svc.tenants.pending_migrations()
    except Exception:  # the database is down or unreachable
        log.exception("readiness check failed")
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    behind = {slug: versions for slug, versions in pending.items() if versions}
    if behind:
        return JSONResponse({"status": "unavailable", "pendingMigrations": behind}, status_code=503)
    return JSONResponse({"status": "ready", "tenants": sorted(pending)})


async def metrics(request: Request) -> Response:
    """Prometheus metrics; projection lag is refreshed on each scrape."""
    svc: Services = request.app.state.services
    for tenant in await svc.tenants.list():
        pool = await svc.db.pool_for_tenant(tenant.slug)
        try:
            rows = await registry.projection_status(pool, tenant.schema)
        except asyncpg.PostgresError:  # a tenant whose schema is not reachable here: /readyz reports it
            log.warning("metrics: no projection status for tenant %s", tenant.slug)
            continue
        for row in rows:
            observability.PROJECTION_LAG.labels(tenant.slug, row.name).set(row.lag)
    return Response(observability.render(), media_type=observability.CONTENT_TYPE)


class RequestLog:
    """One JSON log line and the request metrics per HTTP request to /graphql."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger("riwayat.request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - started
            state = scope.get(STATE_KEY) or {}
            operation = state.get("operation") or _unexecuted(scope["method"], status)
            outcome = "ok" if status < 400 else f"http_{status}"
            observability.observe_request(operation, outcome, seconds)
            principal, tenant = state.get("principal"), state.get("tenant")
            self.log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": state.get("request_id"),
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
