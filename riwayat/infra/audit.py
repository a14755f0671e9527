"""Integrity of a tenant's ledger: recompute the hash chain in the database or from an NDJSON export.

What verification proves: every event from position 1 to the head is present, in order, and unchanged since
it was appended (a changed byte anywhere changes that event's hash and every later one). What it does not
prove on its own: that the newest events were not cut off together with the head, or that the chain was not
recomputed from some position on — a signed head digest kept elsewhere proves that (riwayat/infra/digest.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from uuid import UUID

import orjson

from riwayat.infra.codec import GENESIS_HASH, canonical, chain_hash, format_timestamp
from riwayat.infra.ledger import EventStore, RecordedEvent
from riwayat.infra.tenants import Tenant


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    checked_events: int
    head_position: int
    head_hash: str | None
    first_broken_position: int | None = None
    problem: str | None = None


class ChainChecker:
    """Feeds events in position order; remembers the first position where the chain breaks."""

    def __init__(self, watch: Iterable[int] = ()) -> None:
        # Positions whose verified hash a digest check wants to compare (see riwayat/infra/digest.py).
        self.watch = frozenset(watch)
        self.seen: dict[int, str] = {}
        self.previous = GENESIS_HASH
        self.expected_position = 1
        self.checked = 0
        self.first_broken: int | None = None
        self.problem: str | None = None

    def feed(self, position: int, encoded_row: bytes, stored_hash: str) -> None:
        self.checked += 1
        if self.first_broken is not None:
            return
        if position != self.expected_position:
            self._broken(self.expected_position, f"position {self.expected_position} is missing")
            return
        recomputed = chain_hash(self.previous, encoded_row)
        if recomputed != stored_hash:
            self._broken(position, f"event {position} does not match its hash")
            return
        self.previous = stored_hash
        self.expected_position += 1
        if position in self.watch:
            self.seen[position] = stored_hash

    def _broken(self, position: int, problem: str) -> None:
        self.first_broken, self.problem = position, problem

    def report(self, head_position: int, head_hash: str | None) -> IntegrityReport:
        if self.first_broken is None and head_position != self.expected_position - 1:
            self._broken(
                self.expected_position, f"the head says {head_position} events, found {self.checked}"
            )
        if self.first_broken is None and head_hash is not None and head_hash != self.previous:
            self._broken(head_position, "the head hash does not match the last event")
        return IntegrityReport(
            ok=self.first_broken is None,
            checked_events=self.checked,
            head_position=head_position,
            head_hash=head_hash,
            first_broken_position=self.first_broken,
            problem=self.problem,
        )


async def verify_tenant(
    store: EventStore, tenant: Tenant, checker: ChainChecker | None = None
) -> IntegrityReport:
    head_position, head_hash = await store.head(tenant)
    checker = checker or ChainChecker()
    async for page in store.iter_events(tenant, batch=10000):
        for event in page:
            if event.position > head_position:
                break
            checker.feed(event.position, event.canonical(), event.hash)
    return checker.report(head_position, head_hash if head_position else None)


def export_line(event: RecordedEvent) -> bytes:
    """One NDJSON line holding every value the hash covers, plus the hash."""
    return orjson.dumps(
        {
            "position": event.position,
            "stream_id": str(event.stream_id),
            "stream_type": event.stream_type,
            "version": event.version,
            "topic": event.topic,
            "data": event.data,
            "metadata": event.metadata,
            "recorded_at": format_timestamp(event.recorded_at),
            "effective_on": event.effective_on.isoformat() if event.effective_on else None,
            "hash": event.hash,
        },
        option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE,
    )


async def export_tenant(store: EventStore, tenant: Tenant, out: IO[bytes]) -> int:
    count = 0
    async for page in store.iter_events(tenant, batch=10000):
        out.write(b"".join(export_line(e) for e in page))
        count += len(page)
    return count


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield number, line


def verify_lines(lines: Iterable[tuple[int, bytes]], checker: ChainChecker | None = None) -> IntegrityReport:
    """Verify an export without a database: every line re-hashed against its predecessor."""
    checker = checker or ChainChecker()
    last_hash: str | None = None
    for number, line in lines:
        try:
            row: dict[str, Any] = orjson.loads(line)
            encoded = canonical(
                position=int(row["position"]),
                stream_id=str(UUID(row["stream_id"])),
                stream_type=row["stream_type"],
                version=row["version"],
                topic=row["topic"],
                data=row["data"],
                metadata=row["metadata"],
                recorded_at=row["recorded_at"],
                effective_on=row["effective_on"],
            )
            position, stored = int(row["position"]), str(row["hash"])
        except (ValueError, KeyError, TypeError):
            # An unreadable line breaks the chain where it stands.
            position, encoded, stored = checker.expected_position, b"", ""
            if checker.first_broken is None:
                checker._broken(checker.expected_position, f"line {number} is not a valid event")
        checker.feed(position, encoded, stored)
        last_hash = stored
    head = checker.checked
    return checker.report(head, last_hash if checker.first_broken is None else None)


class ExportUnreadable(Exception):
    """The export path is not a readable file (a directory, missing, no permission)."""


def verify_file(path: Path, checker: ChainChecker | None = None) -> IntegrityReport:
    if not path.is_file():
        raise ExportUnreadable(f"{path} is not a file" if path.exists() else f"no file {path}")
    try:
        return verify_lines(_lines(path), checker)
    except OSError as exc:
        raise ExportUnreadable(f"cannot read {path}: {exc.strerror or exc}") from exc


__all__ = [
    "ChainChecker",
    "ExportUnreadable",
    "IntegrityReport",
    "export_tenant",
    "verify_file",
    "verify_lines",
    "verify_tenant",
]
