"""End-to-end: a real `riwayat serve` process on 127.0.0.1 and a free port, talking to the test
PostgreSQL; tests speak HTTP to it like any frontend would."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant, TenantRegistry
from tests.graphql.api import Api, token

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(database_url: str, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "serve.log"
    env = os.environ | {
        "DATABASE_URL": database_url,
        "RIWAYAT_JWT_SECRET": settings.jwt_secret,
        "RIWAYAT_GRAPHIQL": "on",
        "RIWAYAT_INTROSPECTION": "on",
    }
    with serving(port, env, log):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def serving(port: int, env: dict[str, str], log: Path, *more: str) -> Iterator[subprocess.Popen]:
    """`riwayat serve` on 127.0.0.1:`port` (with `more` arguments), healthy, and stopped afterwards."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "riwayat.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *more],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_healthy(base: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"riwayat serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"riwayat serve did not become healthy in {timeout}s:\n{log.read_text()}")


@pytest.fixture
async def live(server: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        yield client


@pytest.fixture
async def other_tenant(registry: TenantRegistry, new_slug: str) -> Tenant:
    slug = "o" + new_slug[1:]
    return await registry.create(slug, f"Other tenant {slug}")


@pytest.fixture
def as_role(live: httpx.AsyncClient, settings: Settings, tenant: Tenant) -> Callable[..., Api]:
    def make(*roles: str, slug: str | None = None, subject: str | None = None) -> Api:
        return Api(live, token(settings, slug or tenant.slug, *roles, subject=subject))

    return make
