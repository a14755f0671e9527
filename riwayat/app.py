"""Composition root: the one place that builds settings, the database, the store, projections and the
application service, and the Starlette app serving them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from riwayat.application import Application
from riwayat.endpoints import RequestLog, healthz, metrics, readyz
from riwayat.graphql.http import graphql_route
from riwayat.infra.database import Database
from riwayat.infra.event_store import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections import registry


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
        store = EventStore(db)
        store.projector = registry.make_projector(store)
        await tenants.ensure_control()
        # A projection whose code version changed since its tables were filled is rebuilt before serving.
        await registry.ensure_projections(store, tenants)
        yield Services(settings=settings, db=db, tenants=tenants, store=store, application=Application(store))
    finally:
        await db.close()


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
