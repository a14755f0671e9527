"""The store's reads: a stream, the auditors' filtered log, the topics present, and every event in pages.

A mixin of `EventStore` (which holds `db` and `codec`), kept apart from the append path that the rest of
the ledger package is about.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from riwayat.infra.ledger.records import LogFilter, RecordedEvent
from riwayat.infra.ledger.statements import COLUMNS
from riwayat.infra.tenants import Tenant


def record(row: asyncpg.Record) -> RecordedEvent:
    return RecordedEvent.of(*row)


class LedgerReads:
    db: Any

    async def read_stream(
        self,
        tenant: Tenant,
        stream_id: UUID,
        *,
        to_version: int | None = None,
        recorded_until: datetime | None = None,
        after_version: int = 0,
        limit: int | None = None,
    ) -> list[RecordedEvent]:
        """One stream in version order; optionally only what the ledger held at `recorded_until`."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        rows = await pool.fetch(
            f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE stream_id = $1 AND version > $2"
            " AND ($3::int IS NULL OR version <= $3) AND ($4::timestamptz IS NULL OR recorded_at <= $4)"
            " ORDER BY version LIMIT $5",
            stream_id,
            after_version,
            to_version,
            recorded_until,
            limit,
        )
        return [record(r) for r in rows]

    async def read_log(
        self, tenant: Tenant, *, after: int = 0, limit: int = 100, log_filter: LogFilter | None = None
    ) -> list[RecordedEvent]:
        """The tenant's log in position order, after a position, with the auditors' filters.

        Only the filters given are in the statement (fixed fragments, values as parameters), so PostgreSQL
        plans each combination on its own and can use the topic and actor indexes; a type is named by its
        topic, `Employee.Hired` or `Hired`, and turned into the topics the tenant has (`stored_topics`)."""
        f = log_filter or LogFilter()
        pool = await self.db.pool_for_tenant(tenant.slug)
        args: list[Any] = [after, limit]

        def param(value: Any, sql_type: str) -> str:
            args.append(value)
            return f"${len(args)}::{sql_type}"

        conditions = ["position > $1"]
        if f.stream_id is not None:
            conditions.append(f"stream_id = {param(f.stream_id, 'uuid')}")
        if f.types:
            wanted = set(f.types)
            topics = [t for t in await self.stored_topics(tenant) if wanted & _names_of(t)]
            if not topics:
                return []
            conditions.append(f"topic = any({param(topics, 'text[]')})")
        if f.actor is not None:
            conditions.append(f"metadata->>'actor' = {param(f.actor, 'text')}")
        if f.since is not None:
            conditions.append(f"recorded_at >= {param(f.since, 'timestamptz')}")
        if f.until is not None:
            conditions.append(f"recorded_at < {param(f.until, 'timestamptz')}")
        rows = await pool.fetch(
            f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE {' AND '.join(conditions)}"
            " ORDER BY position LIMIT $2",
            *args,
        )
        return [record(r) for r in rows]

    async def stored_topics(self, tenant: Tenant) -> list[str]:
        """Every topic in the tenant's log: a walk down the topic index, one probe per topic (a few dozen),
        however many events there are."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        schema = tenant.schema
        rows = await pool.fetch(
            f"WITH RECURSIVE t(topic) AS (SELECT min(topic) FROM {schema}.events"
            f" UNION ALL SELECT (SELECT min(topic) FROM {schema}.events e WHERE e.topic > t.topic)"
            " FROM t WHERE t.topic IS NOT NULL)"
            " SELECT topic FROM t WHERE topic IS NOT NULL"
        )
        return [r["topic"] for r in rows]

    async def iter_events(
        self, tenant: Tenant, *, after: int = 0, batch: int = 5000, con: asyncpg.Connection | None = None
    ) -> AsyncIterator[list[RecordedEvent]]:
        """Every event after `after` in position order, in keyset pages (no long-open cursor)."""
        pool = None if con is not None else await self.db.pool_for_tenant(tenant.slug)
        query = f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE position > $1 ORDER BY position LIMIT $2"
        while True:
            rows = await (
                con.fetch(query, after, batch) if con is not None else pool.fetch(query, after, batch)
            )
            if not rows:
                return
            page = [record(r) for r in rows]
            yield page
            after = page[-1].position


def _names_of(topic: str) -> set[str]:
    """The names a type filter may use for `riwayat.domain.employee:Employee.Hired`: the topic itself,
    `Employee.Hired` and `Hired`."""
    qualified = topic.partition(":")[2]
    return {topic, qualified, qualified.partition(".")[2]} - {""}
