"""One try at writing a batch, and what came of it, as a typed outcome the committer matches on:

- `Written`: the batch is in the ledger; each request's answer (a result, a replay or a refusal);
- `HeadMoved`: another worker moved the head; nothing written, the batch may be chained on `head`;
- `NotAsAssumed`: the head was right but a stream, key or claim was not; nothing written, judge it;
- `Failed`: the server refused the write (a statement failed: its transaction rolled back), nothing written;
- `Unknown`: the write may have reached the server and its answer was lost (a dropped connection, a
  pooler restart, a backend killed after COMMIT): `if_written` is what it would have written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg

from riwayat.infra import deadlines
from riwayat.infra.ledger import chain, packed, statements
from riwayat.infra.ledger.judge import Accept, Refuse, Repeat, Replay, judge
from riwayat.infra.ledger.records import AppendRequest, AppendResult, Head, Projector
from riwayat.infra.ledger.spares import Spares
from riwayat.infra.tenants import Tenant

Answer = AppendResult | Exception


@dataclass(frozen=True)
class Written:
    answers: list[Answer]
    chained: chain.Chained  # the events written, in position order (empty if none)


@dataclass(frozen=True)
class HeadMoved:
    head: Head


@dataclass(frozen=True)
class NotAsAssumed:
    pass


@dataclass(frozen=True)
class Failed:
    error: Exception


@dataclass(frozen=True)
class Unknown:
    error: Exception
    if_written: Written


Outcome = Written | HeadMoved | NotAsAssumed | Failed | Unknown


@dataclass(frozen=True)
class Plan:
    """A batch chained on a known head, with the inline projections' statements to join to its own."""

    head: Head
    expected: dict[UUID, int]  # the versions the statement probes (not those `known` at `head`)
    chained: chain.Chained
    inline: list[tuple[str, list[Any]]]
    rows: list[bytes] | None = None  # each event's hash input, the JSON of its columns (`chain.chain`)
    known: dict[int, int] | None = None  # stream versions (by the id's `int`) in the log that `end` ends

    @property
    def end(self) -> Head:
        return chain.end_of(self.chained)

    def written(self) -> Written:
        return Written(statements.results_of(self.chained), self.chained)


# Stream versions remembered along a run of one's own batches, at most (then started again from a batch's).
KNOWN = 4096


def plan(
    head: Head | None,
    requests: Sequence[AppendRequest],
    tenant: Tenant,
    projector: Projector | None,
    now: datetime,
    known: dict[int, int] | None = None,
) -> Plan | None:
    """The batch chained on `head`; None when it must be judged first (no head known, requests that
    depend on each other, a projector that cannot join its writes, an event that cannot be chained).

    `known`: versions of streams in the log that `head` ends, as this process chained them (`Plan.known`
    of the batch that left `head`). A head is its position and the hash chained over every event before
    it, so if the statement finds `head` still the head, the log is the one those batches left: a stream
    found in `known` at the version a request expects needs no probe. One at another version is probed
    (and refused by it). Anything that is not a batch of one's own on a known head starts with none.
    `known` becomes the plan's own (`Plan.known`, updated in place: a copy per batch cost more than the
    probes it saves once thousands of streams are known)."""
    if head is None or (expected := chain.expected_versions(requests)) is None:
        return None
    try:
        rows: list[bytes] = []
        chained = chain.chain(head, requests, now, rows)
        recorded = [event for events in chained for event in events]
        inline = [] if projector is None else projector.statements(tenant, recorded)
    except Exception:  # noqa: BLE001 - judged, one by one if need be: each caller hears of its own error
        return None
    if inline is None:
        return None
    if known:
        probed = {s: v for s, v in expected.items() if known.get(s.int) != v}
        after = known if len(known) < KNOWN else {}  # taken, not copied: the committer uses each once
    else:
        probed, after = expected, {}
    for event in recorded:
        after[event.stream_id.int] = event.version
    return Plan(head, probed, chained, inline, rows, after)


def unknown_outcome(error: BaseException) -> bool:
    """Whether the write may have happened: anything but an error the server raised for the statement
    (which rolls its transaction back). Connection errors (class 08), operator intervention (57: a backend
    terminated, the server shutting down) and internal errors (XX) may come after the commit."""
    if isinstance(error, asyncpg.PostgresError):
        return (error.sqlstate or "XX")[:2] in ("08", "57", "XX")
    return True


def command_stored(error: BaseException) -> bool:
    """Whether a statement was refused because a command of its batch is stored already (`commands`' key):
    judged, such a command is answered as written where it landed, and the rest of its batch is written."""
    return isinstance(error, asyncpg.UniqueViolationError) and error.constraint_name == "commands_pkey"


class Session:
    """A connection of the batch's tries; with `keep_lock()`, a transaction that holds the head lock that
    its next statement takes until a write commits it (or the session ends)."""

    def __init__(self, pool: asyncpg.Pool, spares: Spares | None = None) -> None:
        self.pool, self.spares = pool, spares
        self.con: asyncpg.Connection | None = None
        self.tx: Any = None

    async def connection(self) -> asyncpg.Connection:
        if self.con is None:
            con = None if self.spares is None else await self.spares.take(self.pool)
            self.con = con or await self.pool.acquire()
        return self.con

    async def keep_lock(self) -> None:
        self.tx = (await self.connection()).transaction()
        await self.tx.start()

    async def end_transaction(self) -> None:
        tx, self.tx = self.tx, None
        if tx is not None:
            await tx.rollback()

    async def close(self, *, broken: bool = False, keep: bool = False) -> None:
        """Give the connection back (`keep`: to the spares, when its last statement was answered)."""
        con, tx, self.con, self.tx = self.con, self.tx, None, None
        if con is None:
            return
        if tx is not None and not broken:
            try:
                await tx.rollback()
            except Exception:  # noqa: BLE001
                broken = True
        if broken:  # its state is unknown: never handed to anyone else
            with contextlib.suppress(asyncpg.InterfaceError):  # a lost one was given back already
                con.terminate()
        elif keep and tx is None and self.spares is not None and self.spares.keep(self.pool, con):
            return  # for the committer's next batch
        await self.pool.release(con)


async def on_head(session: Session, schema: str, planned: Plan, requests: Sequence[AppendRequest]) -> Outcome:
    """The batch written by ONE statement if `planned.head` is still the head (`statements.write_on_head`)."""
    try:
        con = await session.connection()
        statement = packed.write_on_head(
            schema, planned.head, planned.expected, requests, planned.chained, planned.inline, planned.rows
        ) or statements.write_on_head(
            schema, planned.head, planned.expected, requests, planned.chained, planned.inline
        )
        sql, args = statement
        row = await con.fetchrow(sql, *args)
        if row["written"] and session.tx is not None:
            tx, session.tx = session.tx, None
            await tx.commit()
    except Exception as error:  # noqa: BLE001 - an outcome like the others, matched by the committer
        return Unknown(error, planned.written()) if unknown_outcome(error) else Failed(error)
    if row["written"]:
        return planned.written()
    if (row["position"], row["hash"]) == (planned.head.position, planned.head.hash):
        return NotAsAssumed()
    return HeadMoved(Head(row["position"], row["hash"], row["recorded_at"]))


async def judged(
    session: Session,
    tenant: Tenant,
    requests: Sequence[AppendRequest],
    projector: Projector | None,
    now: datetime,
) -> Outcome:
    """Judged under the head lock, in a transaction with the projections' writes (see `judge`)."""
    await session.end_transaction()
    con = await session.connection()
    tx = con.transaction()
    try:
        await tx.start()
        head, verdicts = await judge(con, tenant.schema, requests)
        accepted = [v.request for v in verdicts if isinstance(v, Accept)]
        chained = chain.chain(head, accepted, now) if accepted else []
        if accepted:
            if released := statements.release(tenant.schema, accepted):
                await con.execute(released[0], *released[1])
            sql, args = statements.write_judged(tenant.schema, accepted, chained, projector is not None)
            await con.execute(sql, *args)
            if projector is not None:
                await projector(con, tenant, [event for events in chained for event in events])
            if deadlines.expired(deadlines.earliest(r.deadline for r in accepted)):
                raise deadlines.DeadlineExceeded()  # rolled back: each request is tried alone, without it
    except Exception as error:  # noqa: BLE001 - nothing was committed
        await _rollback(tx)
        return Failed(error)
    written = Written(_answers(verdicts, chained), chained)
    try:
        await tx.commit()
    except Exception as error:  # noqa: BLE001
        return Unknown(error, written) if unknown_outcome(error) else Failed(error)
    return written


async def _rollback(tx: Any) -> None:
    with contextlib.suppress(Exception):  # a broken connection rolls back by itself
        await tx.rollback()


def _answers(verdicts: list, chained: chain.Chained) -> list[Answer]:
    written = iter(chained)
    answers: list[Answer] = []
    for verdict in verdicts:
        match verdict:
            case Accept():
                answers.append(statements.result_of(next(written)))
            case Replay(result):
                answers.append(result)
            case Refuse(error):
                answers.append(error)
            case Repeat(of):
                first = answers[of]
                answers.append(first.replay() if isinstance(first, AppendResult) else first)
    return answers


async def landed(
    pool: asyncpg.Pool, schema: str, requests: Sequence[AppendRequest], written: Written
) -> bool:
    """Whether a batch whose answer was lost is in the ledger: ALL its command ids at the positions it
    would have left. The batch is one transaction, yet one found is not enough: a survivor that took over
    from this (hung) writer re-writes the requests its worker had handed over, under the same command ids
    and from the same head, so one of them may land at the very position planned here while this
    worker's own commands of the batch were never written (answering them "written" would lose them)."""
    found = {}
    for request, answer in zip(requests, written.answers, strict=True):
        if isinstance(answer, AppendResult) and not answer.replayed:
            found[request.command_id] = answer.positions[-1]
    if not found:
        return True  # nothing was to be written: the answers stand either way
    ids, positions = list(found), list(found.values())
    return await pool.fetchval(statements.landed(schema), ids, positions) == len(ids)
