"""How a writer for other processes fills its pipeline (issue 20.2): the answers of forwarded requests
leave before its own callers go on, and it knows which forwarders' next frames are due (answered since
their last frame), so that its next batch can wait for them while the batch before it is written — and
never past it. A real committer writing to PostgreSQL; the forwarder's end of the socket is played by a
stream the test feeds and a sink that keeps what the writer sends."""

from __future__ import annotations

import asyncio
import pickle

from riwayat.infra.ledger import EventStore, wire
from riwayat.infra.ledger.handoff import Relay
from tests.infra.ledger.fixtures import Thing, metadata


class _Sink:
    """The writer's side of a forwarder's connection: what it sends, kept."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.frames.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


def _request(store: EventStore, name: str):
    return store.request(Thing(name=name).collect_events(), metadata(), None, None, (), (), None)


def _frame(message) -> bytes:
    sink = _Sink()
    wire.send(sink, message)  # type: ignore[arg-type]
    return sink.frames[0]


async def _until(condition, within: float = 10.0) -> None:
    for _ in range(int(within / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("not within the bound")


async def test_a_batch_answers_the_forwarded_requests_before_its_own_callers_go_on(
    db, settings, tenant
) -> None:
    store = EventStore(db)
    try:
        committer = store.committer(tenant)
        committer.relay = Relay(committer, settings.database_url, lambda request: False)
        sink = _Sink()
        answers = wire.Answers(sink)  # type: ignore[arg-type]
        committer.relay.answering.add(answers)  # a writer for one forwarder (it takes its queue whole)
        own, handed = _request(store, "own"), _request(store, "handed")
        mine = committer.enqueue(own)  # first in the queue, so first in the batch
        committer.queue.extend(answers.slots(0, [handed]))  # as the writer queues a forwarder's frame

        result = await mine

        # When this caller goes on, the forwarder's answer is on its way already: both processes' callers
        # decide their next commands at once.
        (frame,) = sink.frames
        ((number, index, position),) = pickle.loads(frame[4:])
        assert (number, index) == (0, 0) and position == result.positions[-1] + 1
        assert [r.version for r in await store.read_stream(tenant, handed.encoded[0][0])] == [1]
    finally:
        await store.close()


async def test_a_forwarder_answered_is_due_until_its_next_frame_and_the_wait_for_it_is_bounded(
    db, settings, tenant
) -> None:
    store = EventStore(db)
    committer = store.committer(tenant)
    relay = committer.relay = Relay(committer, settings.database_url, lambda request: False)
    reader, sink = asyncio.StreamReader(), _Sink()
    serving = asyncio.ensure_future(relay._serve(reader, sink))  # type: ignore[arg-type]
    try:
        assert not relay.frames_due()  # nobody answered yet
        reader.feed_data(_frame((0, [wire.pack_request(_request(store, "first"))])))
        await _until(lambda: len(sink.frames) == 1)
        assert relay.frames_due()  # answered: its caller's next command is on its way

        loop = asyncio.get_running_loop()
        written = loop.create_future()  # stands for the batch in flight
        waiting = asyncio.ensure_future(relay.frames_or(written))
        await asyncio.sleep(0)
        assert not waiting.done()
        reader.feed_data(_frame((1, [wire.pack_request(_request(store, "second"))])))
        await asyncio.wait_for(waiting, 10)  # its frame came in: the next batch need not wait
        assert not written.done()

        await _until(lambda: len(sink.frames) == 2)
        assert relay.frames_due()  # answered again, and this time nothing comes back
        waiting = asyncio.ensure_future(relay.frames_or(written))
        await asyncio.sleep(0)
        assert not waiting.done()
        written.set_result(True)
        await asyncio.wait_for(waiting, 10)  # the batch in flight is written: no longer than that

        reader.feed_eof()  # the forwarder goes away: it owes nothing any more
        await asyncio.wait_for(serving, 10)
        assert not relay.frames_due() and sink.closed
    finally:
        serving.cancel()
        await relay.close()
        await store.close()
