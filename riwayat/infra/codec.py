"""Stored form of domain events: eventsourcing's `Mapper` + `JSONTranscoder`, and the canonical encoding
that the hash chain is computed over.

The mapper turns an event into `(topic, state bytes)`; we keep the state as a dict so PostgreSQL stores it
as jsonb (queryable by auditors), and decode it back through the same mapper. jsonb reorders keys and
normalises numbers, so the hash is computed over `canonical()`, an encoding of the *values* (sorted keys,
fixed separators, UTF-8, no floats) that is identical for the dict we wrote and the dict we read back.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, SafeUUID

import orjson
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    DatetimeAsISO,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    Transcoding,
    UUIDAsHex,
)
from eventsourcing.utils import get_topic, resolve_topic

from riwayat.domain.values import Decree
from riwayat.infra.codec_texts import date_text, utc_text
from riwayat.infra.storable import PLAIN as _PLAIN
from riwayat.infra.storable import check_storable

GENESIS_HASH = "0" * 64
_NESTED = (dict, list)


def exact_uuid(value: UUID) -> UUID:
    """`value` as a plain `uuid.UUID`. asyncpg reads uuid columns as its own subclass; an aggregate whose
    id is one would send all its events down the slow paths meant for unusual values (the chain's general
    encoding, asyncpg's arrays instead of `packed`'s JSON, which orjson writes only for the exact type)."""
    return plain_uuid(value.int)


def plain_uuid(number: int) -> UUID:
    """The `uuid.UUID` of a 128-bit integer, without `UUID.__init__`'s checks (a UUID that crossed between
    processes, or was read from the database)."""
    uuid = object.__new__(UUID)
    object.__setattr__(uuid, "int", number)
    object.__setattr__(uuid, "is_safe", SafeUUID.unknown)
    return uuid


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class DecreeAsDict(Transcoding):
    type = Decree
    name = "decree"

    def encode(self, obj: Decree) -> dict[str, Any]:
        return {"number": obj.number, "date": obj.date}

    def decode(self, data: dict[str, Any]) -> Decree:
        return Decree(number=data["number"], date=data["date"])


def make_mapper() -> Mapper:
    transcoder = JSONTranscoder()
    for transcoding in (DateAsISO(), DatetimeAsISO(), UUIDAsHex(), DecreeAsDict()):
        transcoder.register(transcoding)
    return Mapper(transcoder=transcoder)


class EventCodec:
    """Domain event ⇄ (topic, jsonb-ready dict)."""

    def __init__(self) -> None:
        self.mapper = make_mapper()
        self._transcodings: dict[str, Transcoding] = dict(self.mapper.transcoder.names)
        self._by_type: dict[type, Transcoding] = dict(self.mapper.transcoder.types)
        self._classes: dict[str, type] = {}
        self._topics: dict[type, tuple[str, int]] = {}  # an event class's topic and class version
        # The registered transcodings of exact dates, datetimes and UUIDs, applied in `_fast` without the
        # calls of `_transcode` (every event has a timestamp, most an effective date): name and encoding.
        self._direct: dict[type, tuple[str, Any]] = {
            kind: (transcoding.name, _DIRECT[type(transcoding)])
            for kind, transcoding in self._by_type.items()
            if transcoding.type is kind and type(transcoding) in _DIRECT
        }

    def encode(self, event: DomainEventProtocol) -> tuple[str, dict[str, Any]]:
        """What `Mapper.to_stored_event` + `orjson.loads` of its JSON give, without the JSON in between.

        Every command encodes its events; the mapper's path (stdlib json of the whole state, then parsing
        it back into the dict jsonb stores) is most of an append's encoding cost. Plain values are copied,
        registered types wrapped as the transcoder wraps them; anything else (a float, a subclass of str,
        a non-text key, text holding NUL) takes the mapper's path, so the result is the mapper's in every
        case (tested).
        """
        try:
            return self._fast(event)
        except _Unusual:
            return self.encode_with_mapper(event)

    def encode_storable(self, event: DomainEventProtocol) -> tuple[str, dict[str, Any]]:
        """`encode`, refusing what the ledger cannot keep exactly (`check_storable`): an event's state
        that the fast path took whole has no float and no NUL, so only the rest is walked again."""
        try:
            return self._fast(event)
        except _Unusual:
            topic, data = self.encode_with_mapper(event)
            check_storable(data)
            return topic, data

    def _fast(self, event: DomainEventProtocol) -> tuple[str, dict[str, Any]]:
        cls = type(event)
        known = self._topics.get(cls)
        if known is None:
            known = self._topics[cls] = (get_topic(cls), getattr(cls, "class_version", 1))
        topic, class_version = known
        data = dict(event.__dict__)  # the plain values as they are (one C copy); the others replaced below
        data.pop("originator_id", None)  # the stream id and version are columns, not state
        del data["originator_version"]
        for key, value in data.items():
            kind = type(value)
            if kind is str:
                if "\x00" in value:
                    raise _Unusual
            elif kind not in _PLAIN:
                direct = self._direct.get(kind)
                if direct is None:
                    data[key] = self._transcode(value)
                else:
                    data[key] = {"_type_": direct[0], "_data_": direct[1](value)}
        if class_version > 1:
            data["class_version"] = class_version
        return topic, data

    def encode_with_mapper(self, event: DomainEventProtocol) -> tuple[str, dict[str, Any]]:
        """The reference for `encode`."""
        stored = self.mapper.to_stored_event(event)
        return stored.topic, orjson.loads(stored.state)

    def _transcode(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            if "\x00" in value:
                raise _Unusual
            return value
        if kind in _PLAIN:
            return value
        if kind is dict:
            if not all(type(k) is str for k in value):
                raise _Unusual
            return {k: self._transcode(v) for k, v in value.items()}
        if kind is list or kind is tuple:
            return [self._transcode(v) for v in value]
        transcoding = self._by_type.get(kind)
        if transcoding is None:
            if isinstance(value, UUID):  # a driver's subclass (an id read from PostgreSQL): as a plain UUID,
                return self._transcode(exact_uuid(value))  # which the mapper would refuse
            raise _Unusual
        return {"_type_": transcoding.name, "_data_": self._transcode(transcoding.encode(value))}

    def decode(self, topic: str, stream_id: UUID, version: int, data: dict[str, Any]) -> Any:
        """What `Mapper.to_domain_event` does, on the dict asyncpg already decoded from jsonb.

        The mapper wants bytes and parses them again; skipping that round trip halves the cost of
        decoding, which dominates projection rebuilds. `decode_with_mapper` is the reference (tested equal).
        """
        cls = self._classes.get(topic)
        if cls is None:
            cls = self._classes[topic] = resolve_topic(topic)
        state = self._revive(data)
        state["originator_id"] = stream_id if type(stream_id) is UUID else exact_uuid(stream_id)
        state["originator_version"] = version
        class_version = getattr(cls, "class_version", 1)
        from_version = state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event

    def decode_with_mapper(self, topic: str, stream_id: UUID, version: int, data: dict[str, Any]) -> Any:
        stored = StoredEvent(
            originator_id=stream_id, originator_version=version, topic=topic, state=orjson.dumps(data)
        )
        return self.mapper.to_domain_event(stored)

    def _revive(self, value: Any) -> Any:
        """A new structure with `{"_type_": .., "_data_": ..}` turned back into values, inside out.

        Scalars are passed over without a call: this runs for every field of every event in a rebuild."""
        if type(value) is dict:
            if len(value) == 2 and "_type_" in value and "_data_" in value:
                data = value["_data_"]
                if type(data) in _NESTED:
                    data = self._revive(data)
                return self._transcodings[value["_type_"]].decode(data)
            return {k: self._revive(v) if type(v) in _NESTED else v for k, v in value.items()}
        if type(value) is list:
            return [self._revive(v) if type(v) in _NESTED else v for v in value]
        return value


# What the transcodings registered by `make_mapper` give, as the functions they call (tested equal).
_DIRECT: dict[type, Any] = {
    DateAsISO: date_text,
    DatetimeAsISO: utc_text,
    UUIDAsHex: UUID.hex.fget,  # type: ignore[attr-defined]
}


class _Unusual(Exception):
    """A value the fast encoding leaves to the mapper."""


def plain(value: Any) -> Any:
    """The transcoded JSON with `{"_type_": .., "_data_": ..}` wrappers removed, for people to read."""
    if isinstance(value, dict):
        if set(value) == {"_type_", "_data_"}:
            return plain(value["_data_"])
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def format_timestamp(moment: datetime) -> str:
    """Fixed-width UTC microsecond form, so the same instant always encodes the same way."""
    moment = moment.astimezone(UTC)
    if moment.year < 1000:  # strftime's %Y does not pad the year here; isoformat would
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # The same text as strftime("%Y-%m-%dT%H:%M:%S.%fZ"), at a third of its cost (tested equal).
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def canonical(
    *,
    position: int,
    stream_id: UUID | str,
    stream_type: str,
    version: int,
    topic: str,
    data: dict[str, Any],
    metadata: dict[str, Any],
    recorded_at: datetime | str,
    effective_on: date | str | None,
) -> bytes:
    if isinstance(recorded_at, datetime):
        recorded_at = format_timestamp(recorded_at)
    # orjson writes a UUID and a date exactly as str() and isoformat() do, without the call; other types
    # (asyncpg's UUID subclass, a datetime) are converted here.
    if isinstance(effective_on, date) and type(effective_on) is not date:
        effective_on = effective_on.isoformat()
    row = {
        "position": position,
        "stream_id": stream_id if type(stream_id) is UUID else str(stream_id),
        "stream_type": stream_type,
        "version": version,
        "topic": topic,
        "data": data,
        "metadata": metadata,
        "recorded_at": recorded_at,
        "effective_on": effective_on,
    }
    return orjson.dumps(row, option=orjson.OPT_SORT_KEYS)


def chain_hash(previous: str, encoded_row: bytes) -> str:
    return hashlib.sha256(previous.encode("ascii") + b"\n" + encoded_row).hexdigest()
