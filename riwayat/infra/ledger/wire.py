"""Frames between the worker processes of one host: a batch of already-encoded append requests one way, its
answers the other, each frame a 4-byte length and a pickle.

Pickle is safe here only because nobody but this user can reach the socket: it lives in a directory of
this user's own, mode 0700 (`socket_path`). Answers that are exceptions travel as their class, args and
attributes and are rebuilt without calling `__init__` (`ClaimTaken(claim)` cannot be made from its
message, which is all an exception's default pickling keeps). `link.Link` is a forwarder's end, `Answers`
the writer's: each request is answered on its own, as soon as it is known.

What crosses is plain data, not the objects: a request as a tuple of its fields, its stream ids as their
128-bit integers and its effective dates as ordinals (a UUID or a date pickled as an object costs a Python
call on each side, and the writer rebuilds every request of every batch); a written command's answer as
its last position alone, which the forwarder turns back into the result from the request it kept (stream,
version, event count). Anything else (a replay, a refusal, a UUID subclass) travels as itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import pickle
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID

from riwayat.infra.codec import plain_uuid
from riwayat.infra.ledger.flights import answer_to
from riwayat.infra.ledger.records import AppendRequest, AppendResult

if TYPE_CHECKING:
    from riwayat.infra.ledger.committer import Queued

_LENGTH = 4
_new = object.__new__
_set = object.__setattr__
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
    """A stream id as it crossed: its integer back as the UUID."""
    return plain_uuid(value) if type(value) is int else value


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


def pickled(message: Any) -> bytes:
    """`message` as one frame."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_LENGTH, "big") + data


def send(writer: asyncio.StreamWriter, message: Any) -> None:
    writer.write(pickled(message))


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message; `asyncio.IncompleteReadError` once the other side is gone."""
    size = int.from_bytes(await reader.readexactly(_LENGTH), "big")
    return pickle.loads(await reader.readexactly(size))  # noqa: S301 - see the module: this user only


answer = answer_to  # a caller's answer, unless it has one


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
