"""What a projection is, and the inline projector that runs them inside the append transaction.

A projection is a class with a `name`, a `version` (bump it when its tables or handlers change: the
projection is then rebuilt), `create_tables(con, schema)`, and handler methods named after the events they
read: `on_Employee_Hired(con, schema, rec, event)` handles `Employee.Hired`. Handlers only touch their own
projection's tables, so the same code can fill the live schema inline or a shadow schema during a rebuild.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import asyncpg

from riwayat.infra.event_store import RecordedEvent
from riwayat.infra.tenants import Tenant

Handler = Callable[[asyncpg.Connection, str, RecordedEvent, Any], Awaitable[None]]
Decoder = Callable[[RecordedEvent], Any]


class Projection:
    name: str = ""
    version: int = 1
    tables: tuple[str, ...] = ()

    async def create_tables(self, con: asyncpg.Connection, schema: str) -> None:
        raise NotImplementedError

    def handler(self, event_type: str) -> Handler | None:
        """The method for `Employee.Hired` is `on_Employee_Hired`; None when not interested."""
        return getattr(self, "on_" + event_type.replace(".", "_"), None)

    async def apply(
        self, con: asyncpg.Connection, schema: str, items: Sequence[tuple[RecordedEvent, Any]]
    ) -> None:
        for rec, event in items:
            handle = self.handler(rec.type)
            if handle is not None:
                await handle(con, schema, rec, event)


async def save_checkpoint(
    con: asyncpg.Connection, schema: str, projections: Sequence[Projection], position: int
) -> None:
    await con.executemany(
        f"INSERT INTO {schema}.projection_checkpoints (name, version, position) VALUES ($1, $2, $3)"
        " ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version",
        [(p.name, p.version, position) for p in projections],
    )


class InlineProjector:
    """Called by the event store in the append transaction: rows and checkpoints commit with the events."""

    def __init__(self, projections: Sequence[Projection], decode: Decoder) -> None:
        self.projections = list(projections)
        self.decode = decode

    async def __call__(self, con: asyncpg.Connection, tenant: Tenant, recorded: list[RecordedEvent]) -> None:
        items = [(rec, self.decode(rec)) for rec in recorded]
        for projection in self.projections:
            await projection.apply(con, tenant.schema, items)
        await save_checkpoint(con, tenant.schema, self.projections, recorded[-1].position)
