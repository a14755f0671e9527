"""Faults injected for real into a PostgreSQL of the test's own: frozen (SIGSTOP of the postmaster and every
backend, always thawed in `finally`) or stopped (`pg_ctl stop`, started again). The shared test database
is never touched; every wait is bounded."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import tempfile
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
from starlette.applications import Starlette

from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant, TenantRegistry

# Short deadlines, so a fault shows in about a second.
FAULT_SETTINGS = {
    "acquire_timeout": 0.5,
    "statement_timeout": 1.0,
    "request_timeout": 1.5,
    "readyz_timeout": 0.8,
    "startup_timeout": 2.0,
    "pool_max": 4,
}


@dataclasses.dataclass
class OwnPostgres:
    server: Any
    url: str

    def processes(self) -> list[psutil.Process]:
        postmaster = psutil.Process(self.server.get_pid())
        return [postmaster, *postmaster.children(recursive=True)]

    @contextlib.contextmanager
    def frozen(self) -> Iterator[None]:
        """SIGSTOP the postmaster first (no new backends), then every backend; SIGCONT all on the way out."""
        stopped: list[psutil.Process] = []
        try:
            for process in self.processes():
                process.send_signal(signal.SIGSTOP)
                stopped.append(process)
            yield
        finally:
            for process in reversed(stopped):
                with contextlib.suppress(psutil.NoSuchProcess):
                    process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        from pgserver._commands import pg_ctl

        pg_ctl(
            ["-w", "stop", "-m", "fast"], pgdata=self.server.pgdata, user=self.server.system_user, timeout=20
        )

    def start(self) -> None:
        self.server.ensure_postgres_running()


@pytest.fixture(scope="session")
def own_postgres() -> Iterator[OwnPostgres]:
    import pgserver

    data_dir = Path(tempfile.mkdtemp(prefix="riwayat-chaos-pg-"))
    os.chmod(data_dir, 0o755)  # pgserver runs the server as its own user when we are root
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        server = pgserver.get_server(data_dir / "pg", cleanup_mode="stop")
    try:
        yield OwnPostgres(server, server.get_uri())
    finally:
        with contextlib.suppress(Exception):
            for process in OwnPostgres(server, "").processes():
                process.send_signal(signal.SIGCONT)
        server.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def fault_settings(own_postgres: OwnPostgres, settings: Settings) -> Settings:
    return dataclasses.replace(settings, database_url=own_postgres.url, **FAULT_SETTINGS)


@pytest.fixture(scope="session")
async def fault_app(fault_settings: Settings) -> AsyncIterator[Starlette]:
    from riwayat.app import create_app

    app = create_app(fault_settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def fault_http(fault_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=fault_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://chaos.test", timeout=10) as client:
        yield client


@pytest.fixture
async def fault_tenant(fault_app: Starlette, new_slug: str) -> Tenant:
    # Created by another registry than the app's, as `riwayat tenant create` would.
    from riwayat.services import provisioners

    return await TenantRegistry(fault_app.state.services.db, provisioners()).create(new_slug, "Chaos")


def wait_until(predicate: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"not true within {timeout}s")
