"""The wiring: the one place that builds the database, the tenant registry, the event store with its inline
projector, and the application service. The HTTP app (`riwayat.app`), the command line (`riwayat.cli`),
the demo loader and the benches all open their parts through `services(settings)`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from riwayat.application import Application
from riwayat.infra.access_log import AccessLogWriter
from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.privacy import Privacy, load_kek
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Provisioner, TenantRegistry
from riwayat.projections import registry
from riwayat.projections.startup import ensure_current, ensure_projections

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: Database
    tenants: TenantRegistry
    store: EventStore
    application: Application
    access_log: AccessLogWriter | None = None  # who was shown whose personal data (UU 27/2022)


def provisioners() -> list[Provisioner]:
    """What a new tenant schema needs besides its ledger migrations (the projections' tables)."""
    return [registry.provision]


@contextlib.asynccontextmanager
async def services(
    settings: Settings | None = None, *, only_tenant: str | None = None, projections: bool = True
) -> AsyncIterator[Services]:
    """Start the database (embedded when no DATABASE_URL), wire the parts, and close them on exit.

    The server brings every tenant's projections up to date before serving. A command about one tenant
    (`only_tenant`) does that for that tenant alone, so an operator's command on a database of hundreds
    of tenants does not touch the others; one that reads no projection (`projections=False`) skips it."""
    settings = settings or Settings.from_env()
    kek = load_kek(settings)  # before anything starts: a missing KEK writes nothing (docs/privacy.md)
    db = Database(settings)
    await db.start()
    try:
        tenants = TenantRegistry(db, provisioners())
        codec = EventCodec()
        privacy = Privacy(db, kek)
        store = EventStore(db, codec, projector=registry.make_projector(codec), privacy=privacy,
                           handoff=settings.writer_handoff)
        await tenants.ensure_control()
        # A wrong KEK is refused before the first request (a command about one tenant: for that tenant).
        named = None if only_tenant is None else await tenants.get(only_tenant)
        for tenant in await tenants.list() if only_tenant is None else [named] if named else []:
            await privacy.keys.check(tenant)
        # A projection whose code version changed since its tables were filled is rebuilt before serving.
        if not projections:
            pass
        elif only_tenant is None:
            await ensure_projections(store, tenants)
        else:
            await _ensure_one(store, tenants, only_tenant)
        application = Application(store)
        application.review_cadences = settings.review_cadences  # performance: the tenants' review cadence
        access_log = AccessLogWriter(db)
        try:
            yield Services(settings=settings, db=db, tenants=tenants, store=store, application=application,
                           access_log=access_log)  # fmt: skip
        finally:
            await access_log.close()  # what was queued is written before the database closes
            await store.close()
    finally:
        await db.close()


async def _ensure_one(store: EventStore, tenants: TenantRegistry, slug: str) -> None:
    """`ensure_projections` for one tenant: an unknown one is left to the command (which refuses it by
    name), a schema missing from its database is logged and skipped as at server start."""
    tenant = await tenants.get(slug)
    if tenant is None:
        return
    pool = await store.db.pool_for_tenant(tenant.slug)
    if await pool.fetchval("SELECT to_regclass($1) IS NULL", f"{tenant.schema}.head"):
        log.warning("tenant %s: schema %s not found on its database; skipped", tenant.slug, tenant.schema)
        return
    await ensure_current(store, tenant)
