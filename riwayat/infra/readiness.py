"""Readiness of the tenants' schemas, exact yet O(1) per probe in the common case.

Listing every tenant's applied migrations costs two statements per tenant (0.3–0.6 s with 550 tenants), too
much for a probe every few seconds. Whether anything changed since the last full check is answered by one
cheap statement per database instead: the number of registered tenants (on the main database) and each
database's schema epoch (`migrations.schema_epoch`), which every `migrate` that applied something moves in
its own transaction. While that fingerprint is unchanged, the last full answer is still exact; when it
moved (a tenant created, a migration applied by this process or another), the full check runs again.

The fingerprint is read *before* the full check, so a migration committed in between makes the next probe
check again rather than be missed. The full check runs as its own task: a probe that times out leaves it
running, and a later probe finds its answer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from riwayat.infra import migrations
from riwayat.infra.database import Database
from riwayat.infra.migrations import ensure_epoch, schema_epoch
from riwayat.infra.tenants import Tenant, TenantRegistry

CHUNK = 200  # schemas per UNION ALL statement


@dataclass(frozen=True)
class ReadinessState:
    tenants: frozenset[str]
    behind: dict[str, list[int]] = field(default_factory=dict)


class Readiness:
    def __init__(self, db: Database, tenants: TenantRegistry) -> None:
        self.db = db
        self.tenants = tenants
        self.full_checks = 0  # how many times every tenant was listed (for tests and the bench)
        self._known: tuple[Any, ReadinessState] | None = None
        self._refresh: asyncio.Task[ReadinessState] | None = None
        self._epoch_seen = False

    async def fingerprint(self) -> tuple[Any, ...]:
        """One statement on the main database (tenant count and its schema epoch), plus the epoch of each
        other database a tenant lives on."""
        pool = await self.db.pool()
        if not self._epoch_seen:  # once: then the fingerprint is always one statement
            async with pool.acquire() as con, con.transaction():
                await ensure_epoch(con)
            self._epoch_seen = True
        row = await pool.fetchrow(
            "SELECT (SELECT count(*) FROM riwayat.tenants) AS tenants,"
            " (SELECT epoch FROM riwayat.schema_epoch) AS epoch"
        )
        others = sorted(set(self.db.settings.tenant_database_urls.values()) - {self.db.url})
        epochs = [await schema_epoch(await self.db.pool(url)) for url in others]
        return (row["tenants"], row["epoch"], *epochs)

    async def check(self) -> ReadinessState:
        return await self.state_for(await self.fingerprint())

    async def state_for(self, mark: tuple[Any, ...]) -> ReadinessState:
        """The state for this fingerprint: remembered, or from a full listing (started if none runs)."""
        if self._known is not None and self._known[0] == mark:
            return self._known[1]
        if self._refresh is None or self._refresh.done():
            self._refresh = asyncio.get_running_loop().create_task(self._full(mark))
            # Its failure reaches the probes that wait for it; one nobody waits for is not an error.
            self._refresh.add_done_callback(lambda task: task.cancelled() or task.exception())
        return await asyncio.shield(self._refresh)

    async def _full(self, mark: tuple[Any, ...]) -> ReadinessState:
        self.full_checks += 1
        pending = await self.pending_migrations()
        state = ReadinessState(
            tenants=frozenset(pending), behind={slug: v for slug, v in pending.items() if v}
        )
        self._known = (mark, state)
        return state

    async def pending_migrations(self) -> dict[str, list[int]]:
        """Per tenant, the migrations not yet applied — as `TenantRegistry.pending_migrations`, but a few
        statements per database instead of two per tenant (550 tenants: ~3 s on a loaded 2-core machine
        that way), so that even a probe after a change answers quickly."""
        wanted = [m.version for m in migrations.load_migrations()]
        tenants = await self.tenants.list()
        by_url: dict[str | None, list[Tenant]] = {}
        for tenant in tenants:
            by_url.setdefault(self.db.settings.tenant_database_urls.get(tenant.slug), []).append(tenant)
        applied: dict[str, set[int]] = {}
        for url, group in by_url.items():
            pool = await self.db.pool(url)
            present = {
                r["nspname"]
                for r in await pool.fetch(
                    "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE c.relname = 'schema_migrations' AND n.nspname = any($1::text[])",
                    [t.schema for t in group],
                )
            }
            # Schema names come from the registry (`tenants.schema_for`: a validated slug), never a request.
            schemas = [t.schema for t in group if t.schema in present]
            for start in range(0, len(schemas), CHUNK):
                chunk = schemas[start : start + CHUNK]
                sql = " UNION ALL ".join(
                    f"SELECT {i}::int AS i, version FROM {schema}.schema_migrations"
                    for i, schema in enumerate(chunk)
                )
                for row in await pool.fetch(sql):
                    applied.setdefault(chunk[row["i"]], set()).add(row["version"])
        return {t.slug: [v for v in wanted if v not in applied.get(t.schema, set())] for t in tenants}
