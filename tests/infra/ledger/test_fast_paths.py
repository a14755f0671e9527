"""The append path's shortcuts give exactly what the general forms give: hashes of chains already stored
still verify, and the records equal those their constructors make."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

from riwayat.infra.audit import ChainChecker
from riwayat.infra.codec import GENESIS_HASH, canonical, format_timestamp
from riwayat.infra.ledger.chain import chain, first_versions
from riwayat.infra.ledger.ids import new_command_id
from riwayat.infra.ledger.records import AppendRequest, AppendResult, Head, RecordedEvent

STREAM = uuid.UUID("12345678-1234-5678-1234-567812345678")
TOPIC = "riwayat.domain.employee:Employee.TrainingCompleted"


def test_the_hashes_of_a_batch_are_those_the_first_chains_were_stored_with() -> None:
    # Computed by the code before the shortcuts: a change of the hash input breaks every stored chain.
    encoded = [
        (STREAM, 1, TOPIC, {"hours": 2, "title": "Pelatihan", "b": [1, {"z": "ä"}]}, date(2024, 3, 1)),
        (STREAM, 2, TOPIC, {"hours": 3}, None),
    ]
    request = AppendRequest(encoded, first_versions(encoded), {"actor": "tester", "roles": ["hr"]}, "c1")
    (events,) = chain(Head(0, GENESIS_HASH), [request], datetime(2026, 3, 1, 8, 0, 0, 123, tzinfo=UTC))
    assert [e.hash for e in events] == [
        "9ec320e7931e9c53d8e039087d7f8375ff25f53a823ea2962b7fdb10eb49d69c",
        "e29798310cfe40eb0a7bc8aaa069ff55377b8198e1c1aa0c048d57cffa1a28f7",
    ]
    checker = ChainChecker()  # and the auditors' check (the general encoding) accepts them
    for e in events:
        checker.feed(e.position, e.canonical(), e.hash)
    assert checker.first_broken is None and checker.checked == 2


def test_timestamps_are_written_as_strftime_writes_them() -> None:
    moments = [
        datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 3, 1, 8, 0, 0, 7, tzinfo=timezone(timedelta(hours=7))),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ]
    for moment in moments:
        assert format_timestamp(moment) == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_a_subclassed_uuid_or_a_datetime_as_effective_date_is_hashed_in_the_general_form() -> None:
    class DriverUUID(uuid.UUID):
        pass

    odd = DriverUUID(int=STREAM.int)
    encoded = [(odd, 1, TOPIC, {"hours": 2}, datetime(2024, 3, 1, 0, 0))]
    request = AppendRequest(encoded, first_versions(encoded), {"actor": "tester"}, "c2")
    ((event,),) = chain(Head(0, GENESIS_HASH), [request], datetime(2026, 3, 1, tzinfo=UTC))
    checker = ChainChecker()
    checker.feed(event.position, canonical(**{
        f.name: getattr(event, f.name) for f in dataclasses.fields(event) if f.name != "hash"
    }), event.hash)  # fmt: skip
    assert checker.first_broken is None


def test_records_made_by_the_shortcuts_equal_the_constructors() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    values = (1, STREAM, "Employee", 1, TOPIC, {"a": 1}, {"actor": "x"}, now, None, "ab" * 32)
    made = RecordedEvent.of(*values)
    assert made == RecordedEvent(*values)
    assert AppendResult.of(STREAM, 3, [7]) == AppendResult(STREAM, 3, [7])
    args = ([(STREAM, 1, TOPIC, {}, None)], {STREAM: 1}, {}, "id", None, None, (), ())
    assert dataclasses.asdict(AppendRequest.of(*args)) == dataclasses.asdict(AppendRequest(*args))


def test_generated_command_ids_are_distinct_and_shaped_like_uuid_hex() -> None:
    ids = [new_command_id() for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
