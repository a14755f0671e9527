"""Composition root: the one place that builds settings, the database, the store, projections and the
application service, and the Starlette app serving them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from riwayat.infra.database import Database
from riwayat.infra.event_store import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import TenantRegistry

log = logging.getLogger("riwayat")


@dataclass
class Services:
    settings: Settings
    db: Database
    tenants: TenantRegistry
    store: EventStore


def provisioners() -> list:
    """What a new tenant schema needs besides its ledger migrations (the projections' tables)."""
    return []


@contextlib.asynccontextmanager
async def services(settings: Settings | None = None) -> AsyncIterator[Services]:
    """Start the database (embedded when no DATABASE_URL), wire the parts, and close them on exit."""
    settings = settings or Settings.from_env()
    db = Database(settings)
    await db.start()
    try:
        tenants = TenantRegistry(db, provisioners())
        store = EventStore(db)
        await tenants.ensure_control()
        yield Services(settings=settings, db=db, tenants=tenants, store=store)
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


def create_app(settings: Settings | None = None) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with services(settings) as svc:
            app.state.services = svc
            yield

    routes = [Route("/healthz", healthz), Route("/readyz", readyz)]
    return Starlette(routes=routes, lifespan=lifespan)
