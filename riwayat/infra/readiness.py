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

from riwayat.infra.database import Database
from riwayat.infra.migrations import schema_epoch
from riwayat.infra.tenants import TenantRegistry


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
        row = await pool.fetchrow(
            "SELECT (SELECT count(*) FROM riwayat.tenants) AS tenants,"
            " (SELECT epoch FROM riwayat.schema_epoch) AS epoch"
            if await self._has_epoch(pool)
            else "SELECT (SELECT count(*) FROM riwayat.tenants) AS tenants, NULL::bigint AS epoch"
        )
        others = sorted(set(self.db.settings.tenant_database_urls.values()) - {self.db.url})
        epochs = [await schema_epoch(await self.db.pool(url)) for url in others]
        return (row["tenants"], row["epoch"], *epochs)

    async def _has_epoch(self, pool: Any) -> bool:
        # Remembered once seen: the table is never dropped.
        if not self._epoch_seen:
            self._epoch_seen = await pool.fetchval("SELECT to_regclass('riwayat.schema_epoch') IS NOT NULL")
        return self._epoch_seen

    async def check(self) -> ReadinessState:
        mark = await self.fingerprint()
        if self._known is not None and self._known[0] == mark:
            return self._known[1]
        if self._refresh is None or self._refresh.done():
            self._refresh = asyncio.get_running_loop().create_task(self._full(mark))
        return await asyncio.shield(self._refresh)

    async def _full(self, mark: tuple[Any, ...]) -> ReadinessState:
        self.full_checks += 1
        pending = await self.tenants.pending_migrations()
        state = ReadinessState(
            tenants=frozenset(pending), behind={slug: v for slug, v in pending.items() if v}
        )
        self._known = (mark, state)
        return state
