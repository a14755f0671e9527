"""Versioned SQL migrations, applied per tenant schema and recorded there.

Files are `NNNN_name.sql` beside this module; `{schema}` in them is replaced by the tenant's schema name,
which is derived from a validated slug (see `tenants.schema_for`), never taken from a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    folder = resources.files("riwayat.infra") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


async def applied_versions(con: asyncpg.Connection, schema: str) -> set[int]:
    exists = await con.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{schema}.schema_migrations")
    if not exists:
        return set()
    return {r["version"] for r in await con.fetch(f"SELECT version FROM {schema}.schema_migrations")}


async def migrate(con: asyncpg.Connection, schema: str) -> list[int]:
    """Create the schema if needed and apply the missing migrations, all in one transaction.

    An advisory lock keyed on the schema makes concurrent `tenant create` runs safe.
    """
    applied: list[int] = []
    async with con.transaction():
        await con.execute("SELECT pg_advisory_xact_lock(hashtext($1))", schema)
        await con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        await con.execute(
            f"CREATE TABLE IF NOT EXISTS {schema}.schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = await applied_versions(con, schema)
        for migration in load_migrations():
            if migration.version in done:
                continue
            await con.execute(migration.sql.replace("{schema}", schema))
            await con.execute(
                f"INSERT INTO {schema}.schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            applied.append(migration.version)
    return applied


async def pending(con: asyncpg.Connection, schema: str) -> list[int]:
    done = await applied_versions(con, schema)
    return [m.version for m in load_migrations() if m.version not in done]
