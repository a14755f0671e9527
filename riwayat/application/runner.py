"""The machinery every command shares: load, decide, append, retry — and the cache that makes it cheap.

Each command runs in `_run`: answer a repeated idempotency key with the first result; rebuild the
aggregate from its stream; check the client's `expectedVersion`; let the aggregate decide (it raises a
`DomainError` for a broken rule); append what it decided with the version it decided on. When another
writer got there first and the client named no version, the command is re-run on the fresh state, a bounded
number of times: every retry re-checks the rules, so nothing is appended on stale grounds.
"""

from __future__ import annotations

import asyncio
import random
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.as_of import StreamHistory
from riwayat.domain.errors import ConcurrencyConflict, DomainError, DuplicateNip, InvalidInput, NotFound
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra.ledger import Claim, ClaimTaken, EventStore
from riwayat.infra.observability import count_command_error
from riwayat.infra.tenants import Tenant

A = TypeVar("A", bound=Aggregate)
MAX_ATTEMPTS = 40


@dataclass(frozen=True)
class CommandContext:
    """Who asks, for which tenant, in which request: recorded in every event's metadata."""

    tenant: Tenant
    actor: str
    roles: tuple[str, ...] = ()
    request_id: str = ""
    correlation_id: str | None = None


class AggregateCache:
    """The latest known state of recently used streams (least recently used dropped first).

    Only a speed-up, never a source of truth: a command decides on the cached state, and the append's version
    check (under the tenant's head lock) refuses it if another worker moved the stream meanwhile; the command
    is then re-run on a fresh read. Read-only loads catch up from the log.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._states: OrderedDict[tuple[str, UUID], Aggregate] = OrderedDict()

    def __contains__(self, key: tuple[str, UUID]) -> bool:
        return key in self._states

    def take(self, key: tuple[str, UUID]) -> Aggregate | None:
        return self._states.pop(key, None)

    def put(self, key: tuple[str, UUID], aggregate: Aggregate) -> None:
        self._states[key] = aggregate
        self._states.move_to_end(key)
        while len(self._states) > self.size:
            self._states.popitem(last=False)


@dataclass(frozen=True)
class CommandResult:
    stream_id: UUID
    version: int
    positions: list[int]
    replayed: bool = False


class CommandRunner:
    """The shared machinery; the command groups subclass it and `Application` combines them."""

    def __init__(self, store: EventStore, cache_size: int = 5000) -> None:
        self.store = store
        self.cache = AggregateCache(cache_size)
        self.past = StreamHistory(store)

    # ---- the machinery ----------------------------------------------------------------------------

    async def load(
        self,
        tenant: Tenant,
        cls: type[A],
        stream_id: UUID,
        field: str | None = None,
        *,
        for_change: bool = False,
    ) -> A:
        aggregate = await self.load_or_none(tenant, cls, stream_id, for_change=for_change)
        if aggregate is None:
            raise NotFound(f"no {cls.__name__} {stream_id}", field)
        return aggregate

    async def load_or_none(
        self, tenant: Tenant, cls: type[A], stream_id: UUID, *, for_change: bool = False
    ) -> A | None:
        """Rebuild the aggregate from its stream (after the cached state, when there is one)."""
        key = (tenant.slug, stream_id)
        cached = self.cache.take(key)
        if cached is not None and not isinstance(cached, cls):
            return None
        if cached is not None and for_change:
            # Optimistic: decide on the cached state; if another worker moved the stream meanwhile, the
            # append's version check refuses it and the command is re-run on a fresh load.
            return cached
        after = cached.version if cached is not None else 0
        records = await self.store.read_stream(tenant, stream_id, after_version=after)
        if cached is None and (not records or records[0].stream_type != cls.__name__):
            return None
        aggregate = cached
        for record in records:
            aggregate = self.store.decode(record).mutate(aggregate)
        if not for_change:
            self.cache.put(key, aggregate)
        return aggregate

    async def _run(
        self,
        ctx: CommandContext,
        command: str,
        decide: Callable[[], Any],
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
        reason: str | None = None,
        claims: Callable[[Aggregate], Sequence[Claim]] = lambda _: (),
    ) -> CommandResult:
        """`decide` is an async callable returning the aggregate holding its new, uncollected events."""
        try:
            _check_key(idempotency_key)
            return await self._attempt(
                ctx, command, decide, expected_version, idempotency_key, reason, claims
            )
        except DomainError as refused:
            count_command_error(command, refused.code)
            raise

    async def _attempt(
        self,
        ctx: CommandContext,
        command: str,
        decide: Callable[[], Any],
        expected_version: int | None,
        idempotency_key: str | None,
        reason: str | None,
        claims: Callable[[Aggregate], Sequence[Claim]],
    ) -> CommandResult:
        if idempotency_key is not None:
            previous = await self.store.idempotent_result(ctx.tenant, idempotency_key)
            if previous is not None:
                return _result(previous)
        metadata = _metadata(ctx, command, reason, idempotency_key)
        for attempt in range(MAX_ATTEMPTS):
            aggregate = await decide()
            events = aggregate.collect_events()
            try:
                appended = await self.store.append(
                    ctx.tenant,
                    events,
                    metadata=metadata,
                    idempotency_key=idempotency_key,
                    claims=claims(aggregate),
                )
            except ConcurrencyConflict:
                if expected_version is not None or attempt == MAX_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))
                continue
            except ClaimTaken as taken:
                if taken.claim.kind == "nip":
                    raise DuplicateNip(f"NIP {taken.claim.value} is already recorded", "nip") from None
                raise InvalidInput(
                    f"{taken.claim.kind} {taken.claim.value} is already in use", "code"
                ) from None
            if not appended.replayed:
                self.cache.put((ctx.tenant.slug, aggregate.id), aggregate)
            return _result(appended)
        raise AssertionError("unreachable")

    def _change(
        self,
        ctx: CommandContext,
        cls: type[A],
        stream_id: UUID,
        field: str,
        act: Callable[[A], None],
        expected_version: int | None,
        unit_id: UUID | None = None,
    ) -> Callable[[], Any]:
        def judge(aggregate: A) -> A:
            if expected_version is not None and aggregate.version != expected_version:
                raise ConcurrencyConflict(
                    f"expected version {expected_version}, the record is at {aggregate.version}",
                    "expectedVersion",
                )
            act(aggregate)
            return aggregate

        async def decide() -> A:
            await self._require_unit(ctx.tenant, unit_id)  # the unit the command names, checked per attempt
            from_cache = (ctx.tenant.slug, stream_id) in self.cache
            aggregate = await self.load(ctx.tenant, cls, stream_id, field, for_change=True)
            if not from_cache:
                return judge(aggregate)
            try:
                return judge(aggregate)
            except DomainError:
                # A refusal on a cached state may be an artefact of its age: judge again on a fresh read.
                return judge(await self.load(ctx.tenant, cls, stream_id, field, for_change=True))

        return decide

    async def _require_unit(self, tenant: Tenant, unit_id: UUID | None, field: str = "unitId") -> None:
        if unit_id is None:
            return
        unit = await self.load_or_none(tenant, OrgUnit, unit_id)
        if unit is None or unit.dissolved:
            raise NotFound(f"no unit {unit_id} in this tenant", field)

    async def _existing(
        self,
        ctx: CommandContext,
        command: str,
        cls: type[A],
        stream_id: UUID,
        field: str,
        act: Callable[[A], None],
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
        reason: str | None = None,
        unit_id: UUID | None = None,
    ) -> CommandResult:
        """A command on an existing stream: load it, check the client's version, let it decide, append."""
        decide = self._change(ctx, cls, stream_id, field, act, expected_version, unit_id)
        return await self._run(
            ctx,
            command,
            decide,
            expected_version=expected_version,
            idempotency_key=idempotency_key,
            reason=reason,
        )


MAX_KEY_LENGTH = 200


def _check_key(key: str | None) -> None:
    if key is not None and (not key or len(key) > MAX_KEY_LENGTH or "\x00" in key):
        raise InvalidInput(
            f"an idempotency key is 1–{MAX_KEY_LENGTH} characters without NUL", "idempotencyKey"
        )


def _metadata(ctx: CommandContext, command: str, reason: str | None, key: str | None) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "actor": ctx.actor,
        "roles": list(ctx.roles),
        "command": command,
        "request_id": ctx.request_id,
        "correlation_id": ctx.correlation_id or ctx.request_id,
        "causation_id": ctx.request_id,
    }
    if reason:
        metadata["reason"] = reason
    if key is not None:
        metadata["idempotency_key"] = key
    return metadata


def _result(appended: Any) -> CommandResult:
    return CommandResult(appended.stream_id, appended.version, list(appended.positions), appended.replayed)
