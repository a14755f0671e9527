"""The wiring: the one place that builds the database, the tenant registry, the event store with its inline
projector, and the application service. The HTTP app (`riwayat.app`), the command line (`riwayat.cli`),
the demo loader and the benches all open their parts through `services(settings)`."""

from __future__ import annotations

import contextlib
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
from riwayat.projections.startup import ensure_projections


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
async def services(settings: Settings | None = None) -> AsyncIterator[Services]:
    """Start the database (embedded when no DATABASE_URL), wire the parts, and close them on exit."""
    settings = settings or Settings.from_env()
    kek = load_kek(settings)  # before anything starts: a missing KEK writes nothing (docs/privacy.md)
    db = Database(settings)
    await db.start()
    try:
        tenants = TenantRegistry(db, provisioners())
        codec = EventCodec()
        privacy = Privacy(db, kek)
        store = EventStore(db, codec, projector=registry.make_projector(codec), privacy=privacy)
        await tenants.ensure_control()
        for tenant in await tenants.list():  # a wrong KEK is refused before the first request
            await privacy.keys.check(tenant)
        # A projection whose code version changed since its tables were filled is rebuilt before serving.
        await ensure_projections(store, tenants)
        application = Application(store)
        application.review_cadences = settings.review_cadences  # performance: the tenants' review cadence
        access_log = AccessLogWriter(db)
        try:
            yield Services(settings=settings, db=db, tenants=tenants, store=store, application=application,
                           access_log=access_log)  # fmt: skip
        finally:
            await access_log.close()  # what was queued is written before the database closes
    finally:
        await db.close()
