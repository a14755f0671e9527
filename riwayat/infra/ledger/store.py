"""The per-tenant event store: append-only, gap-free positions, optimistic concurrency, a sha256 chain.

The facade the application and the projections use. An append (see `committer` for how it is written):
1. locks the tenant's one-row `head` — appends of a tenant are serialised, so positions commit in order
   and are gap-free, without table locks;
2. answers a repeated idempotency key with the first result (refuses it for another request);
3. checks each stream's version against the version the new events were built on;
4. claims tenant-unique values (a NIP), so a racing duplicate fails here and not by a racy read, and
   releases the claims a command gives up;
5. inserts the rows with their chained hashes, the command's id, moves the head, records the key;
6. runs the inline projector in the same transaction (read-your-writes).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from riwayat.domain.errors import key_reused
from riwayat.infra.codec import EventCodec, check_storable
from riwayat.infra.database import Database
from riwayat.infra.ledger.chain import first_versions
from riwayat.infra.ledger.committer import Committer, Observer
from riwayat.infra.ledger.ids import new_command_id
from riwayat.infra.ledger.records import (
    AppendRequest,
    AppendResult,
    Claim,
    LogFilter,
    Projector,
    RecordedEvent,
    utc_now,
)
from riwayat.infra.ledger.statements import COLUMNS
from riwayat.infra.tenants import Tenant


def _record(row: asyncpg.Record) -> RecordedEvent:
    return RecordedEvent.of(*row)


class EventStore:
    def __init__(
        self,
        db: Database,
        codec: EventCodec | None = None,
        projector: Projector | None = None,
        clock: Callable[[], datetime] = utc_now,
        group_commit: bool = True,
        observer: Observer | None = None,
        privacy: Any = None,
    ) -> None:
        self.db = db
        # `riwayat.infra.privacy.Privacy` (None: personal fields stored as given, as before issue 19).
        self.privacy = privacy
        if privacy is not None:  # new data keys are written with the events that use them
            projector = privacy.projector(projector)
        self.codec = codec or EventCodec()
        self.group_commit = group_commit
        self._projector, self._clock, self._observer = projector, clock, observer
        self._committers: dict[str, Committer] = {}

    @property
    def projector(self) -> Projector | None:
        return self._projector

    async def append(
        self,
        tenant: Tenant,
        events: Sequence[Any],
        *,
        metadata: dict[str, Any],
        idempotency_key: str | None = None,
        fingerprint: str | None = None,
        claims: Sequence[Claim] = (),
        releases: Sequence[Claim] = (),
        command_id: str | None = None,
    ) -> AppendResult:
        """Append the new events of one command (domain events carrying originator id and version).

        With group commit on, concurrent appends of one tenant share one transaction (see `committer`);
        each caller still gets its own result or its own error. `releases`: claims the command's streams
        give up (deleted only where that stream holds them), e.g. the NIP of a person who transfers out.
        """
        request = self.request(events, metadata, idempotency_key, fingerprint, claims, releases, command_id)
        if self.privacy is None:
            return await self._commit(tenant, request)
        await self.privacy.seal(tenant, events, request)  # personal fields encrypted before chaining
        try:
            result = await self._commit(tenant, request)
        except BaseException:
            self.privacy.settle(tenant, request, written=False)
            raise
        self.privacy.settle(tenant, request, written=not result.replayed)
        return result

    async def _commit(self, tenant: Tenant, request: AppendRequest) -> AppendResult:
        committer = self.committer(tenant)
        if self.group_commit:
            return await committer.submit(request)
        return await committer.commit_alone(request)

    def append_later(
        self,
        tenant: Tenant,
        events: Sequence[Any],
        *,
        metadata: dict[str, Any],
        idempotency_key: str | None = None,
        fingerprint: str | None = None,
        claims: Sequence[Claim] = (),
        releases: Sequence[Claim] = (),
    ) -> asyncio.Future[AppendResult]:
        """`append`, answered by the future returned (its error too: a refused encoding included), with
        the request queued for the next batch before this returns. With group commit no task is made per
        command: the batch answers the future itself."""
        try:
            request = self.request(events, metadata, idempotency_key, fingerprint, claims, releases)
        except Exception as error:  # noqa: BLE001 - the caller hears of it from the future, as from a task
            refused = asyncio.get_running_loop().create_future()
            refused.set_exception(error)
            return refused
        committer = self.committer(tenant)
        if self.group_commit:
            return committer.enqueue(request)
        return asyncio.ensure_future(committer.commit_alone(request))

    def request(
        self,
        events: Sequence[Any],
        metadata: dict[str, Any],
        key: str | None = None,
        fingerprint: str | None = None,
        claims: Sequence[Claim] = (),
        releases: Sequence[Claim] = (),
        command_id: str | None = None,
    ) -> AppendRequest:
        """The events encoded and checked (floats and NUL refused before anything is sent)."""
        if not events:
            raise ValueError("nothing to append")
        check_storable(metadata, "metadata")
        encoded = []
        for event in events:
            topic, data = self.codec.encode_storable(event)
            effective_on = getattr(event, "effective_on", None)
            encoded.append((event.originator_id, event.originator_version, topic, data, effective_on))
        command_id = command_id or key or new_command_id()
        return AppendRequest.of(
            encoded,
            first_versions(encoded),
            metadata,
            command_id,
            key,
            fingerprint,
            tuple(claims),
            tuple(releases),
        )

    def committer(self, tenant: Tenant) -> Committer:
        committer = self._committers.get(tenant.slug)
        if committer is None:
            committer = Committer(self.db, tenant, self._projector, self._clock, self._observer)
            self._committers[tenant.slug] = committer
        return committer

    # ---- reads -------------------------------------------------------------------------------------

    async def idempotent_result(
        self, tenant: Tenant, key: str, fingerprint: str | None = None
    ) -> AppendResult | None:
        """The first result of `key`, if it was used; `IdempotencyKeyReused` if it was used for a request
        with another fingerprint (a key stored without one matches every request)."""
        pool = await self.db.pool_for_tenant(tenant.slug)
        row = await pool.fetchrow(
            f"SELECT result, fingerprint FROM {tenant.schema}.idempotency_keys WHERE key = $1", key
        )
        if row is None:
            return None
        if row["fingerprint"] is not None and fingerprint is not None and row["fingerprint"] != fingerprint:
            raise key_reused(key)
        return AppendResult.from_json(row["result"], replayed=True)

    async def head(self, tenant: Tenant) -> tuple[int, str]:
        """The tenant's head as last committed: (position, hash)."""
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
            f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE stream_id = $1 AND version > $2"
            " AND ($3::int IS NULL OR version <= $3) AND ($4::timestamptz IS NULL OR recorded_at <= $4)"
            " ORDER BY version LIMIT $5",
            stream_id,
            after_version,
            to_version,
            recorded_until,
            limit,
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
            f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE {' AND '.join(conditions)}"
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
        query = f"SELECT {COLUMNS} FROM {tenant.schema}.events WHERE position > $1 ORDER BY position LIMIT $2"
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
        return self.codec.decode(event.topic, event.stream_id, event.version, event.data)


def _names_of(topic: str) -> set[str]:
    """The names a type filter may use for `riwayat.domain.employee:Employee.Hired`: the topic itself,
    `Employee.Hired` and `Hired`."""
    qualified = topic.partition(":")[2]
    return {topic, qualified, qualified.partition(".")[2]} - {""}
