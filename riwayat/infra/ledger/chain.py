"""The hash chain and the shape of a batch, as pure functions: positions, one timestamp and sha256 hashes
continuing from a head; which versions a batch assumes; the head it leaves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from uuid import UUID

import orjson

from riwayat.infra.codec import canonical, format_timestamp
from riwayat.infra.ledger.records import AppendRequest, Encoded, Head, RecordedEvent, stream_type_of

Chained = list[list[RecordedEvent]]


def chain(
    head: Head, requests: Sequence[AppendRequest], now: datetime, rows: list[bytes] | None = None
) -> Chained:
    """Each request's events as rows continuing the chain from `head`.

    One timestamp for the whole batch (its text form made once): the batch commits as one transaction.
    recorded_at never goes backwards along the positions, even if the clock does. `rows`, when given,
    receives each event's hash input: a JSON object of its columns, which `packed` sends as the row.
    """
    if head.recorded_at is not None and now < head.recorded_at:
        now = head.recorded_at
    now = now.astimezone(UTC)
    stamp = format_timestamp(now)
    position, previous = head.position, head.hash
    chained = []
    for request in requests:
        recorded = []
        metadata = request.metadata
        for stream_id, version, topic, data, effective_on in request.encoded:
            position += 1
            stream_type = _stream_types.get(topic) or _stream_type(topic)
            # The record's dict, its time as the hash input has it: in the record's field order, so that
            # with the time and the hash set after the hash it is the record's dict too (one dict made).
            fields = {
                "position": position, "stream_id": stream_id, "stream_type": stream_type, "version": version,
                "topic": topic, "data": data, "metadata": metadata, "recorded_at": stamp,
                "effective_on": effective_on,
            }  # fmt: skip
            if type(stream_id) is UUID and (effective_on is None or type(effective_on) is date):
                # `canonical()` of values already in the form it gives them (an exact UUID, an exact date
                # or None, the time as `format_timestamp` text): the hash input of every appended event
                encoded = _dumps(fields, option=_SORTED)
            else:  # the general form (a UUID subclass, a datetime as the effective date)
                encoded = canonical(**fields)
            previous = _sha256(previous.encode("ascii") + b"\n" + encoded).hexdigest()  # codec.chain_hash
            if rows is not None:
                rows.append(encoded)
            fields["recorded_at"], fields["hash"] = now, previous
            event = _new(RecordedEvent)  # `RecordedEvent.of`, without its call
            _set(event, "__dict__", fields)
            recorded.append(event)
        chained.append(recorded)
    return chained


_dumps, _SORTED, _sha256 = orjson.dumps, orjson.OPT_SORT_KEYS, hashlib.sha256
_new, _set = object.__new__, object.__setattr__
_stream_types: dict[str, str] = {}


def _stream_type(topic: str) -> str:
    found = _stream_types[topic] = stream_type_of(topic)
    return found


def end_of(chained: Chained) -> Head:
    """The head a written batch leaves."""
    last = chained[-1][-1]
    return Head(last.position, last.hash, last.recorded_at)


def first_versions(encoded: Sequence[Encoded]) -> dict[UUID, int]:
    """The first new version of each stream; refuses events of one stream that do not follow each other."""
    if len(encoded) == 1:  # most commands: one event (a UUID's hash is a Python call)
        return {encoded[0][0]: encoded[0][1]}
    first: dict[UUID, int] = {}
    last: dict[UUID, int] = {}
    for stream_id, version, *_ in encoded:
        if stream_id in last and version != last[stream_id] + 1:
            raise ValueError(f"events of stream {stream_id} are not contiguous")
        first.setdefault(stream_id, version)
        last[stream_id] = version
    return first


def expected_versions(requests: Sequence[AppendRequest]) -> dict[UUID, int] | None:
    """For a batch that can be written without judging it first: the version each stream must be at.

    None when requests of the batch on one stream do not follow each other, or two of them carry the same
    idempotency key or claim (one of them is bound to be refused or replayed), or one releases a claim
    (released claims are deleted by the judged path, before the batch's own claims): the batch is judged."""
    expected: dict[UUID, int] = {}
    reached: dict[int, int] = {}  # by the stream id's `int`: a UUID's hash is a Python call
    keys: set[str] = set()
    claimed: set[tuple[str, str]] = set()
    for request in requests:
        if request.releases:
            return None
        if request.idempotency_key is not None:
            if request.idempotency_key in keys:
                return None
            keys.add(request.idempotency_key)
        for claim in request.claims:
            if (claim.kind, claim.value) in claimed:
                return None
            claimed.add((claim.kind, claim.value))
        for stream_id, first in request.first_versions.items():
            at = reached.get(stream_id.int)
            if at is None:
                expected[stream_id] = first - 1
            elif first != at + 1:
                return None
        for stream_id, version, *_ in request.encoded:
            reached[stream_id.int] = version
    return expected
