"""Versioned SQL migrations, applied per tenant schema and recorded there.

Files are `NNNN_name.sql` beside this module; `{schema}` in them is replaced by the tenant's schema name,
which is derived from a validated slug (see `tenants.schema_for`), never taken from a request.

Each database also keeps one counter, `riwayat.schema_epoch`, moved in the transaction of every `migrate`
that applied something. A reader that remembers the epoch it last saw knows, from one primary-key read,
whether any tenant schema on that database changed since (see `endpoints.Readiness`): /readyz stays exact —
a migration applied by another process is seen at the next probe — without listing every tenant's
migrations on every probe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

# Migrations may rewrite big tables: they are not held to the serving statement timeout.
NO_TIMEOUT = 24 * 3600.0
EPOCH_DDL = (
    "CREATE SCHEMA IF NOT EXISTS riwayat;"
    " CREATE TABLE IF NOT EXISTS riwayat.schema_epoch ("
    "  id boolean PRIMARY KEY DEFAULT true CHECK (id), epoch bigint NOT NULL)"
)
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
        await con.execute("SET LOCAL statement_timeout = 0")
        await con.execute("SELECT pg_advisory_xact_lock(hashtext($1))", schema, timeout=NO_TIMEOUT)
        await con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        await con.execute(
            f"CREATE TABLE IF NOT EXISTS {schema}.schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = await applied_versions(con, schema)
        for migration in load_migrations():
            if migration.version in done:
                continue
            await con.execute(migration.sql.replace("{schema}", schema), timeout=NO_TIMEOUT)
            await con.execute(
                f"INSERT INTO {schema}.schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            applied.append(migration.version)
        if applied:
            await bump_epoch(con)
    return applied


async def ensure_epoch(con: asyncpg.Connection) -> None:
    """Create this database's schema epoch table if missing (in the caller's transaction)."""
    # Serialised: two first migrations on a fresh database would otherwise both create the table.
    await con.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat.schema_epoch'))")
    await con.execute(EPOCH_DDL)


async def bump_epoch(con: asyncpg.Connection) -> None:
    """Move this database's schema epoch (in the caller's transaction, so readers see it with the change)."""
    await ensure_epoch(con)
    await con.execute(
        "INSERT INTO riwayat.schema_epoch (id, epoch) VALUES (true, 1)"
        " ON CONFLICT (id) DO UPDATE SET epoch = riwayat.schema_epoch.epoch + 1"
    )


async def schema_epoch(pool_or_con: asyncpg.Pool | asyncpg.Connection) -> int | None:
    """This database's schema epoch (None before any migration recorded one): one primary-key read."""
    try:
        return await pool_or_con.fetchval("SELECT epoch FROM riwayat.schema_epoch")
    except asyncpg.exceptions.UndefinedTableError:
        return None


async def pending(con: asyncpg.Connection, schema: str) -> list[int]:
    done = await applied_versions(con, schema)
    return [m.version for m in load_migrations() if m.version not in done]
