"""Tenants: one PostgreSQL schema per regional government, listed in the control schema `riwayat`.

The registry always lives on the main database; a tenant's own schema lives on the database named by
`RIWAYAT_TENANT_DATABASE_URL_<SLUG>` when set, so a tenant can move to its own server.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from riwayat.infra.database import Database
from riwayat.infra.migrations import migrate, pending

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
CONTROL_DDL = """
CREATE SCHEMA IF NOT EXISTS riwayat;
CREATE TABLE IF NOT EXISTS riwayat.tenants (
    slug        text PRIMARY KEY,
    name        text NOT NULL,
    schema_name text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);
"""

# Called with a connection to the tenant's database and its schema, after migrations: projections use it
# to create their tables. Kept as a callable so this module knows nothing of projections.
Provisioner = Callable[[asyncpg.Connection, str], Awaitable[None]]


class InvalidTenant(ValueError):
    """A tenant slug that does not match the allowed pattern, or a tenant that does not exist."""


def validate_slug(slug: str) -> str:
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
        raise InvalidTenant(f"invalid tenant slug {slug!r}: expected {SLUG_PATTERN.pattern}")
    return slug


def schema_for(slug: str) -> str:
    """The only way a schema name is made: from a slug that passed `validate_slug`."""
    return f"t_{validate_slug(slug)}"


@dataclass(frozen=True)
class Tenant:
    slug: str
    name: str
    schema: str
    created_at: datetime | None = None


class TenantRegistry:
    def __init__(self, db: Database, provisioners: Sequence[Provisioner] = ()) -> None:
        self.db = db
        self.provisioners = list(provisioners)
        self._cache: dict[str, Tenant] = {}

    async def ensure_control(self) -> None:
        pool = await self.db.pool()
        async with pool.acquire() as con, con.transaction():
            await con.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat.control'))")
            await con.execute(CONTROL_DDL)

    async def create(self, slug: str, name: str) -> Tenant:
        """Provision a tenant; running it again applies only what is missing (and may rename)."""
        schema = schema_for(slug)
        name = (name or "").strip()
        if not name:
            raise InvalidTenant("a tenant needs a display name")
        await self.ensure_control()
        tenant_pool = await self.db.pool_for_tenant(slug)
        async with tenant_pool.acquire() as con:
            await migrate(con, schema)
            for provision in self.provisioners:
                await provision(con, schema)
        pool = await self.db.pool()
        row = await pool.fetchrow(
            "INSERT INTO riwayat.tenants (slug, name, schema_name) VALUES ($1, $2, $3)"
            " ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING *",
            slug,
            name,
            schema,
        )
        tenant = _tenant(row)
        self._cache[slug] = tenant
        return tenant

    async def list(self) -> list[Tenant]:
        await self.ensure_control()
        pool = await self.db.pool()
        return [_tenant(r) for r in await pool.fetch("SELECT * FROM riwayat.tenants ORDER BY slug")]

    async def get(self, slug: str) -> Tenant | None:
        """The tenant named by a (token's) slug, or None; cached, since tenants are never deleted."""
        if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
            return None
        if slug in self._cache:
            return self._cache[slug]
        pool = await self.db.pool()
        exists = await pool.fetchval("SELECT to_regclass('riwayat.tenants') IS NOT NULL")
        if not exists:
            return None
        row = await pool.fetchrow("SELECT * FROM riwayat.tenants WHERE slug = $1", slug)
        if row is None:
            return None
        self._cache[slug] = tenant = _tenant(row)
        return tenant

    async def require(self, slug: str) -> Tenant:
        tenant = await self.get(slug)
        if tenant is None:
            raise InvalidTenant(f"no tenant {slug!r}; create it with `riwayat tenant create`")
        return tenant

    async def pending_migrations(self) -> dict[str, list[int]]:
        """Per tenant, the migrations not yet applied (for /readyz)."""
        result = {}
        for tenant in await self.list():
            pool = await self.db.pool_for_tenant(tenant.slug)
            async with pool.acquire() as con:
                result[tenant.slug] = await pending(con, tenant.schema)
        return result


def _tenant(row: asyncpg.Record) -> Tenant:
    return Tenant(slug=row["slug"], name=row["name"], schema=row["schema_name"], created_at=row["created_at"])
