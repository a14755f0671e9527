"""Rebuild projections from the ledger while the API keeps serving and appending, then swap them in.

1. Fresh tables in a shadow schema `{schema}_rebuild` (dropped first: a crashed rebuild leaves one), made
   while the first pages are read.
2. Replay every event in position order (keyset pages of the columns handlers read, the next page asked
   for while one is folded, slice by slice) into `MemoryWriter`, until a page comes back empty; COPY each
   table once, then build its primary key and indexes.
3. Catch up, without any lock, on what was appended meanwhile (`BatchWriter` into the shadow tables).
4. One short transaction: lock the tenant's head (appends wait, readers do not), replay the last few
   events, drop the live tables, `ALTER TABLE ... SET SCHEMA` the shadow ones into place, and set the
   checkpoints (with the code versions) to the head position. Readers see the old tables or the new ones,
   never a mixture.
A session advisory lock keeps two rebuilds of one tenant from sharing the shadow schema.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import asyncpg
import orjson
from asyncpg.pgproto.pgproto import UUID  # the driver's own, as a query returns it

from riwayat.projections import registry
from riwayat.projections.base import Dispatch, Event, Projection, project, set_checkpoint
from riwayat.projections.rows import MemoryWriter, Table

if TYPE_CHECKING:
    from riwayat.infra.ledger.records import EventLog as EventStore
    from riwayat.infra.tenants import Tenant

Progress = Callable[[int, int], None]
PAGE = 10_000
# Events folded between two turns of the event loop: a page is folded slice by slice, and each turn lets
# asyncpg drain the socket, so the server keeps producing the next page instead of stalling on a full
# socket buffer (a few hundred kB, a small part of a page) until the whole page is folded.
SLICE = 500
# Only what handlers read: the rest of the row (metadata, hash, timestamps) would be decoded for nothing.
# `data` comes as text and is parsed only for events some projection reads; `stream_id` as text, see
# `_Replay.streams`.
_READ = "SELECT position, stream_id::text, version, topic, data::text FROM {schema}.events"
# For the transactions that fill the shadow schema: their commits need not wait for the WAL to reach the
# disk. The swap's commit waits for its own WAL record, and so for everything logged before it; a crash
# before that loses only a shadow schema, which the next rebuild drops.
_NO_FLUSH = "SET LOCAL synchronous_commit TO OFF"


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
    """The projections being rebuilt, their handlers by topic, and the count of events read."""

    def __init__(self, store: EventStore, projections: list[Projection]) -> None:
        self.projections = projections
        self.dispatch = Dispatch(projections, store.codec)
        self.events = 0
        # Stream id as read (text) → one UUID per stream. A UUID fresh from the driver hashes its 16
        # bytes on first use (the writer's keys), once per event; the text's hash is cheaper, and the
        # stream's one UUID keeps its hash.
        self.streams: dict[str, UUID] = {}

    def stream(self, text: str) -> UUID:
        found = self.streams.get(text)
        if found is None:
            found = self.streams[text] = UUID(text)
        return found

    def fold(self, memory: MemoryWriter, page: list[asyncpg.Record]) -> None:
        """The hot loop of a rebuild: per event one dict lookup, its JSON parsed only when some handler
        reads it, and plain calls to the handlers (the upcasting wrapper only for an event stored by an
        earlier `class_version`, as `_handle_appended` does)."""
        current, resolve_current, loads = self.dispatch.current, self.dispatch.resolve_current, orjson.loads
        streams, stream = self.streams, self.stream
        for position, stream_id, version, topic, data in page:
            handlers, class_version = current.get(topic) or resolve_current(topic)
            if handlers:
                memory.position = position
                data = loads(data)
                if class_version > 1 and data.get("class_version", 1) < class_version:
                    handlers = self.dispatch.resolve(topic)
                stream_id = streams.get(stream_id) or stream(stream_id)
                for handle in handlers:
                    handle(memory, stream_id, version, data)
        self.events += len(page)

    async def apply(self, con: asyncpg.Connection, schema: str, page: list[asyncpg.Record]) -> None:
        """A page of what was appended since the bulk read, written as SQL into the shadow tables."""
        stream = self.stream
        events: list[Event] = [(p, stream(s), v, t, orjson.loads(d)) for p, s, v, t, d in page]
        await project(con, schema, self.dispatch, events)
        self.events += len(page)


async def _pages(con: asyncpg.Connection, schema: str, after: int) -> AsyncIterator[list[asyncpg.Record]]:
    """Every event after `after` in position order, in keyset pages (no long-open cursor)."""
    query = _READ.format(schema=schema) + " WHERE position > $1 ORDER BY position LIMIT $2"
    while rows := await con.fetch(query, after, PAGE):
        yield rows
        after = rows[-1][0]


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
            position = await _bulk(tenant, pool, guard, shadow, replay, progress)
            position = await _catch_up(tenant, pool, shadow, replay, position)
            head = await _swap(tenant, pool, shadow, replay, position)
        finally:
            await guard.execute(f"DROP SCHEMA IF EXISTS {shadow} CASCADE")
            await guard.execute("SELECT pg_advisory_unlock(hashtext($1))", shadow)
    if progress is not None:
        progress(replay.events, replay.events)
    return RebuildReport([p.name for p in projections], replay.events, head, time.perf_counter() - started)


async def _create_shadow(con: asyncpg.Connection, shadow: str, projections: list[Projection]) -> None:
    """One transaction, not one commit per table; not waiting for its WAL flush (see `_NO_FLUSH`)."""
    async with con.transaction():
        await con.execute(_NO_FLUSH)
        await con.execute(f"DROP SCHEMA IF EXISTS {shadow} CASCADE")
        await con.execute(f"CREATE SCHEMA {shadow}")
        for projection in projections:
            await projection.create_tables(con, shadow, indexes=False)


async def _bulk(
    tenant: Tenant,
    pool: asyncpg.Pool,
    guard: asyncpg.Connection,
    shadow: str,
    replay: _Replay,
    progress: Progress | None,
) -> int:
    """Everything up to the moment a page comes back empty, folded in memory, then COPYed. The shadow
    tables are made on the guard connection meanwhile: the first pages need not wait for their DDL."""
    memory, position = MemoryWriter(), 0
    with _no_cycles_to_collect():
        creating = asyncio.ensure_future(_create_shadow(guard, shadow, replay.projections))
        try:
            async with pool.acquire() as con:
                total = await con.fetchval(f"SELECT position FROM {tenant.schema}.head")
                async for page in _read_ahead(_pages(con, tenant.schema, 0)):
                    for start in range(0, len(page), SLICE):  # see SLICE
                        replay.fold(memory, page[start : start + SLICE])
                        await asyncio.sleep(0)
                    position = page[-1][0]
                    if progress is not None:
                        progress(replay.events, max(total, position))
        finally:
            # Whatever happened, the guard connection is idle again before `rebuild` uses it.
            await asyncio.gather(creating, return_exceptions=True)
        creating.result()
        await _load_all(pool, shadow, memory, [t for p in replay.projections for t in p.tables])
    return position


@contextlib.contextmanager
def _no_cycles_to_collect() -> Iterator[None]:
    """Pauses the cyclic garbage collector while the rows are folded and COPYed.

    The rows are millions of small dicts, tuples and UUIDs (all tracked by the collector) that never form
    cycles; the collector's full passes over them, ever longer as they grow, took half of a rebuild's
    time. Reference counting still frees everything at once; collection resumes when this ends. A rebuild
    runs at start-up before serving, or in the CLI, so nothing else in the process waits on it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def _load_all(pool: asyncpg.Pool, shadow: str, memory: MemoryWriter, tables: list[Table]) -> None:
    """The tables load side by side, the biggest first (the last to finish decides when the rebuild
    does); the empty ones only get their keys and indexes, all in one round trip."""
    size = {t.name: len(memory.rows.get(t.name, ())) for t in tables}
    empty = [t for t in tables if not size[t.name]]
    full = sorted((t for t in tables if size[t.name]), key=lambda t: size[t.name], reverse=True)
    await asyncio.gather(_index(pool, shadow, empty), *(_load(pool, shadow, memory, t) for t in full))


async def _load(pool: asyncpg.Pool, shadow: str, memory: MemoryWriter, table: Table) -> None:
    """COPY one table, then build its primary key and indexes (by sorting, not row by row): while the
    server takes one table's rows, this process encodes another's."""
    async with pool.acquire() as con, con.transaction():
        await memory.copy_to(con, shadow, table)
        await con.execute(_index_sql(shadow, [table]))


async def _index(pool: asyncpg.Pool, shadow: str, tables: list[Table]) -> None:
    if tables:
        async with pool.acquire() as con, con.transaction():
            await con.execute(_index_sql(shadow, tables))


def _index_sql(shadow: str, tables: list[Table]) -> str:
    return "; ".join(
        [_NO_FLUSH, *(s for t in tables for s in (t.primary_key_sql(shadow), *t.index_sql(shadow)))]
    )


async def _read_ahead(pages: AsyncIterator[list[asyncpg.Record]]) -> AsyncIterator[list[asyncpg.Record]]:
    """Sends the query for the next page before the current one is processed, so the server works
    meanwhile (the `sleep(0)` lets the fetch go out: processing a page never yields to the loop)."""
    pending = asyncio.ensure_future(anext(pages))
    try:
        while True:
            try:
                page = await pending
            except StopAsyncIteration:
                return
            pending = asyncio.ensure_future(anext(pages))
            await asyncio.sleep(0)
            yield page
    finally:
        pending.cancel()


async def _catch_up(tenant: Tenant, pool: asyncpg.Pool, shadow: str, replay: _Replay, position: int) -> int:
    """What was appended during the bulk replay, without holding up appends."""
    async with pool.acquire() as con:
        async for page in _pages(con, tenant.schema, position):
            async with con.transaction():
                await replay.apply(con, shadow, page)
            position = page[-1][0]
    return position


async def _swap(tenant: Tenant, pool: asyncpg.Pool, shadow: str, replay: _Replay, position: int) -> int:
    """The atomic part: appends wait on the head row while the last events are applied and tables move."""
    live = tenant.schema
    async with pool.acquire() as con, con.transaction():
        # Appends lock the head before any projection table: a judged one locks its row first, one written
        # as a single statement the head table. Taking the whole head table (readers still pass), then the
        # tables, the swap never holds what a waiting append holds while waiting for what it holds.
        await con.execute(f"LOCK TABLE {live}.head IN EXCLUSIVE MODE")
        head = await con.fetchval(f"SELECT position FROM {live}.head")
        async for page in _pages(con, live, position):
            await replay.apply(con, shadow, page)
        names = [t.name for p in replay.projections for t in p.tables]
        moves = [
            f"DROP TABLE IF EXISTS {live}.{n}; ALTER TABLE {shadow}.{n} SET SCHEMA {live}" for n in names
        ]
        moves.append(f"DROP SCHEMA {shadow}")  # empty now; `rebuild`'s own DROP then has nothing to commit
        await con.execute("; ".join(moves))  # one round trip: appends are waiting
        await set_checkpoint(con, live, replay.projections, head)
    return head
