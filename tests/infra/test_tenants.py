"""Tenants: validated slugs, idempotent provisioning, and a tenant on its own database server."""

from __future__ import annotations

import uuid
from dataclasses import replace

import asyncpg
import pytest

from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.migrations import load_migrations, pending
from riwayat.infra.tenants import InvalidTenant, TenantRegistry, schema_for
from tests.infra.ledger.fixtures import Thing, metadata


@pytest.mark.parametrize(
    "slug", ["", "M", "medan;drop table x", "1medan", "medan-kota", "a" * 32, "Medan", "t_\u00e9", "x"]
)
def test_slugs_outside_the_pattern_are_refused_before_any_sql(slug: str) -> None:
    with pytest.raises(InvalidTenant):
        schema_for(slug)


async def test_creating_a_tenant_twice_applies_nothing_new(
    registry: TenantRegistry, new_slug: str, db
) -> None:
    first = await registry.create(new_slug, "Pemerintah Kota Medan")
    again = await registry.create(new_slug, "Pemerintah Kota Medan")

    assert first.schema == again.schema == f"t_{new_slug}"
    async with (await db.pool()).acquire() as con:
        assert await pending(con, first.schema) == []
        applied = await con.fetchval(f"SELECT count(*) FROM {first.schema}.schema_migrations")
    assert applied == len(load_migrations())
    assert new_slug in [t.slug for t in await registry.list()]


async def test_a_tenant_on_a_second_database_works_the_same(settings, database_url, registry) -> None:
    # Given a second database on the same server, named for one tenant
    name = f"riwayat_second_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(database_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    second_url = _with_database(database_url, name)
    slug = f"t{uuid.uuid4().hex[:10]}"
    db = Database(replace(settings, tenant_database_urls={slug: second_url}))
    await db.start()
    try:
        # When it is provisioned and written to
        tenant = await TenantRegistry(db).create(slug, "Pemerintah Kota Dumai")
        store = EventStore(db)
        thing = Thing(name="on its own server")
        await store.append(tenant, thing.collect_events(), metadata=metadata())

        # Then its events live there, and the main database has only its registry entry
        other = await asyncpg.connect(second_url)
        assert await other.fetchval(f"SELECT count(*) FROM {tenant.schema}.events") == 1
        await other.close()
        assert await admin.fetchval("SELECT to_regclass($1)", f"{tenant.schema}.events") is None
        assert (await store.read_stream(tenant, thing.id))[0].stream_id == thing.id
    finally:
        await db.close()
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.execute("DELETE FROM riwayat.tenants WHERE slug = $1", slug)
        await admin.close()


def _with_database(url: str, name: str) -> str:
    """Same server and credentials, another database (the URL's path is the database name)."""
    base, _, query = url.partition("?")
    scheme_host, _, _ = base.rpartition("/")
    return f"{scheme_host}/{name}" + (f"?{query}" if query else "")
