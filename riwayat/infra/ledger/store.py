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
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from riwayat.domain.errors import key_reused
from riwayat.infra.codec import EventCodec, check_storable
from riwayat.infra.database import Database
from riwayat.infra.ledger.calls import Call, Handler
from riwayat.infra.ledger.chain import first_versions
from riwayat.infra.ledger.committer import Committer, Observer
from riwayat.infra.ledger.handoff import Relay
from riwayat.infra.ledger.ids import new_command_id
from riwayat.infra.ledger.reads import LedgerReads
from riwayat.infra.ledger.records import (
    AppendRequest,
    AppendResult,
    Claim,
    Projector,
    RecordedEvent,
    utc_now,
)
from riwayat.infra.tenants import Tenant


class EventStore(LedgerReads):
    def __init__(
        self,
        db: Database,
        codec: EventCodec | None = None,
        projector: Projector | None = None,
        clock: Callable[[], datetime] = utc_now,
        group_commit: bool = True,
        observer: Observer | None = None,
        privacy: Any = None,
        handoff: bool = False,
    ) -> None:
        """`handoff`: once another process is seen writing to a tenant, its workers on this host elect one
        writer for it and the others hand it their batches (`riwayat.infra.ledger.handoff`); the server
        turns it on, so that its workers do not slow each other's appends down."""
        self.db = db
        self.handoff = handoff
        # `riwayat.infra.privacy.Privacy` (None: personal fields stored as given, as before issue 19).
        self.privacy = privacy
        if privacy is not None:  # new data keys are written with the events that use them
            projector = privacy.projector(projector)
        self.codec = codec or EventCodec()
        self.group_commit = group_commit
        self._projector, self._clock, self._observer = projector, clock, observer
        self._committers: dict[str, Committer] = {}
        self._run_call: Handler | None = None

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
            return await committer.enqueue(request)
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
        kept: bool = False,
        command_id: str | None = None,
    ) -> asyncio.Future[AppendResult]:
        """`append`, answered by the future returned (its error too: a refused encoding included), with
        the request queued for the next batch before this returns. With group commit no task is made per
        command: the batch answers the future itself. Events with personal fields take `append`'s way
        (their fields are sealed first, which may wait for a data key). `kept`: cancelling the future
        (its caller stops waiting) does not cancel the append, as if it were awaited through `shield`."""
        if self.privacy is not None and any(self.privacy.fields_of(type(e)) for e in events):
            return _kept(asyncio.ensure_future(self.append(
                tenant, events, metadata=metadata, idempotency_key=idempotency_key, fingerprint=fingerprint,
                claims=claims, releases=releases, command_id=command_id,
            )), kept)  # fmt: skip
        try:
            request = self.request(
                events, metadata, idempotency_key, fingerprint, claims, releases, command_id
            )
        except Exception as error:  # noqa: BLE001 - the caller hears of it from the future, as from a task
            refused = asyncio.get_running_loop().create_future()
            refused.set_exception(error)
            return refused
        committer = self._committers.get(tenant.slug) or self.committer(tenant)
        if self.group_commit:
            return committer.enqueue(request, kept=kept)
        return _kept(asyncio.ensure_future(committer.commit_alone(request)), kept)

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
            {encoded[0][0]: encoded[0][1]} if len(encoded) == 1 else first_versions(encoded),
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
            if self.handoff:
                url = self.db.settings.tenant_database_urls.get(tenant.slug) or self.db.url
                committer.relay = Relay(committer, url, self._local_only)
                committer.relay.run_call = self._run_call
            self._committers[tenant.slug] = committer
        return committer

    def serve_calls(self, handler: Handler) -> None:
        """How this process runs the commands other workers hand it whole while it writes (`calls`)."""
        self._run_call = handler
        for committer in self._committers.values():
            if committer.relay is not None:
                committer.relay.run_call = handler

    def forwards(self, tenant: Tenant) -> bool:
        """Whether another process writes this tenant's appends for this one (`handoff`)."""
        committer = self._committers.get(tenant.slug)
        return committer is not None and committer.relay is not None and committer.relay.forwarding

    def forward_call(self, tenant: Tenant, call: Call) -> asyncio.Future | None:
        """The tenant's writer's answer to `call` when another process writes for this one, else None."""
        committer = self._committers.get(tenant.slug)
        relay = None if committer is None else committer.relay
        return None if relay is None else relay.forward_call(call)

    def _local_only(self, request: AppendRequest) -> bool:
        """Whether `request` names a data key that only this process holds until it is written with it."""
        pending = self.privacy.pending if self.privacy is not None else None
        if not pending:
            return False
        return any(
            type(value) is dict and value.get("k") in pending
            for *_, data, _ in request.encoded
            for value in data.values()
        )

    async def close(self) -> None:
        """Ends this process's part in the tenants' writer elections (its lease, socket and links)."""
        for committer in self._committers.values():
            if committer.relay is not None:
                await committer.relay.close()

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

    def decode(self, event: RecordedEvent) -> Any:
        return self.codec.decode(event.topic, event.stream_id, event.version, event.data)


def _kept(task: asyncio.Future[AppendResult], kept: bool) -> asyncio.Future[AppendResult]:
    return asyncio.shield(task) if kept else task
