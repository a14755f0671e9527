"""Composition root: the one place that builds settings, the database, the store, projections and the
application service, and the Starlette app serving them."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from riwayat.application import Application
from riwayat.graphql.http import STATE_KEY, graphql_route
from riwayat.infra import observability
from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections import registry
from riwayat.projections.base import InlineProjector

log = logging.getLogger("riwayat")


@dataclass
class Services:
    settings: Settings
    db: Database
    tenants: TenantRegistry
    store: EventStore
    application: Application


def provisioners() -> list:
    """What a new tenant schema needs besides its ledger migrations (the projections' tables)."""
    return [registry.provision]


@contextlib.asynccontextmanager
async def services(settings: Settings | None = None) -> AsyncIterator[Services]:
    """Start the database (embedded when no DATABASE_URL), wire the parts, and close them on exit."""
    settings = settings or Settings.from_env()
    db = Database(settings)
    await db.start()
    try:
        tenants = TenantRegistry(db, provisioners())
        codec = EventCodec()
        store = EventStore(db, codec, projector=InlineProjector(registry.ALL_PROJECTIONS, codec))
        await tenants.ensure_control()
        # A projection whose code version changed since its tables were filled is rebuilt before serving.
        await registry.ensure_projections(store, tenants)
        yield Services(settings=settings, db=db, tenants=tenants, store=store, application=Application(store))
    finally:
        await db.close()


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


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with services(settings) as svc:
            app.state.services = svc
            yield

    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        graphql_route(),
    ]
    middleware = [Middleware(RequestLog)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "X-Request-Id", "X-Correlation-Id"],
                expose_headers=["X-Request-Id"],
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
