"""One writer per tenant among the worker processes of a host: the others hand it their batches.

Workers that each write their own batches of one tenant keep moving the head under each other: a batch is
rechained and resent, batches go one at a time, and each worker's batches hold only its own share of the
callers, so the commits (one fsync each) carry fewer events. Once a committer sees another process move
the head (`contended`), its relay holds an election: a session advisory lock per tenant, tried on a
connection of its own. The winner is the tenant's writer: it listens on a unix socket (`wire`) and puts
the requests it receives into its own committer's queue, so they share its batches and its pipeline. The
losers forward: each batch — requests already decided and encoded by the worker that received them — goes
to the writer as ONE message and comes back as one message of answers; the writer only chains and writes.
Most commands go earlier, whole, as `calls`: the writer decides them too (`forward_call`, `serve`).

Nothing here is needed for correctness: every statement still checks the head it was chained on, so a
worker that writes by itself (no election yet, a writer on another host, a request that must stay local)
is merely slower. What must hold is that a request is written once and answered truly:

- the writer dies (kill -9): its socket closes, so each forwarder learns at once which of its requests
  have no answer. It waits for the head lock (a statement the dead writer had sent finishes first), looks
  their command ids up, answers those that landed as written and queues the rest again; then it holds the
  election again, and one of the survivors becomes the writer. The advisory lock goes with the dead
  writer's connection, which the server drops when the process dies.
- a request with an idempotency key is always queued again rather than looked up (its id is its key, which
  may name an earlier command): the key answers it.
- a request whose events name a data key not yet stored (privacy: the key rides in its own append) stays
  with its worker, whose committer alone knows that key (`local_only`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import asyncpg

from riwayat.infra import database
from riwayat.infra.ledger import calls, link, recovery, wire
from riwayat.infra.ledger.records import AppendRequest, AppendResult

if TYPE_CHECKING:
    from riwayat.infra.ledger.committer import Committer, Queued

log = logging.getLogger(__name__)

LOCK_CLASS = 0x52575752  # the advisory lock's first key ("RWWR"); the second is hashtext(schema)
RETRIES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)  # pauses between elections after a writer is lost (s)
WRITER = "riwayat writer"  # the lease connection's application_name, with the process id
QUIET = 1.0  # seconds before a failed election may be held again on the next moved head
CLOSING = 30.0  # seconds a closing writer gives the requests handed to it to be written and answered


class Relay:
    def __init__(self, committer: Committer, url: str, local_only: Callable[[AppendRequest], bool]) -> None:
        self.committer, self.url, self.local_only = committer, url, local_only
        self.schema = committer.tenant.schema
        self.role: str | None = None  # None: writes by itself; "writer"; "forwarder"
        self.lease: asyncpg.Connection | None = None
        self.server: asyncio.AbstractServer | None = None
        self.link: link.Link | None = None
        self.electing: asyncio.Task[None] | None = None
        self.next_election = 0.0
        self.in_flight = 0
        self.slot = asyncio.Event()
        self.closed = False
        self.serving: set[asyncio.Task[None]] = set()  # the writer's connections from forwarders
        self.answering: set[wire.Answers] = set()  # their answers, one per connection
        self.due: asyncio.Future[None] | None = None  # set once no frame is due (`frames_or`)
        self.run_call: calls.Handler | None = None  # the writer's: runs a forwarded call (`calls`)
        self.calls: list[Queued] = []  # a forwarder's calls of this turn of the loop, sent as one frame

    @property
    def forwarding(self) -> bool:
        return self.role == "forwarder" and self.link is not None and not self.link.lost

    def contended(self) -> None:
        """Another process moved the head: hold an election unless one is held or was lost lately."""
        loop = asyncio.get_running_loop()
        idle = self.electing is None or self.electing.done()
        if self.role is None and not self.closed and idle and loop.time() >= self.next_election:
            self.electing = loop.create_task(self._elect(RETRIES))

    async def _elect(self, pauses: tuple[float, ...]) -> None:
        for pause in pauses:
            await asyncio.sleep(pause)
            if self.closed:
                return
            try:
                if await self._try_to_lead() or await self._try_to_follow():
                    return
            except PermissionError as error:  # a run directory another user can enter: never used
                log.warning("tenant %s: no writer hand-off: %s", self.schema, error)
                break
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.debug("tenant %s: election failed: %s", self.schema, error)
        self.next_election = asyncio.get_running_loop().time() + QUIET

    async def _try_to_lead(self) -> bool:
        # Named, so that an operator (and a test) sees which process writes: pg_stat_activity, pg_locks.
        con = await asyncpg.connect(self.url, server_settings={"application_name": f"{WRITER} {os.getpid()}"})
        try:
            won = await con.fetchval("SELECT pg_try_advisory_lock($1, hashtext($2))", LOCK_CLASS, self.schema)
            if not won:
                await con.close()
                return False
            path = wire.socket_path(self.url, self.schema)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # a dead writer's: the lock says nobody listens there any more
            self.server = await asyncio.start_unix_server(self._serve, path)
            path.chmod(0o600)
        except BaseException:
            con.terminate()
            raise
        self.lease, self.role = con, "writer"
        con.add_termination_listener(lambda _: self._deposed())
        log.info("tenant %s: this worker writes for the workers of this host", self.schema)
        return True

    async def _try_to_follow(self) -> bool:
        reader, writer = await asyncio.open_unix_connection(wire.socket_path(self.url, self.schema))
        self.link = link.Link(reader, writer, self._writer_lost, self._returned, self._fence)
        self.role = "forwarder"
        return True

    async def _fence(self, pid: int | None) -> None:
        """A writer that hung (`link.HUNG`): its connections ended (`recovery.fence`)."""
        if pid is not None:
            names = [f"{WRITER} {pid}", database.connection_name(pid)]
            await recovery.fence(self.url, self.schema, pid, names)

    def _deposed(self) -> None:
        """The lease's connection is gone (a restarted server): another worker may be elected already."""
        if self.role == "writer":
            self.role, self.lease = None, None
            if self.server is not None:
                self.server.close()
                self.server = None

    def _writer_lost(self) -> None:
        if self.role == "forwarder":
            self.role, self.link = None, None
            if not self.closed:
                self.electing = asyncio.get_running_loop().create_task(self._elect(RETRIES))

    # ---- the writer -----------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One forwarder's batches into this committer's queue, each answered as it is written. Cancelled
        by `close`, it stops reading but still writes and answers what it took: a batch the forwarder
        sends after that is never read, so the forwarder, finding the connection closed, looks it up (not
        landed) and writes it itself."""
        task = asyncio.current_task()
        assert task is not None
        self.serving.add(task)
        answers = wire.Answers(writer)
        self.answering.add(answers)
        committer = self.committer
        try:
            while True:
                number, packed = await wire.receive(reader)
                if type(packed) is tuple:  # calls: each decided here, then queued as this process's own
                    calls.serve(self.run_call, answers.slots(number, list(packed)))
                else:
                    # Behind the queue's own requests, in the order sent (a forwarder's next command on a
                    # stream may be in a later frame); `requeue([])` only starts the loop if it is idle.
                    committer.queue.extend(answers.slots(number, [wire.unpack_request(p) for p in packed]))
                    committer.requeue([])
                answers.owed = False
                self._check_due()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the forwarder is gone, or this writer closes; what was handed over is still written
        finally:
            self.serving.discard(task)
            self.answering.discard(answers)
            self._check_due()
            await answers.drained()
            writer.close()

    def frames_due(self) -> bool:
        """Whether a forwarder was answered since its last frame: its callers decide their next commands
        on another core, and they come back while the batch in flight is written."""
        return any(answers.owed for answers in self.answering)

    async def frames_or(self, bound: asyncio.Future) -> None:
        """Until no frame is due or `bound` is done, whichever comes first (so never longer than the
        batch in flight: a forwarder whose callers do not come back delays nothing past it)."""
        if self.due is None or self.due.done():
            self.due = asyncio.get_running_loop().create_future()
        await asyncio.wait((self.due, bound), return_when=asyncio.FIRST_COMPLETED)

    def _check_due(self) -> None:
        if self.due is not None and not self.due.done() and not self.frames_due():
            self.due.set_result(None)

    # ---- a forwarder ----------------------------------------------------------------------------------

    def forward(self, batch: list[Queued]) -> None:
        local = [q for q in batch if self.local_only(q[0])]
        if local:
            batch = [q for q in batch if not self.local_only(q[0])]
            asyncio.get_running_loop().create_task(self._alone(local))
        if batch:
            assert self.link is not None
            self.in_flight += 1
            self.link.send(batch)  # each caller answered by the link as soon as the writer answers it

    def forward_call(self, call: calls.Call) -> asyncio.Future | None:
        """The writer's answer to `call`, or None while this process is not a forwarder. The calls of one
        turn of the event loop go in one frame."""
        if not self.forwarding:
            return None
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.calls.append((call, future, True))
        if len(self.calls) == 1:
            loop.call_soon(self._send_calls)
        return future

    def _send_calls(self) -> None:
        batch, self.calls = self.calls, []
        if not self.forwarding:
            for _, future, _ in batch:
                wire.answer(future, calls.LOST)  # (not sent: run again, here or by the next writer)
            return
        assert self.link is not None
        self.in_flight += 1
        try:
            self.link.send(batch, as_calls=True)
        except Exception:  # noqa: BLE001 - an argument that does not pickle: each call stays here
            self.in_flight -= 1
            for _, future, _ in batch:
                wire.answer(future, calls.LOCAL)

    async def free_slot(self) -> None:
        self.slot.clear()  # set again by the next batch answered
        await self.slot.wait()

    def _returned(self, unanswered: list[Queued]) -> None:
        """A batch handed to the writer is done with: all answered, or the writer went away first."""
        self.in_flight -= 1
        self.slot.set()
        if unanswered:
            asyncio.get_running_loop().create_task(self._recover(unanswered))

    async def _recover(self, unanswered: list[Queued]) -> None:
        """Those left unanswered when the writer went away looked up (`recovery`): a request that did not
        land is queued again, a call that did not land is answered `calls.LOST` (its caller runs it again)."""
        pool = await self.committer.db.pool_for_tenant(self.committer.tenant.slug)
        handed = [q for q in unanswered if type(q[0]) is calls.Call]
        if handed:
            await recovery.answer_calls(pool, self.schema, handed)
        unanswered = [q for q in unanswered if type(q[0]) is not calls.Call]
        found = await recovery.landed(pool, self.schema, unanswered) if unanswered else {}
        again = []
        for queued in unanswered:
            request, future, _ = queued
            if isinstance(found, Exception):
                wire.answer(future, found)
            elif request.idempotency_key is None and request.command_id in found:
                wire.answer(future, AppendResult.landed_at(request, found[request.command_id]))
            else:
                again.append(queued)
        if again:
            self.committer.requeue(again)

    async def _alone(self, batch: list[Queued]) -> None:
        answers = await self.committer.commit([q[0] for q in batch], None)
        await self.committer.when_idle()  # its spare connection back to the pool, as after a batch
        for (_, future, _), answer in zip(batch, answers, strict=True):
            wire.answer(future, answer)

    async def close(self) -> None:
        """Leaves the election. A writer first stops listening and reading, then writes and answers the
        requests forwarders handed it (bounded by CLOSING) before its connections and lease go: a worker
        shut down on purpose answers every request it took, and the forwarders write the rest."""
        self.closed = True
        if self.electing is not None:
            self.electing.cancel()
        if self.server is not None:
            self.server.close()
        if serving := list(self.serving):
            for task in serving:
                task.cancel()
            await asyncio.wait(serving, timeout=CLOSING)
        if self.link is not None:
            self.link.close()
        if self.lease is not None:
            await self.lease.close()
        self.role = None
