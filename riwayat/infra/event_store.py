"""The per-tenant event store: append-only, gap-free positions, optimistic concurrency, a sha256 chain.

One append is one transaction that
1. locks the tenant's one-row `head` (`SELECT ... FOR UPDATE`) — appends of a tenant are serialised, so
   positions commit in order and are gap-free, without table locks;
2. answers a repeated idempotency key with the first result, appending nothing;
3. checks each stream's version against the version the new events were built on;
4. claims tenant-unique values (a NIP), so a racing duplicate fails here and not by a racy read;
5. inserts the rows with their chained hashes, moves the head, records the idempotency key;
6. runs the inline projector in the same transaction (read-your-writes).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from riwayat.domain.errors import DomainError
from riwayat.infra import deadlines
from riwayat.infra.codec import EventCodec, canonical, chain_hash, check_storable, format_timestamp
from riwayat.infra.database import Database
from riwayat.infra.tenants import Tenant


@dataclass(frozen=True)
class RecordedEvent:
    position: int
    stream_id: UUID
    stream_type: str
    version: int
    topic: str
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: datetime
    effective_on: date | None
    hash: str
    # The domain event this row was made from, when it was just appended (saves the inline projections a
    # decode); None when read back. Not part of the stored row, its equality or its hash.
    domain_event: Any = field(default=None, compare=False, repr=False)

    def canonical(self) -> bytes:
        return canonical(
            position=self.position,
            stream_id=self.stream_id,
            stream_type=self.stream_type,
            version=self.version,
            topic=self.topic,
            data=self.data,
            metadata=self.metadata,
            recorded_at=self.recorded_at,
            effective_on=self.effective_on,
        )

    @property
    def type(self) -> str:
        """`Employee.Hired` from `riwayat.domain.employee:Employee.Hired`."""
        return self.topic.rpartition(":")[2]


@dataclass(frozen=True)
class AppendResult:
    stream_id: UUID
    version: int
    positions: list[int]
    replayed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"stream_id": str(self.stream_id), "version": self.version, "positions": self.positions}

    @classmethod
    def from_json(cls, data: dict[str, Any], *, replayed: bool = False) -> AppendResult:
        return cls(UUID(data["stream_id"]), data["version"], list(data["positions"]), replayed)


@dataclass(frozen=True)
class Claim:
    """A value that must be unique in the tenant for ever, e.g. `Claim("nip", "1986...", stream_id)`."""

    kind: str
    value: str
    stream_id: UUID


@dataclass(frozen=True)
class AppendRequest:
    """One command's events, encoded and checked, waiting for a transaction."""

    encoded: list[tuple[UUID, int, str, dict[str, Any], date | None]]
    first_versions: dict[UUID, int]
    metadata: dict[str, Any]
    idempotency_key: str | None
    claims: tuple[Claim, ...]
    events: tuple[Any, ...] = ()
    # The deadline of the request that made it (epoch seconds; see `riwayat.infra.deadlines`): the
    # committer writes nothing for it once that has passed, its caller having been told so.
    deadline: float | None = field(default_factory=deadlines.current, compare=False)
    # Claims this command gives up (deleted in its transaction, when still held by that stream): a NIP on a
    # transfer out. Minimal stand-in by the onboarding helper until the ledger helper's version lands.
    releases: tuple[Claim, ...] = ()


class ClaimTaken(DomainError):
    code = "DUPLICATE"

    def __init__(self, claim: Claim) -> None:
        super().__init__(f"{claim.kind} {claim.value} is already taken in this tenant")
        self.claim = claim


@dataclass
class LogFilter:
    stream_id: UUID | None = None
    types: Sequence[str] | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None


Projector = Callable[[asyncpg.Connection, Tenant, list[RecordedEvent]], Awaitable[None]]
Clock = Callable[[], datetime]

_COLUMNS = "position, stream_id, stream_type, version, topic, data, metadata, recorded_at, effective_on, hash"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _record(row: asyncpg.Record) -> RecordedEvent:
    return RecordedEvent(*row)


@functools.lru_cache(maxsize=1024)
def stream_type_of(topic: str) -> str:
    """`Employee` from `riwayat.domain.employee:Employee.Hired`."""
    return topic.rpartition(":")[2].partition(".")[0]


class EventStore:
    def __init__(
        self,
        db: Database,
        codec: EventCodec | None = None,
        projector: Projector | None = None,
        clock: Clock = utc_now,
        group_commit: bool = True,
    ) -> None:
        self.db = db
        self.codec = codec or EventCodec()
        self.projector = projector
        self.clock = clock
        self.group_commit = group_commit
        self._committers: dict[str, GroupCommitter] = {}
        # Per tenant, the head as this process last wrote it: a batch is chained on it and written without
        # judging first, when nobody else has moved it meanwhile (see `group_commit._write_on_head`).
        self.heads: dict[str, dict[str, Any]] = {}

    async def append(
        self,
        tenant: Tenant,
        events: Sequence[Any],
        *,
        metadata: dict[str, Any],
        idempotency_key: str | None = None,
        claims: Sequence[Claim] = (),
        releases: Sequence[Claim] = (),
    ) -> AppendResult:
        """Append the new events of one command (domain events carrying originator id and version).

        With group commit on, concurrent appends of one tenant share one transaction (see `group_commit`);
        each caller still gets its own result or its own error.
        """
        request = self._request(events, metadata, idempotency_key, claims, releases)
        if self.group_commit:
            return await self._committer(tenant).submit(request)
        outcome = (await commit_batch(self, tenant, [request]))[0]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _request(
        self,
        events: Sequence[Any],
        metadata: dict[str, Any],
        key: str | None,
        claims: Sequence[Claim],
        releases: Sequence[Claim] = (),
    ) -> AppendRequest:
        if not events:
            raise ValueError("nothing to append")
        check_storable(metadata, "metadata")
        encoded = []
        for event in events:
            topic, data = self.codec.encode_storable(event)
            effective_on = getattr(event, "effective_on", None)
            encoded.append((event.originator_id, event.originator_version, topic, data, effective_on))
        return AppendRequest(
            encoded,
            _first_versions(encoded),
            metadata,
            key,
            tuple(claims),
            tuple(events),
            releases=tuple(releases),
        )

    def _committer(self, tenant: Tenant) -> GroupCommitter:
        committer = self._committers.get(tenant.slug)
        if committer is None:
            committer = self._committers[tenant.slug] = GroupCommitter(self, tenant)
        return committer

    def chain(self, head: asyncpg.Record, requests: Sequence[AppendRequest]) -> list[list[RecordedEvent]]:
        """Positions, timestamps and hashes for the accepted requests, continuing from the head.

        One timestamp for the whole batch (its text form made once): the batch commits as one transaction.
        """
        # recorded_at never goes backwards along the positions, even if the clock does.
        now = self.clock()
        if head["recorded_at"] is not None and now < head["recorded_at"]:
            now = head["recorded_at"]
        now = now.astimezone(UTC)
        stamp = format_timestamp(now)
        position, previous = head["position"], head["hash"]
        chained = []
        for request in requests:
            recorded = []
            metadata = request.metadata
            originals = request.events or (None,) * len(request.encoded)
            for (stream_id, version, topic, data, effective_on), original in zip(
                request.encoded, originals, strict=True
            ):
                position += 1
                stream_type = stream_type_of(topic)
                encoded = canonical(
                    position=position,
                    stream_id=stream_id,
                    stream_type=stream_type,
                    version=version,
                    topic=topic,
                    data=data,
                    metadata=metadata,
                    recorded_at=stamp,
                    effective_on=effective_on,
                )
                previous = chain_hash(previous, encoded)
                recorded.append(
                    RecordedEvent(
                        position,
                        stream_id,
                        stream_type,
                        version,
                        topic,
                        data,
                        metadata,
                        now,
                        effective_on,
                        previous,
                        original,
                    )  # fmt: skip
                )
            chained.append(recorded)
        return chained

    # ---- reads -------------------------------------------------------------------------------------

    async def idempotent_result(self, tenant: Tenant, key: str) -> AppendResult | None:
        pool = await self.db.pool_for_tenant(tenant.slug)
        data = await pool.fetchval(f"SELECT result FROM {tenant.schema}.idempotency_keys WHERE key = $1", key)
        return None if data is None else AppendResult.from_json(data, replayed=True)

    async def head(self, tenant: Tenant) -> tuple[int, str]:
        pool = await self.db.pool_for_tenant(tenant.slug)
        row = await pool.fetchrow(f"SELECT position, hash FROM {tenant.schema}.head")
        return row["position"], row["hash"]

    async def stream_version(self, tenant: Tenant, stream_id: UUID) -> int:
        pool = await self.db.pool_for_tenant(tenant.slug)
        version = await pool.fetchval(
            f"SELECT max(version) FROM {tenant.schema}.events WHERE stream_id = $1", stream_id
        )
        return version or 0

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
            f"SELECT {_COLUMNS} FROM {tenant.schema}.events WHERE stream_id = $1 AND version > $2"
            " AND ($3::int IS NULL OR version <= $3) AND ($4::timestamptz IS NULL OR recorded_at <= $4)"
            " ORDER BY version LIMIT $5",
            stream_id,
            after_version,
            to_version,
            recorded_until,
            limit,
        )
        return [_record(r) for r in rows]

    async def read_stream_effective(self, tenant: Tenant, stream_id: UUID, on: date) -> list[RecordedEvent]:
        """The events legally in force on `on`: TMT on or before it (events without one count from the UTC
        date they were recorded), in TMT order then position — a decree recorded late but effective
        earlier is included and placed where it took effect."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        rows = await pool.fetch(
            f"SELECT {_COLUMNS} FROM {tenant.schema}.events WHERE stream_id = $1"
            " AND coalesce(effective_on, (recorded_at AT TIME ZONE 'UTC')::date) <= $2"
            " ORDER BY coalesce(effective_on, (recorded_at AT TIME ZONE 'UTC')::date), position",
            stream_id,
            on,
        )
        return [_record(r) for r in rows]

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
            f"SELECT {_COLUMNS} FROM {tenant.schema}.events WHERE {' AND '.join(conditions)}"
            " ORDER BY position LIMIT $2",
            *args,
        )
        return [_record(r) for r in rows]

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
        query = (
            f"SELECT {_COLUMNS} FROM {tenant.schema}.events WHERE position > $1 ORDER BY position LIMIT $2"
        )
        while True:
            rows = await (
                con.fetch(query, after, batch) if con is not None else pool.fetch(query, after, batch)
            )
            if not rows:
                return
            page = [_record(r) for r in rows]
            yield page
            after = page[-1].position

    def decode(self, event: RecordedEvent) -> Any:
        if event.domain_event is not None:
            return event.domain_event
        return self.codec.decode(event.topic, event.stream_id, event.version, event.data)


def _first_versions(encoded: list[tuple]) -> dict[UUID, int]:
    first: dict[UUID, int] = {}
    last: dict[UUID, int] = {}
    for stream_id, version, *_ in encoded:
        if stream_id in last and version != last[stream_id] + 1:
            raise ValueError(f"events of stream {stream_id} are not contiguous")
        first.setdefault(stream_id, version)
        last[stream_id] = version
    return first


def _names_of(topic: str) -> set[str]:
    """The names a type filter may use for `riwayat.domain.employee:Employee.Hired`: the topic itself,
    `Employee.Hired` and `Hired`."""
    qualified = topic.partition(":")[2]
    return {topic, qualified, qualified.partition(".")[2]} - {""}


from riwayat.infra.group_commit import GroupCommitter, commit_batch  # noqa: E402  (they use this module's types)
