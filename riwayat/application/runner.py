"""How every command runs: load → decide → append, with the retry and the cache that make it cheap.

A command is an async function of a `UnitOfWork` that loads what it needs, lets the aggregate decide (a
broken rule raises a `DomainError`), and returns the aggregate holding its new events:

    async def handle(uow: UnitOfWork) -> Employee:
        employee = await uow.get(Employee, employee_id, "employeeId")
        employee.record_training(title=title, kind=kind, hours=hours, completed_on=completed_on)
        return employee

    return await self.execute(ctx, "recordTraining", handle, options)

`execute` answers a repeated idempotency key with the first result, runs `handle`, and appends its events
with the version they were decided on. Commands of this process on one stream take turns to decide, each on
the state the previous one left (`streams`), so they do not conflict with each other. When another process
got there first and the client named no `expectedVersion`, `handle` runs again on the fresh state, until
`RETRY_FOR_SECONDS` have passed: every retry re-checks the rules, so nothing is appended on stale grounds.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from uuid import UUID

import orjson
from eventsourcing.domain import Aggregate

from riwayat.application.as_of import StreamHistory
from riwayat.application.cache import AggregateCache
from riwayat.application.streams import StreamLines
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.application.waiting import retrieve
from riwayat.domain.errors import (
    ConcurrencyConflict,
    DomainError,
    DuplicateNip,
    InvalidInput,
    NotFound,
    key_reused,
)
from riwayat.infra.ledger import AppendResult, Claim, ClaimTaken, EventStore
from riwayat.infra.ledger.calls import pinned
from riwayat.infra.observability import count_command_error
from riwayat.infra.tenants import Tenant

A = TypeVar("A", bound=Aggregate)
# How long a command without `expectedVersion` keeps being re-run while other processes move its stream.
RETRY_FOR_SECONDS = 10.0
MAX_KEY_LENGTH = 200
KEY_FIELD = "idempotencyKey"


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
    # The request as the client sent it (a mutation's input, without the key): what the key is bound to,
    # with the command and the actor (`request_fingerprint`). None when the caller has no request (the
    # CLI's imports derive their key from the content): the key alone then names the command.
    request: Any = None

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


Handle = Callable[[UnitOfWork], Awaitable[Aggregate]]


class CommandRunner:
    """The shared machinery; the command groups subclass it and `Application` combines them."""

    def __init__(self, store: EventStore, cache_size: int = 5000) -> None:
        self.store = store
        self.cache = AggregateCache(cache_size)
        self.lines = StreamLines()
        self.past = StreamHistory(store)
        if store.handoff and hasattr(self, "run_call"):  # commands other workers hand over (`routing`)
            store.serve_calls(self.run_call)

    async def execute(
        self,
        ctx: CommandContext,
        command: str,
        handle: Handle,
        options: CommandOptions = NO_OPTIONS,
        metadata: dict[str, Any] | None = None,
    ) -> CommandResult:
        """Load → decide → append for one command (see the module docstring); refusals are counted.
        `metadata` is added to the events' own (an import's mark)."""
        try:
            fingerprint = None
            if options.idempotency_key is not None:
                _check_key(options.idempotency_key)
                if options.request is not None:  # a caller with no request (an import) keys its content
                    fingerprint = request_fingerprint(command, ctx.actor, options.request)
                key = options.idempotency_key
                previous = await self.store.idempotent_result(ctx.tenant, key, fingerprint)
                if previous is not None:
                    return await self._replay(ctx, previous, options.idempotency_key, fingerprint)
            command_id = pinned()  # (a command handed over whole: the id its worker chose, `calls`)
            own = _metadata(ctx, command, options, fingerprint)
            metadata = own | metadata if metadata else own
            since, attempt = time.monotonic(), 0
            while True:
                uow = UnitOfWork(
                    ctx.tenant, options.expected_version, self.load_or_none, self.cache, self.lines, since,
                    fresh=attempt > 0,
                )  # fmt: skip
                try:
                    appended = await self._attempt(ctx, uow, handle, metadata, options, command_id)
                    if appended.replayed:  # the same key, sent at the same time: written by the other
                        return await self._replay(ctx, appended, options.idempotency_key, fingerprint)
                    return command_result(appended)
                except ConcurrencyConflict:
                    if options.expected_version is not None or time.monotonic() - since > RETRY_FOR_SECONDS:
                        raise
                attempt += 1
                await asyncio.sleep(random.uniform(0, min(0.05, 0.002 * attempt)))
        except DomainError as refused:
            count_command_error(command, refused.code)
            raise

    async def _attempt(
        self,
        ctx: CommandContext,
        uow: UnitOfWork,
        handle: Handle,
        metadata: dict[str, Any],
        options: CommandOptions,
        command_id: str | None = None,
    ) -> AppendResult:
        """One try: decide in the stream's line, hand the events to the store, and let the next command of
        the stream decide while this append is in flight."""
        appending = None
        try:
            try:
                try:
                    aggregate, again = await handle(uow), False
                except DomainError:
                    if not uow.used_cache:
                        raise
                    again = True
                if again:  # (outside the `except`: a second refusal is not chained to the first)
                    # A refusal on a cached (or not yet written) state may be an artefact of its age: wait
                    # for the appends in flight, then decide again on a fresh read.
                    uow.refresh()
                    aggregate = await handle(uow)
                appending = self.store.append_later(  # kept: a caller who stops waiting leaves it going
                    ctx.tenant, aggregate.collect_events(), metadata=metadata,
                    idempotency_key=options.idempotency_key, fingerprint=metadata.get("request_fingerprint"),
                    claims=uow.claims, releases=uow.releases, kept=True, command_id=command_id,
                )  # fmt: skip
                uow.handed_over(aggregate, appending)
            finally:
                uow.pass_turn()
        except BaseException:
            if appending is not None:  # never awaited below: its error must not be reported as unretrieved
                appending.add_done_callback(retrieve)
            raise
        written, lined = False, uow.in_line
        try:
            appended = await appending
            written = not appended.replayed
        except ClaimTaken as taken:
            raise _claim_refused(taken.claim) from None
        finally:
            uow.answered(written)
        if written and not lined:  # a new stream (a stream's line leaves its state to the cache itself)
            self.cache.put((ctx.tenant.slug, aggregate.id), aggregate)
        return appended

    async def _replay(
        self, ctx: CommandContext, first: AppendResult, key: str | None, fingerprint: str | None
    ) -> CommandResult:
        """The first result of a key, if the key was first used for this very request (the fingerprint
        recorded with the first request's events); IDEMPOTENCY_KEY_REUSED otherwise, and nothing written.
        A side without a fingerprint (events from before, a caller with no request) matches any."""
        events = await self.store.read_stream(
            ctx.tenant, first.stream_id, after_version=first.version - 1, limit=1
        )
        recorded = events[0].metadata.get("request_fingerprint") if events else None
        if key is not None and None not in (recorded, fingerprint) and recorded != fingerprint:
            raise key_reused(key)
        return command_result(first)

    async def load(self, tenant: Tenant, cls: type[A], stream_id: UUID, field: str | None = None) -> A:
        aggregate = await self.load_or_none(tenant, cls, stream_id)
        if aggregate is None:
            raise NotFound(f"no {cls.__name__} {stream_id}", field)
        return aggregate

    async def load_or_none(
        self,
        tenant: Tenant,
        cls: type[A],
        stream_id: UUID,
        *,
        for_change: bool = False,
        catch_up: bool = True,
    ) -> A | None:
        """Rebuild the aggregate from its stream (after the cached state, when there is one). For a change
        it is taken out of the cache (the command mutates it) and, unless `catch_up`, not caught up."""
        key = (tenant.slug, stream_id)
        cached = self.cache.take(key)
        if cached is not None and not isinstance(cached, cls):
            return None
        if cached is not None and for_change and not catch_up:
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
        raise InvalidInput(f"an idempotency key is 1–{MAX_KEY_LENGTH} characters without NUL", KEY_FIELD)


def _claim_refused(claim: Claim) -> DomainError:
    if claim.kind in ("nip", "nip-person"):
        return DuplicateNip(f"NIP {claim.value} is already recorded", "nip")
    return InvalidInput(f"{claim.kind} {claim.value} is already in use", "code")


def request_fingerprint(command: str, actor: str, request: Any) -> str:
    """What an idempotency key is bound to: the command (the mutation's name), who sent it, and its input
    in a canonical form (keys sorted; dates, UUIDs and enums as their plain values)."""
    canonical = orjson.dumps(
        [command, actor, request], option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str
    )
    return hashlib.sha256(canonical).hexdigest()


def _metadata(
    ctx: CommandContext, command: str, options: CommandOptions, fingerprint: str | None = None
) -> dict[str, Any]:
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
    if fingerprint is not None:
        metadata["request_fingerprint"] = fingerprint
    return metadata


def command_result(appended: AppendResult) -> CommandResult:
    result = object.__new__(CommandResult)  # the constructor's (the same fields), without frozen setattrs
    object.__setattr__(result, "__dict__", {**vars(appended), "positions": list(appended.positions)})
    return result
