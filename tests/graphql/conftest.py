"""GraphQL tests run the real Starlette app (its lifespan included) in-process over httpx's ASGI
transport, against the test PostgreSQL; each test works in a fresh tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import asyncpg
import httpx
import pytest
from starlette.applications import Starlette

from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.graphql.api import Api, token


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    from riwayat.app import create_app

    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as client:
        yield client


@pytest.fixture
def as_role(http: httpx.AsyncClient, settings: Settings, tenant: Tenant) -> Callable[..., Api]:
    """`as_role("hr")` is an API client holding an hr token for this test's tenant."""

    def make(*roles: str, slug: str | None = None, subject: str | None = None) -> Api:
        return Api(http, token(settings, slug or tenant.slug, *roles, subject=subject))

    return make


@pytest.fixture
def admin(as_role: Callable[..., Api]) -> Api:
    return as_role("admin")


@pytest.fixture
def hr(as_role: Callable[..., Api]) -> Api:
    return as_role("hr")


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement sent through an asyncpg pool while the test runs."""
    seen: list[str] = []
    for name in ("fetch", "fetchrow", "fetchval", "execute"):
        original = getattr(asyncpg.Pool, name)

        def counting(
            self: asyncpg.Pool, query: str, *args: object, _original: Callable = original, **kw: object
        ):
            seen.append(query)
            return _original(self, query, *args, **kw)

        monkeypatch.setattr(asyncpg.Pool, name, counting)
    return seen
