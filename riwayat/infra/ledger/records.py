"""What the ledger stores and answers, and what an inline projector is: the one ledger module that the
projections (and everything else above the store) may import.

Nothing here talks to a database; the types are plain values so that the chain and the statements can be
computed and tested without one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, Protocol
from uuid import UUID

import asyncpg

from riwayat.domain.errors import DomainError
from riwayat.infra import deadlines
from riwayat.infra.codec import EventCodec, canonical
from riwayat.infra.database import Database
from riwayat.infra.tenants import Tenant

# Where an inline projection statement filters its rows; true on its own, "the events were written" when
# joined to the append's one statement (see `statements.write_on_head`).
INLINE_GATE = "/*inline gate*/ true"


def utc_now() -> datetime:
    return datetime.now(UTC)


_new = object.__new__
_set = object.__setattr__


class Head(NamedTuple):
    """A tenant's head: its last position, that event's hash and time (None before the first event)."""

    position: int
    hash: str
    recorded_at: datetime | None = None


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

    @classmethod
    def of(
        cls,
        position: int,
        stream_id: UUID,
        stream_type: str,
        version: int,
        topic: str,
        data: dict[str, Any],
        metadata: dict[str, Any],
        recorded_at: datetime,
        effective_on: date | None,
        hash: str,  # noqa: A002 - the column's name
    ) -> RecordedEvent:
        """The same event as the constructor makes, without a frozen dataclass's setattr per field: made
        for every appended and every read event."""
        event = _new(cls)
        _set(event, "__dict__", {
            "position": position, "stream_id": stream_id, "stream_type": stream_type, "version": version,
            "topic": topic, "data": data, "metadata": metadata, "recorded_at": recorded_at,
            "effective_on": effective_on, "hash": hash,
        })  # fmt: skip
        return event

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

    @classmethod
    def of(cls, stream_id: UUID, version: int, positions: list[int]) -> AppendResult:
        """A written command's result, made like `RecordedEvent.of` (one per appended command)."""
        result = _new(cls)
        _set(result, "__dict__", {"stream_id": stream_id, "version": version, "positions": positions,
                                  "replayed": False})  # fmt: skip
        return result

    def to_json(self) -> dict[str, Any]:
        return {"stream_id": str(self.stream_id), "version": self.version, "positions": self.positions}

    @classmethod
    def from_json(cls, data: dict[str, Any], *, replayed: bool = False) -> AppendResult:
        return cls(UUID(data["stream_id"]), data["version"], list(data["positions"]), replayed)

    def replay(self) -> AppendResult:
        return AppendResult(self.stream_id, self.version, self.positions, replayed=True)

    @classmethod
    def landed_at(cls, request: AppendRequest, position: int) -> AppendResult:
        """The answer of `request` found written with its last event at `position` (its command id in
        `commands`): its events are contiguous there, one batch being one statement."""
        stream_id, version, *_ = request.encoded[-1]
        n = len(request.encoded)
        return cls.of(stream_id, version, list(range(position - n + 1, position + 1)))


@dataclass(frozen=True)
class Claim:
    """A value that must be unique in the tenant, e.g. `Claim("nip", "1986...", stream_id)`; held until
    its stream releases it (`AppendRequest.releases`)."""

    kind: str
    value: str
    stream_id: UUID


# One event as the store writes it: stream id, version, topic, stored data, effective date (TMT).
Encoded = tuple[UUID, int, str, dict[str, Any], date | None]


@dataclass(frozen=True)
class AppendRequest:
    """One command's events, encoded and checked, waiting for a transaction.

    `command_id` is written with the events (the client's idempotency key, else a generated id): after a
    lost answer the committer looks it up to learn whether the command landed. `fingerprint` says what
    the command was, so that a key reused for another request is refused rather than answered with the
    first one's result. `releases` are claims of the request's streams given up with its events (before
    its own claims: a return may hand a NIP from an old stream to a new one). `deadline` (epoch seconds,
    see `riwayat.infra.deadlines`): nothing is written for it once that has passed, its caller told so."""

    encoded: list[Encoded]
    first_versions: dict[UUID, int]
    metadata: dict[str, Any]
    command_id: str
    idempotency_key: str | None = None
    fingerprint: str | None = None
    claims: tuple[Claim, ...] = ()
    releases: tuple[Claim, ...] = ()
    deadline: float | None = field(default_factory=deadlines.current, compare=False)

    @classmethod
    def of(
        cls,
        encoded: list[Encoded],
        first_versions: dict[UUID, int],
        metadata: dict[str, Any],
        command_id: str,
        idempotency_key: str | None,
        fingerprint: str | None,
        claims: tuple[Claim, ...],
        releases: tuple[Claim, ...],
    ) -> AppendRequest:
        """The constructor's request (deadline included), made like `RecordedEvent.of`: one per command."""
        request = _new(cls)
        _set(request, "__dict__", {
            "encoded": encoded, "first_versions": first_versions, "metadata": metadata,
            "command_id": command_id, "idempotency_key": idempotency_key, "fingerprint": fingerprint,
            "claims": claims, "releases": releases, "deadline": deadlines.current(),
        })  # fmt: skip
        return request


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


class Projector(Protocol):
    """The inline projections, run for every appended batch so that their rows commit with its events."""

    async def __call__(self, con: asyncpg.Connection, tenant: Tenant, recorded: list[RecordedEvent]) -> None:
        """Write the batch's rows in the append's transaction."""

    def statements(self, tenant: Tenant, recorded: list[RecordedEvent]) -> list[tuple[str, list[Any]]] | None:
        """The same writes as statements (parameters from $1, filtered by `INLINE_GATE`) that the store
        joins to its one append statement; None when they cannot be (a handler must read rows first)."""


class EventLog(Protocol):
    """The event store as the read side uses it (rebuilds, start-up checks, transfer files): its database,
    its codec and its reads — so that those modules depend on the records, not on the write path."""

    db: Database
    codec: EventCodec

    async def head(self, tenant: Tenant) -> tuple[int, str]: ...

    async def read_stream(self, tenant: Tenant, stream_id: UUID, **options: Any) -> list[RecordedEvent]: ...


@functools.lru_cache(maxsize=1024)
def stream_type_of(topic: str) -> str:
    """`Employee` from `riwayat.domain.employee:Employee.Hired`."""
    return topic.rpartition(":")[2].partition(".")[0]
