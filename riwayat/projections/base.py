"""What a projection is, which handlers run for an event, and the inline projector the event store runs
inside the append transaction.

A projection is a class with a `name`, a `version` (bump it when its tables or handlers change: the
projection is then rebuilt), its `tables` (`rows.Table`), and handler methods registered for the domain
event classes they read:

    @handles(Employee.Hired)
    def hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None: ...

The registration names the class, so a reader (or grep) finds every handler of an event from the event, and
it is matched by the class's stored topic (`riwayat.domain.employee:Employee.Hired`). `data` is the event as
stored (read it with `stored`), and the handler writes rows through the writer `w` (`batch.BatchWriter`
inline, `rows.MemoryWriter` in a rebuild). Handlers are plain functions — nothing is awaited per event —
and only touch their own projection's tables, so the same code fills the live schema inline or a shadow
schema during a rebuild. A handler that `get`s a row names its table: `@handles(Employee.Separated,
reads=MEMBERS)`. Every projection is listed once, in `registry.ALL_PROJECTIONS`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar
from uuid import UUID

import asyncpg
from eventsourcing.utils import get_topic, resolve_topic

from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger.records import INLINE_GATE, RecordedEvent
from riwayat.infra.tenants import Tenant
from riwayat.projections.batch import BatchWriter, Params, Statement
from riwayat.projections.rows import Key, MemoryWriter, Table
from riwayat.projections.stored import Data

Writer = BatchWriter | MemoryWriter
Handler = Callable[[Writer, UUID, int, Data], None]
# An event as the projections read it: (position, stream id, stream version, topic, stored data).
Event = tuple[int, UUID, int, str, Data]
_as_event: Callable[[RecordedEvent], Event] = attrgetter("position", "stream_id", "version", "topic", "data")
M = TypeVar("M", bound=Callable[..., None])


def handles(*events: type, reads: Table | None = None) -> Callable[[M], M]:
    """Registers a projection method as the handler of these domain event classes.

    `reads` is the table whose row, keyed by the event's stream id, the handler `get`s: handlers do not
    wait on the database, so the inline writer reads those rows before the batch runs."""
    if not events:
        raise TypeError("@handles needs at least one event class")

    def register(method: M) -> M:
        known = getattr(method, "__handles__", ())
        method.__handles__ = (*known, *((get_topic(e), reads) for e in events))  # type: ignore[attr-defined]
        return method

    return register


class Projection:
    name: str = ""
    version: int = 1
    tables: tuple[Table, ...] = ()
    # Stored topic → (method name, table it reads or None), collected from `@handles` per subclass.
    _handlers: dict[str, tuple[tuple[str, Table | None], ...]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found: dict[str, tuple[tuple[str, Table | None], ...]] = dict(cls._handlers)
        for attr, member in vars(cls).items():
            if attr.startswith("on_") and not hasattr(member, "__handles__"):
                # The old convention (handlers found by name): refused, or it would silently never run.
                raise TypeError(f"{cls.__name__}.{attr}: register handlers with @handles(EventClass)")
            for topic, reads in getattr(member, "__handles__", ()):
                found[topic] = (*found.get(topic, ()), (attr, reads))
        cls._handlers = found

    async def create_tables(self, con: asyncpg.Connection, schema: str, *, indexes: bool = True) -> None:
        """`CREATE ... IF NOT EXISTS` of the tables; bare ones (no primary key, no index) for a rebuild,
        which adds them after its COPY."""
        for table in self.tables:
            await con.execute(table.create_sql(schema, primary_key=indexes))
        if indexes:
            await self.create_indexes(con, schema)

    async def create_indexes(self, con: asyncpg.Connection, schema: str) -> None:
        for table in self.tables:
            for sql in table.index_sql(schema):
                await con.execute(sql)

    def handlers_for(self, topic: str) -> list[Handler]:
        """The methods registered for the event class stored under `topic` (none when not interested)."""
        return [getattr(self, attr) for attr, _ in self._handlers.get(topic, ())]

    def reads_for(self, topic: str) -> list[Table]:
        """The tables whose rows the handlers of `topic` `get`."""
        return [table for _, table in self._handlers.get(topic, ()) if table is not None]

    @classmethod
    def topics(cls) -> list[str]:
        """Every stored topic some handler of this projection is registered for."""
        return list(cls._handlers)


class Dispatch:
    """The handlers of some projections for each stored topic, resolved once per topic: a rebuild's loop
    does one dict lookup per event (`dispatch.handlers.get(topic)`, `dispatch.resolve` on a miss)."""

    def __init__(self, projections: Sequence[Projection], codec: EventCodec) -> None:
        self.projections = list(projections)
        self.codec = codec
        self.handlers: dict[str, tuple[Handler, ...]] = {}
        # Topic → (its handlers, without the upcasting wrapper; the class's current version): for events
        # just encoded by this code (`_handle_appended`), which are of the current version.
        self.current: dict[str, tuple[tuple[Handler, ...], int]] = {}
        self._reads: dict[str, list[Table]] = {}

    def resolve(self, topic: str) -> tuple[Handler, ...]:
        found = self.handlers.get(topic)
        if found is None:
            found = self.resolve_current(topic)[0]
            if found and self.current[topic][1] > 1:
                found = (self._upcasting(topic, found),)
            self.handlers[topic] = found
        return found

    def resolve_current(self, topic: str) -> tuple[tuple[Handler, ...], int]:
        found = self.current.get(topic)
        if found is None:
            handlers = tuple(h for p in self.projections for h in p.handlers_for(topic))
            version = getattr(resolve_topic(topic), "class_version", 1) if handlers else 1
            found = self.current[topic] = handlers, version
        return found

    def reads(self, topic: str) -> list[Table]:
        """The tables whose rows the handlers of `topic` `get` (cached: asked for every appended event)."""
        found = self._reads.get(topic)
        if found is None:
            tables = (t for p in self.projections for t in p.reads_for(topic))
            found = self._reads[topic] = list(dict.fromkeys(tables))
        return found

    def _upcasting(self, topic: str, handlers: tuple[Handler, ...]) -> Handler:
        """Handlers read the stored form of the event class as it is now. An event stored by an earlier
        `class_version` goes through the domain's upcasts first (decoded, upcast, encoded again)."""
        current, codec = resolve_topic(topic).class_version, self.codec

        def handle(w: Writer, stream_id: UUID, version: int, data: Data) -> None:
            if data.get("class_version", 1) < current:
                data = codec.encode(codec.decode(topic, stream_id, version, data))[1]
            for h in handlers:
                h(w, stream_id, version, data)

        return handle


async def project(
    con: asyncpg.Connection,
    schema: str,
    dispatch: Dispatch,
    events: Sequence[Event],
    then: Statement | None = None,
) -> None:
    """Apply `events` (consecutive, in position order) to the tables in `schema`, in the caller's
    transaction: the rows `get` needs are read first, then the handlers run, then the writes go out (with
    `then`, see `BatchWriter.flush`)."""
    writer = BatchWriter(con, schema)
    wanted: dict[Table, set[Key]] = {}
    for _, stream_id, _, topic, _ in events:
        for table in dispatch.reads(topic):
            wanted.setdefault(table, set()).add((stream_id,))
    for table, keys in wanted.items():
        await writer.load(table, keys)
    _handle(writer, dispatch, events)
    await writer.flush(then)


def _handle(writer: Writer, dispatch: Dispatch, events: Sequence[Event]) -> None:
    by_topic = dispatch.handlers
    for position, stream_id, version, topic, data in events:
        handlers = by_topic.get(topic) or dispatch.resolve(topic)
        if handlers:
            writer.position = position
            for handle in handlers:
                handle(writer, stream_id, version, data)


def _handle_appended(writer: Writer, dispatch: Dispatch, events: Sequence[Event]) -> None:
    """`_handle` for the events of an append: encoded by this code, so of their class's current version
    (checked; an older one goes through the upcasts), their handlers called without a wrapper."""
    current = dispatch.current
    for position, stream_id, version, topic, data in events:
        handlers, class_version = current.get(topic) or dispatch.resolve_current(topic)
        if handlers:
            if class_version > 1 and data.get("class_version", 1) < class_version:
                handlers = dispatch.resolve(topic)
            writer.position = position
            for handle in handlers:
                handle(writer, stream_id, version, data)


def move_checkpoints(schema: str, projections: Sequence[Projection] | list[str], position: int) -> Statement:
    """The statement that keeps the checkpoints at `position`, the head the batch leaves (sent with the
    batch's writes, as their last part). The projections commit with the events, so their checkpoints are
    at the head: NULL, which readers read as the head's position (`registry.checkpoints`). Only a checkpoint
    still holding a position (a new one, or one set by a rebuild) is written, so a batch usually updates
    no row at all. The version is written only with a new checkpoint (by provisioning:
    `registry.provision`) or by a rebuild (`set_checkpoint`): a projection whose code changed stays
    marked stale until it is rebuilt. `projections` may be given by their names (the inline projector's,
    made once)."""
    names = _literal(projections if isinstance(projections, tuple) else _names(projections))

    def sql(params: Params, gate: str | None) -> str:
        return (
            f"UPDATE {schema}.projection_checkpoints SET position = NULL"
            f" WHERE name IN ({names}) AND position IS NOT NULL{'' if gate is None else f' AND {gate}'}"
        )

    return sql


def _names(projections: Sequence[Projection] | list[str]) -> tuple[str, ...]:
    return tuple(p if isinstance(p, str) else p.name for p in projections)


@functools.lru_cache(maxsize=64)
def _literal(names: tuple[str, ...]) -> str:
    """The names as SQL text literals: they are code constants, and as one array parameter asyncpg
    encoded (and type-checked) each of them for every batch."""
    return ", ".join("'" + name.replace("'", "''") + "'" for name in names) or "NULL"  # none: no row


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

    def __init__(self, projections: Sequence[Projection], codec: EventCodec) -> None:
        self.projections = list(projections)
        self.dispatch = Dispatch(projections, codec)
        self._names = tuple(p.name for p in self.projections)  # as `move_checkpoints` takes them made
        self._without_reads: set[str] = set()  # topics whose handlers `get` no row (asked once per topic)

    async def __call__(self, con: asyncpg.Connection, tenant: Tenant, recorded: list[RecordedEvent]) -> None:
        events = list(map(_as_event, recorded))
        checkpoints = move_checkpoints(tenant.schema, self._names, recorded[-1].position)
        await project(con, tenant.schema, self.dispatch, events, then=checkpoints)

    def statements(self, tenant: Tenant, recorded: list[RecordedEvent]) -> list[tuple[str, list[Any]]] | None:
        """The batch's writes and checkpoint move as statements that the event store joins to its own
        append statement (one round trip and one commit for the whole batch), each writing only when the
        store's `INLINE_GATE` holds. None when a handler must read rows first (`@handles(..., reads=)`) or the
        writes cannot be one statement: the store then calls the projector in its transaction."""
        topics = {r.topic for r in recorded}
        if not topics <= self._without_reads:
            if any(self.dispatch.reads(topic) for topic in topics):
                return None
            self._without_reads |= topics
        events = list(map(_as_event, recorded))
        writer = BatchWriter(None, tenant.schema)  # never sends anything itself
        _handle_appended(writer, self.dispatch, events)
        checkpoints = move_checkpoints(tenant.schema, self._names, recorded[-1].position)
        return writer.statements(checkpoints, INLINE_GATE)
