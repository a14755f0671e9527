"""The hash chain and the shape of a batch, without a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from riwayat.infra.audit import ChainChecker
from riwayat.infra.codec import GENESIS_HASH
from riwayat.infra.ledger.chain import chain, end_of, expected_versions, first_versions
from riwayat.infra.ledger.records import Claim, Head
from tests.infra.ledger.requests import TOPIC, request

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def test_a_batch_continues_the_chain_from_the_head_with_one_timestamp() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    first = chain(Head(0, GENESIS_HASH), [request(a, events=2)], NOW)
    second = chain(end_of(first), [request(b), request(a, first=3)], NOW + timedelta(seconds=1))

    rows = [e for events in first + second for e in events]
    assert [e.position for e in rows] == [1, 2, 3, 4]
    assert [(e.stream_id, e.version) for e in rows] == [(a, 1), (a, 2), (b, 1), (a, 3)]
    assert {e.recorded_at for e in rows[2:]} == {NOW + timedelta(seconds=1)}
    assert rows[0].stream_type == "Thing" and rows[0].topic == TOPIC
    checker = ChainChecker()  # the auditors' verification accepts what was chained
    for e in rows:
        checker.feed(e.position, e.canonical(), e.hash)
    assert checker.first_broken is None and checker.checked == 4
    assert end_of(second) == Head(4, rows[-1].hash, rows[-1].recorded_at)


def test_a_clock_that_goes_back_never_makes_recorded_at_go_back() -> None:
    head = Head(7, "ab" * 32, NOW)
    (events,) = chain(head, [request(uuid.uuid4())], NOW - timedelta(hours=1))
    assert events[0].recorded_at == NOW and events[0].position == 8


def test_a_change_to_any_field_changes_the_hash() -> None:
    a = uuid.uuid4()
    (one,) = chain(Head(0, GENESIS_HASH), [request(a)], NOW)
    (other,) = chain(Head(0, GENESIS_HASH), [request(a, first=2)], NOW)
    assert one[0].hash != other[0].hash


def test_events_of_one_stream_must_follow_each_other() -> None:
    a = uuid.uuid4()
    assert first_versions([(a, 3, TOPIC, {}, None), (a, 4, TOPIC, {}, None)]) == {a: 3}
    with pytest.raises(ValueError, match="not contiguous"):
        first_versions([(a, 3, TOPIC, {}, None), (a, 5, TOPIC, {}, None)])


def test_a_batch_is_planned_on_the_versions_it_assumes_unless_its_requests_depend_on_each_other() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    nip = Claim("nip", "198609262015051001", a)
    assert expected_versions([request(a, first=3), request(b), request(a, first=4)]) == {a: 2, b: 0}
    assert expected_versions([request(a, first=3), request(a, first=3)]) is None  # one is stale
    assert expected_versions([request(a, key="k"), request(b, key="k")]) is None  # one is a replay
    assert (
        expected_versions([request(a, claims=(nip,)), request(b, claims=(Claim("nip", nip.value, b),))])
        is None
    )
    released_then_claimed = [  # released claims are deleted by the judged path only
        request(a, first=5, releases=(nip,)),
        request(b, claims=(Claim("nip", nip.value, b),)),
    ]
    assert expected_versions(released_then_claimed) is None
