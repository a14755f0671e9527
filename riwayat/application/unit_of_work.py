"""One try at a command: what it loads, the claims its events make, and its place in the stream's line."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.application.cache import AggregateCache
from riwayat.application.streams import Key, StreamLine, StreamLines
from riwayat.domain.errors import ConcurrencyConflict, NotFound
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra.ledger import Claim
from riwayat.infra.tenants import Tenant

A = TypeVar("A", bound=Aggregate)
Load = Callable[..., Awaitable[Any]]


class UnitOfWork:
    """What a command's `handle` loads through; `execute` (runner.py) appends what it returns.

    `get` puts the command in the line of the stream it changes (see `streams`): it decides on the state
    the previous command of this process left, and hands the line on once its events are with the store.
    A command changes one stream (two lines taken in different orders could wait on each other)."""

    def __init__(
        self,
        tenant: Tenant,
        expected_version: int | None,
        load: Load,
        cache: AggregateCache,
        lines: StreamLines,
        since: float,
        fresh: bool = False,
    ) -> None:
        self.tenant, self.expected_version, self.since = tenant, expected_version, since
        self._load, self._cache, self._lines = load, cache, lines
        self.fresh = fresh  # read the stream from the log, after the appends in flight are answered
        self.claims: list[Claim] = []
        self.releases: list[Claim] = []
        self.used_cache = False  # decided on a state not read from the log just now
        self._line: tuple[Key, StreamLine] | None = None
        self._generation = 0
        self._used_tip = False
        self._appending: asyncio.Future[Any] | None = None

    # ---- for the command's `handle` --------------------------------------------------------------------

    async def get(self, cls: type[A], stream_id: UUID, field: str) -> A:
        """The aggregate the command changes, at the version the client expects (when it named one)."""
        key = (self.tenant.slug, stream_id)
        if self._line is None:  # (not a coroutine of its own: one per command; nor `enter`'s, if free)
            line = self._lines.enter_free(key) or await self._lines.enter(key, self.since)
            self._line = (key, line)
        elif self._line[0] != key:
            raise RuntimeError("a command changes one stream; read the others with `find`")
        line = self._line[1]
        if line.tip is not None and not self.fresh:
            aggregate: Any = line.tip
            self.used_cache = self._used_tip = True
        else:
            if self.fresh:
                await line.settle()
                line.reset()
            self.used_cache = not self.fresh and key in self._cache
            aggregate = await self._load(self.tenant, cls, stream_id, for_change=True, catch_up=self.fresh)
        self._generation = line.generation
        if not isinstance(aggregate, cls):
            raise NotFound(f"no {cls.__name__} {stream_id}", field)
        if self.expected_version is not None and aggregate.version != self.expected_version:
            raise ConcurrencyConflict(
                f"expected version {self.expected_version}, the record is at {aggregate.version}",
                "expectedVersion",
            )
        return aggregate

    async def find(self, cls: type[A], stream_id: UUID) -> A | None:
        """Another aggregate the command only reads (None when there is none)."""
        return await self._load(self.tenant, cls, stream_id)

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

    def release_claim(self, kind: str, value: str, owner: UUID) -> None:
        """Gives up a value `owner` holds (a NIP on a transfer out), deleted with the append. (Not `release`:
        that name lets the next command of the stream's line decide.)"""
        self.releases.append(Claim(kind, value, owner))

    # ---- for `execute` ---------------------------------------------------------------------------------

    @property
    def in_line(self) -> bool:
        return self._line is not None

    def refresh(self) -> None:
        """Before deciding again on fresh reads: a refusal on a cached state may be an artefact of its age."""
        if self._line is not None and self._used_tip:
            self._line[1].reset()  # a refused decision may have left half of itself on the tip
        self.fresh, self.used_cache, self._used_tip, self.claims, self.releases = True, False, False, [], []

    def handed_over(self, aggregate: Aggregate, appending: asyncio.Future[Any]) -> None:
        """The events are with the store: the next command of the stream may decide on `aggregate`."""
        self._appending = appending
        if self._line is not None:
            line = self._line[1]
            line.in_flight.add(appending)
            if line.generation == self._generation:
                line.tip = aggregate

    def pass_turn(self) -> None:
        """After deciding (and handing over, or failing to): the next command of the line may decide."""
        if self._line is None:
            return
        key, line = self._line
        line.lock.release()
        if self._appending is None:  # nothing will be appended: the line is done with this command
            if self._used_tip:
                line.reset(self._generation)
            self._lines.leave(key, line)
            self._line = None

    def answered(self, written: bool) -> None:
        """The append was answered. The last command of a line leaves the state to the aggregate cache."""
        if self._line is None or self._appending is None:
            return
        key, line = self._line
        line.in_flight.discard(self._appending)
        if not written:
            line.reset(self._generation)  # what was decided after it, on its state, will be refused too
        elif line.users == 1 and line.tip is not None and not line.in_flight:
            self._cache.put(key, line.tip)
        self._lines.leave(key, line)
        self._line = None
