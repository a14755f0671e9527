"""Frames between the worker processes of one host: a batch of already-encoded append requests one way, its
answers the other, each frame a 4-byte length and a pickle.

Pickle is safe here only because nobody but this user can reach the socket: it lives in a directory of
this user's own, mode 0700 (`socket_path`). Answers that are exceptions travel as their class, args and
attributes and are rebuilt without calling `__init__` (`ClaimTaken(claim)` cannot be made from its
message, which is all an exception's default pickling keeps). `Link` is a forwarder's end, `Answers` the
writer's: each request is answered on its own, as soon as it is known.

What crosses is plain data, not the objects: a request as a tuple of its fields, its stream ids as their
128-bit integers and its effective dates as ordinals (a UUID or a date pickled as an object costs a Python
call on each side, and the writer rebuilds every request of every batch); a written command's answer as
its last position alone, which the forwarder turns back into the result from the request it kept (stream,
version, event count). Anything else (a replay, a refusal, a UUID subclass) travels as itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import os
import pickle
import socket
import struct
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID, SafeUUID

from riwayat.infra.ledger.flights import answer_to
from riwayat.infra.ledger.records import AppendRequest, AppendResult

if TYPE_CHECKING:
    from riwayat.infra.ledger.committer import Queued

log = logging.getLogger(__name__)

_LENGTH = 4
# Seconds a writer may leave a batch unanswered while sending nothing at all before it counts as hung
# (stopped, stuck in one call): far above a batch's time, below a request's deadline.
HUNG = 5.0
_new = object.__new__
_set = object.__setattr__
_UNKNOWN = SafeUUID.unknown
_fromordinal = date.fromordinal


def socket_path(url: str, schema: str) -> Path:
    """The writer's socket for one tenant schema on one database server: the same name in every worker
    of this host (credentials left out of the name), in a directory only this user may enter."""
    parts = urlsplit(url)
    where = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    digest = hashlib.sha256(f"{where}|{schema}".encode()).hexdigest()[:24]
    base = Path(os.environ.get("RIWAYAT_RUN_DIR") or tempfile.gettempdir()) / f"riwayat-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    info = base.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{base} must belong to this user alone (mode 0700)")
    return base / f"w-{digest}.sock"


class _Raised:
    """An exception as it travels: rebuilt with its class, args and attributes, its `__init__` not run."""

    def __init__(self, error: BaseException) -> None:
        self.cls, self.args, self.state = type(error), error.args, dict(getattr(error, "__dict__", {}))

    def rebuild(self) -> BaseException:
        error = self.cls.__new__(self.cls)
        error.args = self.args
        error.__dict__.update(self.state)
        return error


def encode_answers(answers: list[Any]) -> list[Any]:
    out = []
    for answer in answers:
        if isinstance(answer, BaseException):
            raised = _Raised(answer)
            try:
                pickle.dumps(raised)
            except Exception:  # noqa: BLE001 - an attribute that does not travel: the message does
                raised = _Raised(RuntimeError(f"{type(answer).__name__}: {answer}"))
            answer = raised
        out.append(answer)
    return out


def decode_answers(answers: list[Any]) -> list[Any]:
    return [a.rebuild() if isinstance(a, _Raised) else a for a in answers]


def _uuid(value: Any) -> Any:
    """A stream id as it crossed: its integer back as the UUID (without `UUID.__init__`'s checks)."""
    if type(value) is not int:
        return value
    uuid = _new(UUID)
    _set(uuid, "int", value)
    _set(uuid, "is_safe", _UNKNOWN)
    return uuid


def pack_request(request: AppendRequest) -> tuple:
    r = request
    rows = [
        (s.int if type(s) is UUID else s, version, topic, data, e.toordinal() if type(e) is date else e)
        for s, version, topic, data, e in r.encoded
    ]
    firsts = [(s.int if type(s) is UUID else s, version) for s, version in r.first_versions.items()]
    return (rows, firsts, r.metadata, r.command_id, r.idempotency_key, r.fingerprint, r.claims, r.releases,
            r.deadline)  # fmt: skip


def unpack_request(packed: tuple) -> AppendRequest:
    rows, firsts, metadata, command_id, key, fingerprint, claims, releases, deadline = packed
    request = _new(AppendRequest)
    _set(request, "__dict__", {
        "encoded": [
            (_uuid(s), version, topic, data, _fromordinal(e) if type(e) is int else e)
            for s, version, topic, data, e in rows
        ],
        "first_versions": {_uuid(s): version for s, version in firsts},
        "metadata": metadata, "command_id": command_id, "idempotency_key": key, "fingerprint": fingerprint,
        "claims": claims, "releases": releases, "deadline": deadline,
    })  # fmt: skip
    return request


def pack_answer(request: AppendRequest, answer: Any) -> Any:
    """A written command's answer as its last position when the forwarder can rebuild it from `request`."""
    if type(answer) is AppendResult and not answer.replayed:
        positions, encoded = answer.positions, request.encoded
        stream_id, version = encoded[-1][0], encoded[-1][1]
        n = len(encoded)
        last = positions[-1] if len(positions) == n else None
        if (
            type(last) is int and answer.stream_id == stream_id and answer.version == version
            and (n == 1 or positions == list(range(last - n + 1, last + 1)))
        ):  # fmt: skip
            return last
    return encode_answers([answer])[0]


def unpack_answer(request: AppendRequest, answer: Any) -> Any:
    if type(answer) is int:
        encoded = request.encoded
        last = encoded[-1]
        return AppendResult.of(last[0], last[1], list(range(answer - len(encoded) + 1, answer + 1)))
    return answer.rebuild() if isinstance(answer, _Raised) else answer


def send(writer: asyncio.StreamWriter, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(len(data).to_bytes(_LENGTH, "big") + data)


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message; `asyncio.IncompleteReadError` once the other side is gone."""
    size = int.from_bytes(await reader.readexactly(_LENGTH), "big")
    return pickle.loads(await reader.readexactly(size))  # noqa: S301 - see the module: this user only


answer = answer_to  # a caller's answer, unless it has one


def peer_pid(writer: asyncio.StreamWriter) -> int | None:
    """The process at the other end of a unix socket (SO_PEERCRED), None where the platform has no such
    option."""
    sock = writer.get_extra_info("socket")
    option = getattr(socket, "SO_PEERCRED", None)
    if sock is None or option is None:
        return None
    pid, _, _ = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return pid


class Slot:
    """A forwarded request's place in the writer's queue, answered as a future is (`done`, `cancelled`,
    `set_result`, `set_exception`: all the committer asks of one) but without being one: its answer goes
    straight into the frame being filled, with no callback scheduled on the event loop per request."""

    __slots__ = ("answers", "number", "index", "request", "answered")

    def __init__(self, answers: Answers, number: int, index: int, request: AppendRequest) -> None:
        self.answers, self.number, self.index, self.request = answers, number, index, request
        self.answered = False

    def done(self) -> bool:
        return self.answered

    def cancelled(self) -> bool:
        return False  # nobody on the writer's side gives up on a forwarded request

    def set_result(self, result: Any) -> None:
        self._answer(result)

    def set_exception(self, error: BaseException) -> None:
        self._answer(error)

    def _answer(self, answer: Any) -> None:
        if self.answered:
            raise asyncio.InvalidStateError("answered already")
        self.answered = True
        self.answers.answered(self, answer)


class Answers:
    """The writer's answers to one forwarder, sent as they come: every answer known by the end of a turn
    of the event loop goes in one frame, so a caller is not held back by the rest of its batch."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.ready: list[tuple[int, int, Any]] = []
        self.open = 0  # requests received and not yet answered
        self.owed = False  # answered since its last frame: its callers' next commands are on their way
        self.idle: asyncio.Future[None] | None = None
        self.loop = asyncio.get_running_loop()

    def slots(self, number: int, requests: list[AppendRequest]) -> list[Queued]:
        """The received batch `number` as the writer's committer queues it."""
        self.open += len(requests)
        return [(request, Slot(self, number, i, request), False) for i, request in enumerate(requests)]

    def answered(self, slot: Slot, answer: Any) -> None:
        self.open -= 1
        self.owed = True
        if not self.ready:
            self.loop.call_soon(self._flush)
        self.ready.append((slot.number, slot.index, pack_answer(slot.request, answer)))
        if not self.open and self.idle is not None and not self.idle.done():
            self.idle.set_result(None)

    def _flush(self) -> None:
        ready, self.ready = self.ready, []
        if not self.writer.is_closing():
            send(self.writer, ready)

    async def drained(self) -> None:
        """Until every request received is answered (the forwarder may be gone: they are still written)."""
        if self.open:
            self.idle = self.loop.create_future()
            await self.idle


class Link:
    """A forwarder's connection to the writer: batches sent one after another, each request answered on
    its own; `on_returned(unanswered)` once per batch sent, when its last request is answered (an empty
    list) or when the writer went away (the requests it did not answer)."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        on_lost: Callable[[], None],
        on_returned: Callable[[list[Queued]], None],
        on_hung: Callable[[int | None], Awaitable[None]] | None = None,
    ) -> None:
        self.writer, self.on_lost, self.on_returned, self.lost = writer, on_lost, on_returned, False
        self.numbers = itertools.count()
        # per batch sent: its requests and the indexes of those that still wait
        self.waiting: dict[int, tuple[list[Queued], set[int]]] = {}
        self.loop = asyncio.get_running_loop()
        self.sent: dict[int, float] = {}  # when each batch still waiting was sent (loop time)
        self.heard = self.loop.time()  # the writer's last frame
        self.peer = peer_pid(writer)
        self.reading = self.loop.create_task(self._read(reader))
        self.watching = None if on_hung is None else self.loop.create_task(self._watch(on_hung))

    def send(self, batch: list[Queued]) -> None:
        if self.lost:
            self.on_returned(batch)
            return
        number = next(self.numbers)
        self.waiting[number] = (batch, set(range(len(batch))))
        self.sent[number] = self.loop.time()
        send(self.writer, (number, [pack_request(q[0]) for q in batch]))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                frame = await receive(reader)
                self.heard = self.loop.time()
                for number, i, packed in frame:
                    batch, left = self.waiting[number]
                    request, future, _ = batch[i]
                    answer(future, unpack_answer(request, packed))
                    left.discard(i)
                    if not left:
                        del self.waiting[number], self.sent[number]
                        self.on_returned([])
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.lost = True
            if self.watching is not None and self.watching is not asyncio.current_task():
                self.watching.cancel()
            waiting, self.waiting = self.waiting, {}
            for batch, left in waiting.values():
                self.on_returned([batch[i] for i in sorted(left)])
            self.writer.close()
            self.on_lost()

    async def _watch(self, on_hung: Callable[[int | None], Awaitable[None]]) -> None:
        """A writer that keeps a batch unanswered for `HUNG` seconds while sending nothing is fenced off
        (`on_hung(its process id)` ends its connections), then left as a dead one is: what it did not
        answer is looked up and queued again. Late at two checks in a row, so that answers that waited in
        the socket while this process itself was paused are read first."""
        late = 0
        while not self.lost:
            await asyncio.sleep(HUNG / 4)
            now = self.loop.time()
            overdue = bool(self.sent) and now - min(self.sent.values()) > HUNG and now - self.heard > HUNG
            late = late + 1 if overdue else 0
            if late < 2:
                continue
            try:
                await on_hung(self.peer)
            except Exception as error:  # noqa: BLE001 - the server may be back a moment later
                log.warning("could not fence off the hung writer (process %s): %s", self.peer, error)
                late = 0
                continue
            self.reading.cancel()
            return

    def close(self) -> None:
        self.reading.cancel()
