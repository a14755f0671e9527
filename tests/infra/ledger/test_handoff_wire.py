"""What crosses between a forwarder and its writer (`wire`): a request arrives as the request that was sent,
field by field, and every answer as the answer the writer gave, whichever short form it travelled in."""

from __future__ import annotations

import asyncio
import pickle
import uuid
from datetime import UTC, date, datetime

from riwayat.infra.ledger import wire
from riwayat.infra.ledger.records import AppendRequest, AppendResult, Claim, ClaimTaken


class _Id(uuid.UUID):
    """A UUID subclass: must cross as itself (the statements treat it apart from a plain UUID)."""


def _request(*events, key=None, claims=(), deadline=None) -> AppendRequest:
    encoded = list(events)
    firsts: dict = {}
    for stream_id, version, *_ in encoded:
        firsts.setdefault(stream_id, version)
    request = AppendRequest(
        encoded, firsts, {"actor": "hr", "roles": ["hr"]}, key or uuid.uuid4().hex, key,
        "fp" if key else None, tuple(claims), (), deadline,
    )  # fmt: skip
    return request


def _across(message):
    return pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_request_arrives_as_it_was_sent() -> None:
    a, b = uuid.uuid4(), _Id(int=uuid.uuid4().int)
    requests = [
        _request((a, 3, "t:Employee.Trained", {"title": "Ü\x01", "n": [1, {"x": None}]}, date(2024, 3, 1))),
        _request(
            (b, 1, "t:Employee.Hired", {"k": "v"}, datetime(2024, 3, 1, 7, tzinfo=UTC)),
            (a, 4, "t:Employee.Moved", {}, None),
            key="key-1", claims=[Claim("nip", "1986", b)], deadline=1234.5,
        ),
    ]  # fmt: skip

    back = [wire.unpack_request(p) for p in _across([wire.pack_request(r) for r in requests])]

    assert back == requests
    assert [r.deadline for r in back] == [None, 1234.5]
    assert type(back[0].encoded[0][0]) is uuid.UUID and str(back[0].encoded[0][0]) == str(a)
    assert type(back[1].encoded[0][0]) is _Id and type(back[1].encoded[0][4]) is datetime
    assert type(back[0].encoded[0][4]) is date
    assert hash(back[0].encoded[0][0]) == hash(a) and back[1].first_versions == {b: 1, a: 4}


def test_every_answer_arrives_as_the_writer_gave_it() -> None:
    one = _request((uuid.uuid4(), 7, "t:E", {}, None))
    two = _request((s := uuid.uuid4(), 1, "t:E", {}, None), (s, 2, "t:E", {}, None))
    claim = Claim("nip", "1986", uuid.uuid4())
    cases = [
        (one, AppendResult.of(one.encoded[0][0], 7, [41])),
        (two, AppendResult.of(s, 2, [8, 9])),
        (two, AppendResult(s, 2, [8, 9], replayed=True)),  # a replay keeps its flag
        (two, AppendResult(s, 2, [3, 9])),  # not the shape the forwarder would rebuild: sent whole
        (one, AppendResult(uuid.uuid4(), 7, [41])),
        (one, ClaimTaken(claim)),
    ]
    packed = _across([wire.pack_answer(r, a) for r, a in cases])
    assert type(packed[0]) is int and type(packed[1]) is int  # written commands cross as a position

    back = [wire.unpack_answer(r, p) for (r, _), p in zip(cases, packed, strict=True)]

    for (_, sent), got in zip(cases[:5], back[:5], strict=True):
        assert got == sent and got.replayed == sent.replayed and type(got.stream_id) is uuid.UUID
    assert type(back[5]) is ClaimTaken and back[5].claim == claim and str(back[5]) == str(cases[5][1])


async def test_a_slot_is_answered_once_like_a_future() -> None:
    class _Writer:
        def __init__(self) -> None:
            self.frames: list[bytes] = []

        def write(self, data: bytes) -> None:
            self.frames.append(data)

        def is_closing(self) -> bool:
            return False

    sink = _Writer()
    answers = wire.Answers(sink)  # type: ignore[arg-type]
    request = _request((uuid.uuid4(), 1, "t:E", {}, None))
    ((_, slot, kept), (_, other, _)) = answers.slots(5, [request, request])
    assert not slot.done() and not slot.cancelled() and not kept

    slot.set_result(AppendResult.of(request.encoded[0][0], 1, [10]))
    other.set_exception(ValueError("refused"))
    drained = asyncio.ensure_future(answers.drained())
    await asyncio.sleep(0)

    assert slot.done() and drained.done()
    try:
        slot.set_result(None)
    except asyncio.InvalidStateError:
        pass
    else:
        raise AssertionError("a slot answered twice")
    (frame,) = sink.frames
    ((n1, i1, a1), (n2, i2, a2)) = pickle.loads(frame[4:])
    assert (n1, i1, a1, n2, i2) == (5, 0, 10, 5, 1) and isinstance(
        wire.unpack_answer(request, a2), ValueError
    )
