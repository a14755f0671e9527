"""Group commit: the appends of one tenant that arrive while a batch is being written share the next one.

One head lock, one chain segment, one fsync for many commands; each caller still gets its own answer.
A batch goes through ONE loop (`Committer.commit`) of tries, each ending in a typed outcome (`attempts`):

    planned on the head this process wrote last ─► ONE statement ─► Written ─────────────► answered
      HeadMoved(head)  (another worker wrote)    ─► the same statement on that head; from the second
                                                    move on in a transaction that keeps the head lock,
                                                    so the try after it cannot miss
      NotAsAssumed     (a stream, key or claim)  ─► judged under the head lock, in a transaction
      Failed(error)    (the server refused)      ─► each request of the batch tried alone
      Unknown(error)   (the answer was lost)     ─► did it land? asked by its command ids before anything
                                                    else: yes → Written as planned; no → judged

Two batches are in flight at once (`PIPELINE`): while one is written, the next is chained on the head it
will leave, and it is sent the moment the first is written; meanwhile the callers of the first prepare
their next commands, so Python and PostgreSQL work at the same time instead of taking turns (more batches
in flight only made them smaller). If the first is not written as planned, the second is judged after it.
Once another worker is seen moving the head, batches go one at a time for a while
(`ALONE_AFTER_A_MOVED_HEAD`): a batch chained on the head the one before it will leave is then mostly
wasted. With a `relay` (`handoff`), that worker and the others elect one writer for the tenant, and the
rest hand it their batches instead of writing them; the writer's second batch then waits for the frames
due from the forwarders it answered (at the latest until the first is written), see `_drain`.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from riwayat.infra import deadlines
from riwayat.infra.database import Database
from riwayat.infra.ledger import attempts
from riwayat.infra.ledger.attempts import Failed, HeadMoved, NotAsAssumed, Plan, Session, Unknown, Written
from riwayat.infra.ledger.flights import Flight, Observer, Queued, Try, answer_to, live, type_of
from riwayat.infra.ledger.records import AppendRequest, AppendResult, Head, Projector
from riwayat.infra.ledger.spares import Spares
from riwayat.infra.observability import count_events
from riwayat.infra.tenants import Tenant

MAX_BATCH = 500
PIPELINE = 2
FORWARDED = 4  # batches a forwarder keeps in its writer's hands at once
ALONE_AFTER_A_MOVED_HEAD = 32
# Tries at learning whether a batch whose answer was lost landed, and the pause before each (seconds).
LANDED_CHECKS = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)


class Committer:
    """Writes one tenant's appends, in batches (`enqueue`) or one by one (`commit_alone`)."""

    def __init__(
        self,
        db: Database,
        tenant: Tenant,
        projector: Projector | None,
        clock: Callable[[], datetime],
        observer: Observer | None = None,
    ) -> None:
        self.db, self.tenant, self.projector, self.clock = db, tenant, projector, clock
        self.observer = observer
        self.head: Head | None = None  # as this process last wrote it: the next batch is planned on it
        # By the head of each of the last batches planned: the stream versions in the log that head ends.
        self.known: dict[tuple[int, str], dict[int, int]] = {}
        self.queue: list[Queued] = []
        self.task: asyncio.Task[None] | None = None
        self.flights: collections.deque[Flight] = collections.deque()
        self.alone = 0  # batches still to write one at a time (another worker moved the head lately)
        self.written_to: int | None = None  # the last position this process wrote
        self.relay: Any = None  # `handoff.Relay`: the batches go to the tenant's writer while it forwards
        self.spares = Spares(PIPELINE)  # connections of batches that follow each other

    def enqueue(self, request: AppendRequest, *, kept: bool = False) -> asyncio.Future[AppendResult]:
        """The request queued, the future answered with its batch (no task per request). A `kept`
        request is written even if its future is cancelled (the caller may await it without `shield`)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[AppendResult] = loop.create_future()
        self.queue.append((request, future, kept))
        if self.task is None or self.task.done():
            self.task = loop.create_task(self._drain())
        return future

    def requeue(self, queued: list[Queued]) -> None:
        """Requests handed to a writer that died without answering them, and that did not land: first."""
        self.queue[:0] = queued
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._drain())

    async def commit_alone(self, request: AppendRequest) -> AppendResult:
        head, self.head = self.head, None
        (answer,) = await self.commit([request], self._plan(head, [request]))
        await self.when_idle()
        if isinstance(answer, Exception):
            raise answer
        return answer

    def _plan(self, head: Head | None, requests: Sequence[AppendRequest]) -> Plan | None:
        """Planned with what the plan that left `head` knew of its log (`attempts.plan`): a head is its
        position and the hash of everything before it, so that knowledge holds wherever `head` is the head.
        A head another worker left has none; every outcome but Written forgets all of it (`_forget`)."""
        known = self.known
        # taken: `attempts.plan` makes it the new plan's, so no two plans share one
        found = None if head is None else known.pop((head.position, head.hash), None)
        planned = attempts.plan(head, requests, self.tenant, self.projector, self.clock(), found)
        if planned is not None and planned.known is not None:  # (None: a plan made without them)
            end = planned.end
            known[end.position, end.hash] = planned.known
            if len(known) > PIPELINE + 1:  # the oldest: a batch plans on the newest, or on another's head
                del known[next(iter(known))]
        return planned

    def _forget(self) -> None:
        self.known.clear()

    async def _drain(self) -> None:
        flights = self.flights
        while self.queue:
            while flights and flights[0].finished.done():
                flights.popleft()
            relay = self.relay
            if relay is not None and relay.forwarding:  # the tenant's writer is another process
                if relay.in_flight >= FORWARDED:
                    await relay.free_slot()
                    continue
                batch, self.queue = live(self.queue[:MAX_BATCH]), self.queue[MAX_BATCH:]
                relay.forward(batch)
                continue
            depth = 1 if self.alone else PIPELINE
            if len(flights) >= depth:
                await asyncio.shield(flights[0].finished)
                continue
            if flights and flights[-1].planned is None:  # judged: its head is known once it is written
                await asyncio.shield(flights[-1].finished)
                continue
            if flights and relay is not None and not flights[-1].written.done() and relay.frames_due():
                # This process writes for others, and those answered by the batch before are deciding their
                # next commands: they join the next batch, rather than the one after it, if they come back
                # while this one is written. Planned at the latest when it is.
                await relay.frames_or(flights[-1].written)
                continue
            previous = flights[-1] if flights else None
            # The queue is shared among the free places in the pipeline: with nothing in flight, half of it
            # goes now and the other half right behind it, and from then on the two halves take turns. A
            # writer for other processes takes it whole: its callers and each forwarder's come back at
            # different moments, and so fall into the two halves by themselves, each frame kept whole.
            free = 1 if relay is not None and relay.answering else depth - len(flights)
            size = min(MAX_BATCH, (len(self.queue) + free - 1) // free)
            self.alone = max(0, self.alone - 1)
            batch, self.queue = live(self.queue[:size]), self.queue[size:]
            if not batch:
                continue
            if previous is not None:
                head = previous.planned.end
            else:
                head, self.head = self.head, None
            flight = Flight(batch, previous, self._plan(head, [q[0] for q in batch]))
            flights.append(flight)
            asyncio.get_running_loop().create_task(self._fly(flight))
        await self.when_idle()  # (a queue of requests nobody waited for any more sends nothing)

    async def _fly(self, flight: Flight) -> None:
        requests = [q[0] for q in flight.batch]
        try:
            planned = flight.planned
            if planned is not None and flight.previous is not None and not await flight.previous.written:
                planned = None  # chained on a batch that was not written as planned
            answers = await self.commit(requests, planned, flight.after_first_try)
        except BaseException as exc:  # noqa: BLE001 - every waiting caller must hear of it
            error = exc if isinstance(exc, Exception) else RuntimeError("the append was cancelled")
            answers = [error] * len(requests)
        finally:
            if not flight.written.done():
                flight.written.set_result(False)
            flight.finished.set_result(None)
        await self.when_idle()  # before the answers, as a batch gave its connection back before
        # Other processes' callers first (`wire.Slot`s): their answers' frame goes out before this process's
        # callers decide, so both decide at once, on the two cores.
        ours = []
        for queued, answer in zip(flight.batch, answers, strict=True):
            if type(queued[1]) is asyncio.Future:
                ours.append((queued[1], answer))
            else:
                answer_to(queued[1], answer)
        for future, answer in ours:
            answer_to(future, answer)

    async def when_idle(self) -> None:
        """Nothing queued, nothing in flight: the spare connections go back to the pool."""
        if self.spares and not self.queue and all(f.finished.done() for f in self.flights):
            await self.spares.release()

    async def commit(
        self,
        requests: Sequence[AppendRequest],
        planned: Plan | None,
        after_first_try: Callable[[bool], Awaitable[None]] | None = None,
    ) -> list[AppendResult | Exception]:
        """Every request's answer: the one retry loop over the tries' outcomes (see the module)."""
        pool = await self.db.pool_for_tenant(self.tenant.slug)
        answers: list[AppendResult | Exception | None] = [None] * len(requests)
        groups = collections.deque([list(range(len(requests)))])  # tried as one batch each, in order
        step, moves = planned, 0  # step: the plan of the next try, or None to judge it
        if step is None and after_first_try is not None:  # not planned, or on a batch not written
            await after_first_try(False)
            after_first_try = None
            head, self.head = self.head, None
            step = self._plan(head, requests)
        session = Session(pool, self.spares)
        try:
            while groups:
                group = groups[0]
                if step is None:  # nothing is written for a caller who was told its deadline passed
                    for i in [i for i in group if deadlines.expired(requests[i].deadline)]:
                        answers[i] = deadlines.DeadlineExceeded()
                    group = groups[0] = [i for i in group if answers[i] is None]
                    if not group:
                        groups.popleft()
                        continue
                batch = [requests[i] for i in group]
                if step is None:
                    outcome = await attempts.judged(session, self.tenant, batch, self.projector, self.clock())
                else:
                    outcome = await attempts.on_head(session, self.tenant.schema, step, batch)
                lost = isinstance(outcome, Unknown)
                if lost:
                    await session.close(broken=True)
                    outcome = await self._resolve(pool, batch, outcome)
                if isinstance(outcome, Written):  # remembered before the next batch may be sent on it
                    self._wrote(outcome.chained)
                if lost or step is None or not isinstance(outcome, Written):
                    self._forget()
                if self.observer is not None:
                    await self.observer(
                        Try(None if step is None else step.head.position, len(batch), outcome)
                    )
                if after_first_try is not None:
                    await after_first_try(isinstance(outcome, Written))
                    after_first_try = None
                match outcome:
                    case Written(written, _):
                        groups.popleft()
                        for i, answer in zip(group, written, strict=True):
                            answers[i] = answer
                        step, moves = None, 0
                    case HeadMoved(head):
                        if self.relay is None or self.relay.role is None:  # not (yet) the writer
                            self.alone = ALONE_AFTER_A_MOVED_HEAD  # another worker writes to this tenant too
                        if self.relay is not None:  # the workers elect one writer
                            self.relay.contended()
                        moves += 1
                        if moves == 2:
                            await session.keep_lock()
                        step = self._plan(head, batch) if moves <= 3 else None
                    case NotAsAssumed():
                        step = None
                    case Failed(error) if step is not None and attempts.command_stored(error):
                        step = None  # a copy of a command written already (a woken writer's): judged
                    case Failed(error):
                        await session.close(broken=attempts.unknown_outcome(error))
                        groups.popleft()
                        if len(group) == 1:
                            answers[group[0]] = error
                        else:  # something in the batch broke the write: each request on its own
                            groups.extendleft([i] for i in reversed(group))
                        step, moves = None, 0
                    case Unknown(error):  # could not learn whether it landed: nothing is retried
                        groups.popleft()
                        for i in group:
                            answers[i] = error
                        step, moves = None, 0
            await session.close(keep=True)  # every try answered: the connection is idle
        finally:
            await session.close()
        return answers  # type: ignore[return-value]  (every group was answered)

    async def _resolve(
        self, pool, batch: list[AppendRequest], lost: Unknown
    ) -> Written | NotAsAssumed | Unknown:
        """A lost answer: the batch as written if it landed, else "not written" (it is judged again)."""
        for pause in LANDED_CHECKS:
            await asyncio.sleep(pause)
            try:
                found = await attempts.landed(pool, self.tenant.schema, batch, lost.if_written)
            except Exception:  # noqa: BLE001, S112 - the server may be back a moment later
                continue
            return lost.if_written if found else NotAsAssumed()
        return lost

    def _wrote(self, chained: list) -> None:
        if chained:
            if self.relay is not None and self.written_to not in (None, chained[0][0].position - 1):
                self.relay.contended()  # judged after another process wrote (no HeadMoved seen)
            self.written_to = chained[-1][-1].position
            self.head = Head(chained[-1][-1].position, chained[-1][-1].hash, chained[-1][-1].recorded_at)
            count_events(self.tenant.slug, [type_of(e.topic) for events in chained for e in events])
