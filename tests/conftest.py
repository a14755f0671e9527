"""Shared fixtures: a real PostgreSQL (TEST_DATABASE_URL, or the embedded one) and fresh tenants.

Every test gets tenants with random slugs, so tests never share state and can run in any order.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from riwayat.infra.database import Database, start_embedded
from riwayat.infra.ledger import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant, TenantRegistry


@pytest.fixture(scope="session")
def database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    # Not under pytest's basetemp: pytest deletes old basetemps when other sessions start, which would pull
    # the data directory out from under a running server.
    owned = not os.environ.get("RIWAYAT_TEST_DATA_DIR")
    data_dir = Path(os.environ.get("RIWAYAT_TEST_DATA_DIR") or tempfile.mkdtemp(prefix="riwayat-test-pg-"))
    url, server = start_embedded(data_dir)
    _servers.append((server, data_dir if owned else None))
    return url


_servers: list = []

# Every server the tests start (in-process or as a subprocess, which inherits the environment) uses this
# key-encryption key: outside the embedded setup a server refuses to start without one (docs/privacy.md).
if not os.environ.get("RIWAYAT_KEK_FILE"):
    from riwayat.infra.privacy import generate_kek_file

    _kek_dir = Path(tempfile.mkdtemp(prefix="riwayat-test-kek-"))
    generate_kek_file(_kek_dir / "kek.key")
    os.environ["RIWAYAT_KEK_FILE"] = str(_kek_dir / "kek.key")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for server, owned_dir in _servers:
        server.cleanup()
        if owned_dir is not None:
            shutil.rmtree(owned_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        jwt_secret="test-secret-" + "x" * 32,
        graphiql=False,
        kek_file=Path(os.environ["RIWAYAT_KEK_FILE"]),
    )


@pytest.fixture(scope="session")
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings)
    await database.start()
    yield database
    await database.close()


@pytest.fixture(scope="session")
async def registry(db: Database) -> TenantRegistry:
    from riwayat.services import provisioners

    registry = TenantRegistry(db, provisioners())
    await registry.ensure_control()
    return registry


@pytest.fixture
def new_slug() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def tenant(registry: TenantRegistry, new_slug: str) -> Tenant:
    return await registry.create(new_slug, f"Test tenant {new_slug}")


@pytest.fixture
def bare_store(db: Database) -> EventStore:
    """The event store without projections: for tests of the ledger alone."""
    return EventStore(db)
