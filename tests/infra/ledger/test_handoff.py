"""Writer hand-off among real worker processes (issue 20.2): the workers of one tenant elect one writer,
the others hand it their batches; kill -9 of the writer loses no answer and writes nothing twice, and a
survivor takes over. Real processes, real PostgreSQL; every wait bounded."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import signal
import sys
import time
import uuid
from collections import defaultdict
from datetime import date

import pytest

from riwayat.application import Application, CommandContext
from riwayat.domain.values import Decree
from riwayat.infra.audit import verify_tenant
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger import EventStore, wire
from riwayat.infra.ledger.handoff import LOCK_CLASS, WRITER
from riwayat.infra.ledger.records import Claim, ClaimTaken
from riwayat.projections.registry import make_projector


@pytest.fixture
async def hired(db, tenant):
    """(application, context, 8 employee ids) on a fresh tenant."""
    codec = EventCodec()
    app = Application(EventStore(db, codec, projector=make_projector(codec)))
    ctx = CommandContext(tenant=tenant, actor="hr", roles=("hr",), request_id="setup")
    unit = (await app.establish_org_unit(ctx, code="BKPSDM", name="BKPSDM")).stream_id
    ids = []
    for i in range(8):
        result = await app.hire_employee(
            ctx, nip=f"19860926201505{1 + i % 2}{i + 1:03d}", name=f"Pegawai {i}",
            gender="MALE" if i % 2 == 0 else "FEMALE", birth_date=date(1986, 9, 26), employment_type="PNS",
            rank="III/a", position="Pelaksana", unit_id=unit, effective_on=date(2015, 5, 1),
            decree=Decree("SK-1", date(2015, 4, 1)),
        )  # fmt: skip
        ids.append(result.stream_id)
    return app, ctx, ids


_started: list[asyncio.subprocess.Process] = []


@pytest.fixture(autouse=True)
def _no_process_left():
    """A test that fails midway leaves no worker process behind to write into the next test's database."""
    yield
    while _started:
        p = _started.pop()
        if p.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                p.kill()


async def start(settings, ctx, name: str, employees, commands: int) -> asyncio.subprocess.Process:
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.infra.ledger.handoff_process", settings.database_url, ctx.tenant.slug,
        name, ",".join(str(e) for e in employees), str(commands),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    _started.append(p)
    return p


async def writer_pid(db, ctx) -> int | None:
    """The process that holds the tenant's writer lease, by its lease connection's name."""
    pool = await db.pool()
    name = await pool.fetchval(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid"
        " AND l.objid = (hashtext($2)::bigint & 4294967295)::oid",
        LOCK_CLASS, ctx.tenant.schema,
    )  # fmt: skip
    return int(name.removeprefix(WRITER)) if name and name.startswith(WRITER) else None


async def until(condition, within: float):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if (found := await condition()) is not None:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {within} s")


async def go(*procs) -> None:
    """Starts every process's clients at once, each once it is ready (its imports and pool done, which
    may take longer than its commands: started as soon as it was, one could finish before the other
    began, and they would never meet)."""
    for p in procs:
        assert await asyncio.wait_for(p.stdout.readline(), 60) == b"ready\n"
    for p in procs:
        p.stdin.write(b"go\n")


def answered(out: bytes) -> tuple[dict[str, list[int]], list[str], int | None, str | None, int | None]:
    """Versions answered per employee, error lines, the batches the process wrote itself, its role, and
    how many of its batches it wrote while it was a forwarder."""
    versions, errors, batches, role, forwarding = defaultdict(list), [], None, None, None
    for line in out.decode().splitlines():
        kind, *rest = line.split()
        if kind == "ok":
            versions[rest[0]].append(int(rest[1]))
        elif kind == "batches":
            batches, forwarding = int(rest[0]), int(rest[1])
        elif kind == "role":
            role = rest[0]
        else:
            errors.append(line)
    return versions, errors, batches, role, forwarding


async def stored_versions(db, ctx, employee) -> list[int]:
    pool = await db.pool()
    rows = await pool.fetch(
        f"SELECT version FROM {ctx.tenant.schema}.events WHERE stream_id = $1 ORDER BY position", employee
    )
    return [r["version"] for r in rows]


async def test_the_workers_of_a_tenant_elect_one_writer_and_the_others_hand_it_their_batches(
    db, settings, hired
) -> None:
    app, ctx, ids = hired
    commands = 150
    a, b = [await start(settings, ctx, name, ids[i::2], commands) for i, name in enumerate("ab")]
    await go(a, b)
    pid = await until(lambda: writer_pid(db, ctx), within=30)
    done = [await asyncio.wait_for(_until_role(p), 120) for p in (a, b)]  # every client answered
    outs = [
        d + (await asyncio.wait_for(p.communicate(b""), 60))[0] for d, p in zip(done, (a, b), strict=True)
    ]

    assert pid in (a.pid, b.pid)
    writer, forwarder = (answered(outs[0]), answered(outs[1]))[:: 1 if pid == a.pid else -1]
    for out in outs:
        await _all_answered_once(db, ctx, out, commands)
    # The forwarder wrote only until the election (how soon that comes depends on the machine's load):
    # once elected, its commands went to the writer's batches, but for those it had in flight.
    assert (writer[3], forwarder[3]) == ("writer", "forwarder")
    assert forwarder[4] < writer[2] // 10 and forwarder[2] < writer[2]
    assert (await verify_tenant(app.store, ctx.tenant)).ok


async def test_kill_9_of_the_writer_loses_no_answer_writes_nothing_twice_and_a_survivor_takes_over(
    db, settings, hired
) -> None:
    app, ctx, ids = hired
    commands = 400
    procs, writer, survivor = await _both_writing(db, settings, ctx, ids, commands, moved=200)

    os.kill(writer.pid, signal.SIGKILL)
    await asyncio.wait_for(writer.wait(), 30)
    took_over = await until(lambda: _is(writer_pid(db, ctx), survivor.pid), within=30)
    out = (await asyncio.wait_for(survivor.communicate(b""), 120))[0]

    assert took_over
    assert await _all_answered_once(db, ctx, out, commands) == 4  # the survivor's callers: no error
    for employee in ids:  # the killed worker's streams too: whatever landed is contiguous
        stored = await stored_versions(db, ctx, employee)
        assert stored == list(range(1, 1 + len(stored)))
    assert (await verify_tenant(app.store, ctx.tenant)).ok


async def test_kill_9_of_the_writer_while_both_workers_write_to_the_same_employees_writes_each_once(
    db, settings, hired
) -> None:
    # Both workers' commands go to the same 4 employees: the forwarder's are decided by the writer
    # (`calls`), so when the writer dies, some of them landed and some did not, on streams it also
    # wrote its own commands to; the survivor must tell each caller the truth and write each once.
    app, ctx, ids = hired
    commands, shared = 400, ids[:4]
    procs = [await start(settings, ctx, name, shared, commands) for name in "ab"]
    await go(*procs)
    pid = await until(lambda: writer_pid(db, ctx), within=30)
    pool = await db.pool()
    head = await pool.fetchval(f"SELECT position FROM {ctx.tenant.schema}.head")
    await until(lambda: _moved_past(pool, ctx, head + 100), within=30)
    writer, survivor = (p for p in sorted(procs, key=lambda p: p.pid != pid))

    os.kill(writer.pid, signal.SIGKILL)
    await asyncio.wait_for(writer.wait(), 30)
    out = (await asyncio.wait_for(survivor.communicate(b""), 120))[0]

    versions, errors, *_ = answered(out)
    assert errors == []
    assert sorted(len(v) for v in versions.values()) == [commands] * 4  # every command answered
    await _told_only_what_is_stored(db, ctx, out)  # at the version it was told, with its own title
    name = "a" if survivor is procs[0] else "b"
    for employee in shared:
        rows = await pool.fetch(
            f"SELECT version, data->>'title' AS title FROM {ctx.tenant.schema}.events WHERE stream_id = $1",
            employee,
        )
        assert sorted(r["version"] for r in rows) == list(range(1, 1 + len(rows)))
        titles = [r["title"] for r in rows if (r["title"] or "").startswith(f"{name}-")]
        assert sorted(titles) == sorted(f"{name}-{k}" for k in range(commands))  # each once
    assert (await verify_tenant(app.store, ctx.tenant)).ok


async def test_a_writer_closed_while_it_writes_for_others_answers_what_it_took(db, settings, hired) -> None:
    app, ctx, ids = hired
    commands = 300
    procs, writer, other = await _both_writing(db, settings, ctx, ids, commands, moved=100)

    writer.stdin.write(b"close\n")  # shut down on purpose: its own clients go on writing by themselves
    took_over = await until(lambda: _is(writer_pid(db, ctx), other.pid), within=30)
    outs = [await asyncio.wait_for(_until_role(p), 120) for p in procs]
    outs = [o + (await asyncio.wait_for(p.communicate(b""), 60))[0] for o, p in zip(outs, procs, strict=True)]

    assert took_over
    for out in outs:  # nobody was told "cancelled": what the writer took, it wrote and answered
        await _all_answered_once(db, ctx, out, commands)
    assert answered(outs[procs.index(other)])[3] == "writer"
    assert (await verify_tenant(app.store, ctx.tenant)).ok


async def test_a_writer_that_hangs_is_fenced_off_a_survivor_takes_over_and_nothing_is_written_twice(
    db, settings, hired
) -> None:
    app, ctx, ids = hired
    commands = 300
    procs, writer, survivor = await _both_writing(db, settings, ctx, ids, commands, moved=100)

    pool = await db.pool()
    named = "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE $1"
    held = await pool.fetchval(named, f"% {writer.pid}")  # its lease and its pool's connections
    os.kill(writer.pid, signal.SIGSTOP)  # alive, its lease and socket open, answering nothing
    try:
        took_over = await until(lambda: _is(writer_pid(db, ctx), survivor.pid), within=30)
        out = await asyncio.wait_for(_until_role(survivor), 120)  # all answered while the other sleeps
        left = await pool.fetchval(named, f"% {writer.pid}")
    finally:
        os.kill(writer.pid, signal.SIGCONT)
    woken = await asyncio.wait_for(_until_role(writer), 120)
    out += (await asyncio.wait_for(survivor.communicate(b""), 60))[0]
    woken += (await asyncio.wait_for(writer.communicate(b""), 60))[0]

    assert held >= 2 and took_over and left == 0  # fenced off: none of its connections was left
    await _all_answered_once(db, ctx, out, commands)  # the survivor's callers heard the truth
    await _told_only_what_is_stored(db, ctx, woken)  # woken, it answered only what it wrote, or landed
    assert (await verify_tenant(app.store, ctx.tenant)).ok


async def _all_answered_once(db, ctx, out: bytes, commands: int) -> int:
    """Asserts that a process's callers heard no error and that each of its employees' commands was
    answered once, in order, as stored (once each); returns how many employees answered."""
    versions, errors, *_ = answered(out)
    assert errors == []
    for employee, got in versions.items():
        assert got == list(range(2, 2 + commands))
        assert await stored_versions(db, ctx, uuid.UUID(employee)) == [1, *got]
    return len(versions)


async def _told_only_what_is_stored(db, ctx, out: bytes) -> None:
    """Asserts that every command a process's callers were told was written is stored: the training it
    recorded, at the version it was told (its errors aside)."""
    pool = await db.pool()
    told = [line.split()[1:] for line in out.decode().splitlines() if line.startswith("ok ")]
    for employee in {t[0] for t in told}:
        rows = await pool.fetch(
            f"SELECT version, data->>'title' AS title FROM {ctx.tenant.schema}.events WHERE stream_id = $1",
            uuid.UUID(employee),
        )
        stored = {r["version"]: (r["title"] or "").rpartition("-")[2] for r in rows}  # the hire: no title
        assert sorted(stored) == list(range(1, 1 + len(stored)))
        for _, version, k in (t for t in told if t[0] == employee):
            assert stored.get(int(version)) == k, (employee, version, k)


async def _both_writing(db, settings, ctx, ids, commands: int, moved: int):
    """Two workers started at once: (both, the elected writer, the other), once the head moved `moved`
    positions past where it was at the election (the other's batches are in the writer's hands)."""
    procs = [await start(settings, ctx, name, ids[i::2], commands) for i, name in enumerate("ab")]
    await go(*procs)
    pid = await until(lambda: writer_pid(db, ctx), within=30)
    pool = await db.pool()
    head = await pool.fetchval(f"SELECT position FROM {ctx.tenant.schema}.head")
    await until(lambda: _moved_past(pool, ctx, head + moved), within=30)
    return procs, next(p for p in procs if p.pid == pid), next(p for p in procs if p.pid != pid)


async def _until_role(p) -> bytes:
    """A process's output up to its last line (`role`), read while it still runs."""
    lines = []
    while not (line := await p.stdout.readline()).startswith(b"role") and line:
        lines.append(line)
    return b"".join([*lines, line])


async def _moved_past(pool, ctx, position: int) -> bool | None:
    return True if await pool.fetchval(f"SELECT position FROM {ctx.tenant.schema}.head") > position else None


async def _is(found, pid: int) -> bool | None:
    return True if await found == pid else None


def test_a_refusal_crosses_to_the_forwarder_with_its_class_code_and_details() -> None:
    # ClaimTaken cannot be rebuilt from its message (what an exception's own pickling keeps).
    claim = Claim("nip", "198609262015051001", uuid.uuid4())
    (back,) = wire.decode_answers(pickle.loads(pickle.dumps(wire.encode_answers([ClaimTaken(claim)]))))

    assert type(back) is ClaimTaken and back.code == "DUPLICATE" and back.claim == claim
    assert str(back) == str(ClaimTaken(claim))
