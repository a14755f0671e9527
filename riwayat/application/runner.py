"""How every command runs: load → decide → append, with the retry and the cache that make it cheap.

A command is an async function of a `UnitOfWork` that loads what it needs, lets the aggregate decide (a
broken rule raises a `DomainError`), and returns the aggregate holding its new events:

    async def handle(uow: UnitOfWork) -> Employee:
        employee = await uow.get(Employee, employee_id, "employeeId")
        employee.record_training(title=title, kind=kind, hours=hours, completed_on=completed_on)
        return employee

    return await self.execute(ctx, "recordTraining", handle, options)

`execute` answers a repeated idempotency key with the first result, runs `handle`, and appends its events
with the version they were decided on. When another writer got there first and the client named no
`expectedVersion`, `handle` runs again on the fresh state, a bounded number of times: every retry re-checks
the rules, so nothing is appended on stale grounds.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.application.cache import AggregateCache
from riwayat.as_of import StreamHistory
from riwayat.domain.errors import ConcurrencyConflict, DomainError, DuplicateNip, InvalidInput, NotFound
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra.event_store import AppendResult, Claim, ClaimTaken, EventStore
from riwayat.infra.observability import count_command_error
from riwayat.infra.tenants import Tenant

A = TypeVar("A", bound=Aggregate)
MAX_ATTEMPTS = 40
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class CommandContext:
    """Who asks, for which tenant, in which request: recorded in every event's metadata."""

    tenant: Tenant
    actor: str
    roles: tuple[str, ...] = ()
    request_id: str = ""
    correlation_id: str | None = None


@dataclass(frozen=True)
class CommandOptions:
    """What a client may add to any command: the stream version it decided on (`expectedVersion`: a
    different one is a CONCURRENCY_CONFLICT, never retried), an idempotency key (a repeat returns the first
    result), and a reason recorded in the events' metadata."""

    expected_version: int | None = None
    idempotency_key: str | None = None
    reason: str | None = None

    def because(self, reason: str | None) -> CommandOptions:
        """These options with the command's own reason (a promotion's, a reopening's) for the record."""
        return self if reason is None else replace(self, reason=reason)


NO_OPTIONS = CommandOptions()


@dataclass(frozen=True)
class CommandResult:
    stream_id: UUID
    version: int
    positions: list[int]
    replayed: bool = False


class UnitOfWork:
    """One try at a command: the aggregates it loads and the claims (unique values) its events make."""

    def __init__(self, runner: CommandRunner, tenant: Tenant, options: CommandOptions, fresh: bool) -> None:
        self.runner, self.tenant, self.options, self.fresh = runner, tenant, options, fresh
        self.claims: list[Claim] = []
        self.used_cache = False

    async def get(self, cls: type[A], stream_id: UUID, field: str) -> A:
        """The aggregate the command changes, at the version the client expects (when it named one)."""
        key = (self.tenant.slug, stream_id)
        self.used_cache = self.used_cache or (not self.fresh and key in self.runner.cache)
        if self.fresh:
            self.runner.cache.take(key)
        aggregate = await self.runner.load_or_none(self.tenant, cls, stream_id, for_change=True)
        if aggregate is None:
            raise NotFound(f"no {cls.__name__} {stream_id}", field)
        expected = self.options.expected_version
        if expected is not None and aggregate.version != expected:
            raise ConcurrencyConflict(
                f"expected version {expected}, the record is at {aggregate.version}", "expectedVersion"
            )
        return aggregate

    async def find(self, cls: type[A], stream_id: UUID) -> A | None:
        """Another aggregate the command only reads (None when there is none)."""
        return await self.runner.load_or_none(self.tenant, cls, stream_id)

    async def require_unit(self, unit_id: UUID | None, field: str = "unitId") -> None:
        """The unit the command names exists and is not dissolved (checked on every try)."""
        if unit_id is None:
            return
        unit = await self.find(OrgUnit, unit_id)
        if unit is None or unit.dissolved:
            raise NotFound(f"no unit {unit_id} in this tenant", field)

    def claim(self, kind: str, value: str, owner: UUID) -> None:
        """A value only one stream of the tenant may hold (a NIP, a unit code), taken with the append."""
        self.claims.append(Claim(kind, value, owner))


Handle = Callable[[UnitOfWork], Awaitable[Aggregate]]


class CommandRunner:
    """The shared machinery; the command groups subclass it and `Application` combines them."""

    def __init__(self, store: EventStore, cache_size: int = 5000) -> None:
        self.store = store
        self.cache = AggregateCache(cache_size)
        self.past = StreamHistory(store)

    async def execute(
        self, ctx: CommandContext, command: str, handle: Handle, options: CommandOptions = NO_OPTIONS
    ) -> CommandResult:
        """Load → decide → append for one command (see the module docstring); refusals are counted."""
        try:
            _check_key(options.idempotency_key)
            if options.idempotency_key is not None:
                previous = await self.store.idempotent_result(ctx.tenant, options.idempotency_key)
                if previous is not None:
                    return _result(previous)
            metadata = _metadata(ctx, command, options)
            for attempt in range(MAX_ATTEMPTS):
                aggregate, uow = await self._decide(ctx.tenant, handle, options)
                try:
                    appended = await self.store.append(
                        ctx.tenant,
                        aggregate.collect_events(),
                        metadata=metadata,
                        idempotency_key=options.idempotency_key,
                        claims=uow.claims,
                    )
                except ConcurrencyConflict:
                    if options.expected_version is not None or attempt == MAX_ATTEMPTS - 1:
                        raise
                    await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))
                    continue
                except ClaimTaken as taken:
                    raise _claim_refused(taken.claim) from None
                if not appended.replayed:
                    self.cache.put((ctx.tenant.slug, aggregate.id), aggregate)
                return _result(appended)
            raise AssertionError("unreachable")
        except DomainError as refused:
            count_command_error(command, refused.code)
            raise

    async def _decide(
        self, tenant: Tenant, handle: Handle, options: CommandOptions
    ) -> tuple[Aggregate, UnitOfWork]:
        uow = UnitOfWork(self, tenant, options, fresh=False)
        try:
            return await handle(uow), uow
        except DomainError:
            if not uow.used_cache:
                raise
        # A refusal on a cached state may be an artefact of its age: decide again on fresh reads.
        uow = UnitOfWork(self, tenant, options, fresh=True)
        return await handle(uow), uow

    async def load(self, tenant: Tenant, cls: type[A], stream_id: UUID, field: str | None = None) -> A:
        aggregate = await self.load_or_none(tenant, cls, stream_id)
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


def _check_key(key: str | None) -> None:
    if key is not None and (not key or len(key) > MAX_KEY_LENGTH or "\x00" in key):
        raise InvalidInput(
            f"an idempotency key is 1–{MAX_KEY_LENGTH} characters without NUL", "idempotencyKey"
        )


def _claim_refused(claim: Claim) -> DomainError:
    if claim.kind == "nip":
        return DuplicateNip(f"NIP {claim.value} is already recorded", "nip")
    return InvalidInput(f"{claim.kind} {claim.value} is already in use", "code")


def _metadata(ctx: CommandContext, command: str, options: CommandOptions) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "actor": ctx.actor,
        "roles": list(ctx.roles),
        "command": command,
        "request_id": ctx.request_id,
        "correlation_id": ctx.correlation_id or ctx.request_id,
        "causation_id": ctx.request_id,
    }
    if options.reason:
        metadata["reason"] = options.reason
    if options.idempotency_key is not None:
        metadata["idempotency_key"] = options.idempotency_key
    return metadata


def _result(appended: AppendResult) -> CommandResult:
    return CommandResult(appended.stream_id, appended.version, list(appended.positions), appended.replayed)
