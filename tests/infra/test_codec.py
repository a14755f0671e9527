"""The stored form of events: our fast decode equals the eventsourcing mapper's, for every event type."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from riwayat.domain.errors import InvalidInput
from riwayat.infra.codec import EventCodec, canonical, check_storable
from riwayat.infra.codec_texts import utc_text
from riwayat.infra.ledger import EventStore
from tests.domain.samples import hired
from tests.projections.ledger import populated


async def test_fast_decode_equals_the_mappers_for_every_stored_event(bare_store: EventStore, tenant) -> None:
    await populated(bare_store, tenant, seed=7, steps=150)
    codec = EventCodec()
    types = set()
    async for page in bare_store.iter_events(tenant):
        for rec in page:
            fast = codec.decode(rec.topic, rec.stream_id, rec.version, rec.data)
            reference = codec.decode_with_mapper(rec.topic, rec.stream_id, rec.version, rec.data)
            assert type(fast) is type(reference) and fast.__dict__ == reference.__dict__
            types.add(rec.type)
    assert len(types) >= 12  # the ledger covers the event types


async def test_fast_encode_equals_the_mappers_for_every_event_type(bare_store: EventStore, tenant) -> None:
    await populated(bare_store, tenant, seed=11, steps=150)
    codec = EventCodec()
    types = set()
    async for page in bare_store.iter_events(tenant):
        for rec in page:
            event = codec.decode(rec.topic, rec.stream_id, rec.version, rec.data)
            assert codec.encode(event) == codec.encode_with_mapper(event) == (rec.topic, rec.data)
            types.add(rec.type)
    assert len(types) >= 12


@pytest.mark.parametrize("odd", [1.5, ("a", 1), {"k": (1, 2)}, {1: "non-text key"}, "nul\x00", ["a\x00"]])
def test_values_outside_the_fast_encoding_are_encoded_as_the_mapper_does(odd) -> None:
    from tests.infra.ledger.fixtures import Thing

    codec = EventCodec()
    thing = Thing(name="x")
    event = thing.collect_events()[0]
    object.__setattr__(event, "name", odd)
    assert codec.encode(event) == codec.encode_with_mapper(event)


def test_a_drivers_uuid_is_stored_as_the_plain_uuid_it_equals() -> None:
    # asyncpg reads uuid columns as its own subclass, which eventsourcing's transcoder refuses.
    import uuid

    from asyncpg.pgproto.pgproto import UUID as DriverUUID

    from tests.infra.ledger.fixtures import Thing

    codec, plain_id = EventCodec(), uuid.uuid4()
    event = Thing(name="x").collect_events()[0]
    object.__setattr__(
        event, "name", {"unit_id": DriverUUID(str(plain_id)), "ids": [DriverUUID(str(plain_id))]}
    )
    encoded = codec.encode_storable(event)
    object.__setattr__(event, "name", {"unit_id": plain_id, "ids": [plain_id]})
    assert encoded == codec.encode_with_mapper(event)


def test_the_canonical_encoding_ignores_key_order_and_keeps_text_exact() -> None:
    row = dict(
        position=1,
        stream_id="00000000-0000-0000-0000-000000000001",
        stream_type="Employee",
        version=1,
        topic="t",
        metadata={"actor": "a"},
        recorded_at="2026-01-01T00:00:00.000000Z",
        effective_on=None,
    )
    one = canonical(data={"b": 1, "a": {"y": "Ñ", "x": [1, 2]}}, **row)
    two = canonical(data={"a": {"x": [1, 2], "y": "Ñ"}, "b": 1}, **row)
    assert one == two
    check_storable({"a": [1, "x", {"b": None}]})


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"a": 1.5}, "data.a"),
        ({"a": [{"b": "x\x00"}]}, "data.a[0].b"),
        ({"a": "\x00"}, "data.a"),
        ([1, [2.0]], "data[1][0]"),
        ({"roles": ["hr", "a\x00"]}, "data.roles[1]"),
        ({"actor": "x", "roles": ["hr", 1.5]}, "data.roles[1]"),
        ({"actor": "x", "n": 2, "roles": [], "k": None, "x": {"y": 1.0}}, "data.x.y"),
        ({"actor": "x", "reason": "a\x00"}, "data.reason"),
        ([1.0], "data[0]"),
    ],
)
def test_values_jsonb_cannot_keep_exactly_are_refused_with_their_place(value, where: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_storable(value)
    assert f"({where})" in refused.value.message


def test_effective_dates_are_stored_as_their_iso_text_before_and_after_the_remembered_ones_are_cleared() -> (
    None
):
    codec = EventCodec()
    employee = hired()
    start = date(2020, 1, 1)
    for n in range(5000):  # more days than the codec remembers
        employee.record_training("Pelatihan", "E_LEARNING", 1, start + timedelta(days=n % 4500))
    for event in employee.collect_events():
        _, fast = codec.encode(event)
        assert fast == codec.encode_with_mapper(event)[1]
        assert fast["effective_on"] == {"_type_": "date_iso", "_data_": event.effective_on.isoformat()}


def test_timestamps_are_stored_as_their_isoformat() -> None:
    rng = random.Random(7)
    zones = [UTC, timezone(timedelta(hours=7)), timezone(timedelta(0)), None]
    for n in range(3000):
        moment = datetime(
            rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
            rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
            rng.choice([0, 1, 999999, rng.randint(0, 999999)]), tzinfo=zones[n % 4], fold=n % 2,
        )  # fmt: skip
        assert utc_text(moment) == moment.isoformat()
