"""What a projection is, and the inline projector that runs them inside the append transaction.

A projection is a class with a `name`, a `version` (bump it when its tables or handlers change: the
projection is then rebuilt), its `tables` (`rows.Table`), and handler methods named after the events they
read: `on_Employee_Hired(w, rec, event)` handles `Employee.Hired` and writes rows through the writer `w`
(`rows.SqlWriter` inline, `rows.MemoryWriter` in a rebuild). Handlers only touch their own projection's
tables, so the same code can fill the live schema inline or a shadow schema during a rebuild.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import asyncpg

from riwayat.infra.event_store import RecordedEvent
from riwayat.infra.tenants import Tenant
from riwayat.projections.rows import MemoryWriter, SqlWriter, Table

Writer = SqlWriter | MemoryWriter
Handler = Callable[[Writer, RecordedEvent, Any], Awaitable[None]]
Decoder = Callable[[RecordedEvent], Any]


class Projection:
    name: str = ""
    version: int = 1
    tables: tuple[Table, ...] = ()

    async def create_tables(self, con: asyncpg.Connection, schema: str, *, indexes: bool = True) -> None:
        """`CREATE ... IF NOT EXISTS` of the tables (a rebuild adds the indexes after its COPY)."""
        for table in self.tables:
            await con.execute(table.create_sql(schema))
        if indexes:
            await self.create_indexes(con, schema)

    async def create_indexes(self, con: asyncpg.Connection, schema: str) -> None:
        for table in self.tables:
            for sql in table.index_sql(schema):
                await con.execute(sql)

    def handler(self, event_type: str) -> Handler | None:
        """The method for `Employee.Hired` is `on_Employee_Hired`; None when not interested."""
        return getattr(self, "on_" + event_type.replace(".", "_"), None)

    def handler_for(self, topic: str) -> Handler | None:
        """`handler` by stored topic, cached: a rebuild asks once per event per projection."""
        cache = self.__dict__.setdefault("_by_topic", {})
        try:
            return cache[topic]
        except KeyError:
            cache[topic] = found = self.handler(topic.rpartition(":")[2])
            return found

    async def apply(
        self, con: asyncpg.Connection, schema: str, items: Sequence[tuple[RecordedEvent, Any]]
    ) -> None:
        writer = SqlWriter(con, schema)
        await self.apply_to(writer, items)
        await writer.flush()

    async def apply_to(self, writer: Writer, items: Sequence[tuple[RecordedEvent, Any]]) -> None:
        for rec, event in items:
            handle = self.handler_for(rec.topic)
            if handle is not None:
                writer.position = rec.position
                await handle(writer, rec, event)


async def save_checkpoint(
    con: asyncpg.Connection, schema: str, projections: Sequence[Projection], position: int
) -> None:
    """Moves the positions. The version is written only with a new checkpoint or by a rebuild
    (`set_checkpoint`): a projection whose code changed stays marked stale until it is rebuilt."""
    await con.executemany(
        f"INSERT INTO {schema}.projection_checkpoints (name, version, position) VALUES ($1, $2, $3)"
        " ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position",
        [(p.name, p.version, position) for p in projections],
    )


async def set_checkpoint(
    con: asyncpg.Connection,
    schema: str,
    projections: Sequence[Projection],
    position: int,
    *,
    version: bool = True,
) -> None:
    """Position and code version, after a rebuild (or 0 to mark a projection for rebuilding)."""
    await con.executemany(
        f"INSERT INTO {schema}.projection_checkpoints (name, version, position) VALUES ($1, $2, $3)"
        " ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version",
        [(p.name, p.version if version else 0, position) for p in projections],
    )


class InlineProjector:
    """Called by the event store in the append transaction: rows and checkpoints commit with the events."""

    def __init__(self, projections: Sequence[Projection], decode: Decoder) -> None:
        self.projections = list(projections)
        self.decode = decode

    async def __call__(self, con: asyncpg.Connection, tenant: Tenant, recorded: list[RecordedEvent]) -> None:
        items = [(rec, self.decode(rec)) for rec in recorded]
        writer = SqlWriter(con, tenant.schema)
        for projection in self.projections:
            await projection.apply_to(writer, items)
        await writer.flush()
        await save_checkpoint(con, tenant.schema, self.projections, recorded[-1].position)
