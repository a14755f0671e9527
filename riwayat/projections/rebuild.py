"""Rebuild projections from the ledger while the API keeps serving and appending, then swap them in.

1. Fresh tables in a shadow schema `{schema}_rebuild` (dropped first: a crashed rebuild leaves one).
2. Replay every event in position order (keyset pages, each event decoded once) into `MemoryWriter`,
   until a page comes back empty; COPY each table once, then build the indexes.
3. Catch up, without any lock, on what was appended meanwhile (`SqlWriter` into the shadow tables).
4. One short transaction: lock the tenant's head row (appends wait), replay the last few events, drop the
   live tables, `ALTER TABLE ... SET SCHEMA` the shadow ones into place, and set the checkpoints (with the
   code versions) to the head position. Readers see the old tables or the new ones, never a mixture.
A session advisory lock keeps two rebuilds of one tenant from sharing the shadow schema.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import asyncpg

from riwayat.projections import registry
from riwayat.projections.base import Projection, set_checkpoint
from riwayat.projections.rows import MemoryWriter, SqlWriter

if TYPE_CHECKING:
    from riwayat.infra.event_store import EventStore, RecordedEvent
    from riwayat.infra.tenants import Tenant

Progress = Callable[[int, int], None]
PAGE = 5000


class RebuildRunning(RuntimeError):
    """Another rebuild of the same tenant holds the shadow schema."""


@dataclass(frozen=True)
class RebuildReport:
    names: list[str]
    events: int
    position: int
    seconds: float


def shadow_schema(schema: str) -> str:
    """Derived from the live schema, itself made only from a validated slug."""
    return f"{schema}_rebuild"


class _Replay:
    """Decodes each event once, and only when some projection being rebuilt reads its type."""

    def __init__(self, store: EventStore, projections: list[Projection]) -> None:
        self.store = store
        self.projections = projections
        self._wanted: dict[str, bool] = {}
        self.events = 0

    def items(self, page: list[RecordedEvent]) -> list[tuple[RecordedEvent, Any]]:
        wanted, decode = self._wanted, self.store.decode
        for rec in page:
            if rec.topic not in wanted:
                wanted[rec.topic] = any(p.handler_for(rec.topic) for p in self.projections)
        self.events += len(page)
        return [(rec, decode(rec)) for rec in page if wanted[rec.topic]]

    async def apply(self, writer: Any, page: list[RecordedEvent]) -> None:
        items = self.items(page)
        for projection in self.projections:
            await projection.apply_to(writer, items)


async def rebuild(
    store: EventStore, tenant: Tenant, names: Sequence[str] | None = None, progress: Progress | None = None
) -> RebuildReport:
    """Rebuild the named projections (all when None) of one tenant; see the module docstring."""
    projections = registry.select(names)
    shadow = shadow_schema(tenant.schema)
    pool = await store.db.pool_for_tenant(tenant.slug)
    started = time.perf_counter()
    replay = _Replay(store, projections)
    async with pool.acquire() as guard:
        if not await guard.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", shadow):
            raise RebuildRunning(f"a rebuild of tenant {tenant.slug} is already running")
        try:
            await _create_shadow(guard, shadow, projections)
            position = await _bulk(store, tenant, pool, shadow, replay, progress)
            position = await _catch_up(store, tenant, pool, shadow, replay, position)
            head = await _swap(store, tenant, pool, shadow, replay, position)
        finally:
            await guard.execute(f"DROP SCHEMA IF EXISTS {shadow} CASCADE")
            await guard.execute("SELECT pg_advisory_unlock(hashtext($1))", shadow)
    if progress is not None:
        progress(replay.events, replay.events)
    return RebuildReport([p.name for p in projections], replay.events, head, time.perf_counter() - started)


async def _create_shadow(con: asyncpg.Connection, shadow: str, projections: list[Projection]) -> None:
    await con.execute(f"DROP SCHEMA IF EXISTS {shadow} CASCADE")
    await con.execute(f"CREATE SCHEMA {shadow}")
    for projection in projections:
        await projection.create_tables(con, shadow, indexes=False)


async def _bulk(
    store: EventStore,
    tenant: Tenant,
    pool: asyncpg.Pool,
    shadow: str,
    replay: _Replay,
    progress: Progress | None,
) -> int:
    """Everything up to the moment a page comes back empty, folded in memory, then COPYed."""
    total = await pool.fetchval(f"SELECT position FROM {tenant.schema}.head")
    memory, position = MemoryWriter(), 0
    async for page in _read_ahead(store.iter_events(tenant, after=0, batch=PAGE)):
        await replay.apply(memory, page)
        position = page[-1].position
        if progress is not None:
            progress(replay.events, max(total, position))
    async with pool.acquire() as con, con.transaction():
        await memory.copy_to(con, shadow, [t for p in replay.projections for t in p.tables])
        for projection in replay.projections:
            await projection.create_indexes(con, shadow)
    return position


async def _read_ahead(pages: AsyncIterator[list[RecordedEvent]]) -> AsyncIterator[list[RecordedEvent]]:
    """Asks for the next page before the current one is processed, so the server works meanwhile."""
    pending = asyncio.ensure_future(anext(pages))
    try:
        while True:
            try:
                page = await pending
            except StopAsyncIteration:
                return
            pending = asyncio.ensure_future(anext(pages))
            yield page
    finally:
        pending.cancel()


async def _catch_up(
    store: EventStore, tenant: Tenant, pool: asyncpg.Pool, shadow: str, replay: _Replay, position: int
) -> int:
    """What was appended during the bulk replay, without holding up appends."""
    async with pool.acquire() as con:
        async for page in store.iter_events(tenant, after=position, batch=PAGE, con=con):
            async with con.transaction():
                writer = SqlWriter(con, shadow)
                await replay.apply(writer, page)
                await writer.flush()
            position = page[-1].position
    return position


async def _swap(
    store: EventStore, tenant: Tenant, pool: asyncpg.Pool, shadow: str, replay: _Replay, position: int
) -> int:
    """The atomic part: appends wait on the head row while the last events are applied and tables move."""
    live = tenant.schema
    async with pool.acquire() as con, con.transaction():
        head = await con.fetchval(f"SELECT position FROM {live}.head FOR UPDATE")
        writer = SqlWriter(con, shadow)
        async for page in store.iter_events(tenant, after=position, batch=PAGE, con=con):
            await replay.apply(writer, page)
        await writer.flush()
        for projection in replay.projections:
            for table in projection.tables:
                await con.execute(f"DROP TABLE IF EXISTS {live}.{table.name}")
                await con.execute(f"ALTER TABLE {shadow}.{table.name} SET SCHEMA {live}")
        await set_checkpoint(con, live, replay.projections, head)
    return head
