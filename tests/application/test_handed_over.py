"""Commands handed whole to the tenant's writer (issue 20.2, `routing`, `riwayat.infra.ledger.calls`): the
writer decides them on its state, a busy employee's commands from two workers take turns there instead of
conflicting, and a call its writer left unanswered is answered from the log or run again — never written
twice. Two stores in one process stand for two workers: their relays meet over the same unix socket as two
processes' would (the real processes, kill -9 and SIGSTOP included, are `tests/infra/ledger/test_handoff`)."""

from __future__ import annotations

import ast
import asyncio
import inspect
import textwrap
from datetime import date

import pytest

from riwayat.application import Application, CommandContext, CommandOptions
from riwayat.application.routing import HANDED_OVER
from riwayat.domain.values import Decree
from riwayat.infra.audit import verify_tenant
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger import AppendResult, EventStore, calls, recovery
from riwayat.infra.privacy import Privacy, load_kek
from riwayat.projections.registry import make_projector


@pytest.fixture
async def workers(db, tenant):
    """(writer's application, forwarder's application, context, an employee id), elected."""
    codec = EventCodec()
    stores = [EventStore(db, codec, projector=make_projector(codec), handoff=True) for _ in "ab"]
    apps = [Application(store) for store in stores]
    ctx = CommandContext(tenant=tenant, actor="hr", roles=("hr",), request_id="r")
    writer, forwarder = await _elected(apps, ctx)
    unit = (await writer.establish_org_unit(ctx, code="BKPSDM", name="BKPSDM")).stream_id
    hired = await writer.hire_employee(
        ctx, nip="198609262015051001", name="Pegawai", gender="MALE", birth_date=date(1986, 9, 26),
        employment_type="PNS", rank="III/a", position="Pelaksana", unit_id=unit,
        effective_on=date(2015, 5, 1), decree=Decree("SK-1", date(2015, 4, 1)),
    )  # fmt: skip
    yield writer, forwarder, ctx, hired.stream_id
    for store in stores:
        await store.close()


async def _elected(apps: list[Application], ctx) -> tuple[Application, Application]:
    """(writer, forwarder) once the two have elected: each writes on a head the other moved."""
    for i, app in enumerate((apps[0], apps[1], apps[0], apps[1])):
        await app.establish_org_unit(ctx, code=f"U{i}", name="Unit")
    relays = [app.store.committer(ctx.tenant).relay for app in apps]
    for _ in range(100):
        if {r.role for r in relays} == {"writer", "forwarder"} and all(r.electing.done() for r in relays):
            break
        await asyncio.sleep(0.05)
    assert {r.role for r in relays} == {"writer", "forwarder"}
    return (apps[0], apps[1]) if relays[0].role == "writer" else (apps[1], apps[0])


def _training(app: Application, ctx, employee, k: int, **options):
    return app.record_training(
        ctx, employee_id=employee, title=f"T-{k}", kind="E_LEARNING", hours=1, completed_on=date(2024, 3, 1),
        options=CommandOptions(**options),
    )  # fmt: skip


async def test_a_busy_employees_commands_from_two_workers_are_decided_by_the_writer_and_take_turns(
    workers,
) -> None:
    writer, forwarder, ctx, employee = workers
    reads = 0
    read_stream = forwarder.store.read_stream

    async def counted(*args, **kwargs):
        nonlocal reads
        reads += 1
        return await read_stream(*args, **kwargs)

    forwarder.store.read_stream = counted

    results = await asyncio.gather(
        *(_training(app, ctx, employee, k) for k in range(20) for app in (writer, forwarder))
    )

    assert sorted(r.version for r in results) == list(range(2, 42))  # each once, none refused
    assert reads == 0 and (ctx.tenant.slug, employee) not in forwarder.cache  # never loaded it to decide
    stored = await writer.store.read_stream(ctx.tenant, employee)
    assert sorted(e.data["title"] for e in stored[1:]) == sorted(f"T-{k}" for k in range(20) for _ in "ab")
    assert (await verify_tenant(writer.store, ctx.tenant)).ok


async def test_a_refusal_decided_by_the_writer_reaches_the_forwarders_caller(workers) -> None:
    writer, forwarder, ctx, employee = workers
    with pytest.raises(Exception) as refused:
        await forwarder.record_training(
            ctx, employee_id=employee, title="T", kind="E_LEARNING", hours=0, completed_on=date(2024, 3, 1)
        )
    assert getattr(refused.value, "code", None) == "INVALID_INPUT"


async def test_a_call_left_unanswered_is_answered_from_the_log_if_it_landed_else_run_again(
    workers, db
) -> None:
    writer, _, ctx, employee = workers
    landed = calls.Call.of("record_training", ctx, _kwargs(employee, "landed"), keyed=False)
    token = calls.pin(landed.command_id)
    try:
        told = await writer.run_call(landed)  # the writer wrote it, then died before it answered
    finally:
        calls.unpin(token)
    not_landed = calls.Call.of("record_training", ctx, _kwargs(employee, "lost"), keyed=False)
    keyed = calls.Call.of("record_training", ctx, _kwargs(employee, "keyed"), keyed=True)
    loop = asyncio.get_running_loop()
    futures = [loop.create_future() for _ in range(3)]
    pool = await db.pool_for_tenant(ctx.tenant.slug)

    await recovery.answer_calls(
        pool,
        ctx.tenant.schema,
        [(c, f, True) for c, f in zip((landed, not_landed, keyed), futures, strict=True)],
    )

    found = futures[0].result()
    assert type(found) is AppendResult
    assert (found.stream_id, found.version, found.positions) == (told.stream_id, told.version, told.positions)
    assert futures[1].result() == calls.LOST and futures[2].result() == calls.LOST


async def test_a_call_run_again_under_its_pinned_id_is_not_written_twice(workers) -> None:
    writer, _, ctx, employee = workers
    call = calls.Call.of("record_training", ctx, _kwargs(employee, "once"), keyed=False)
    answers = []
    for _ in range(2):  # a writer that hung, woken, runs the call the forwarder already ran elsewhere
        token = calls.pin(call.command_id)
        try:
            answers.append(await writer.run_call(call))
        finally:
            calls.unpin(token)

    stored = await writer.store.read_stream(ctx.tenant, employee)
    assert [e.data.get("title") for e in stored].count("once") == 1
    assert (answers[1].version, answers[1].positions) == (answers[0].version, answers[0].positions)


async def test_a_call_whose_arguments_do_not_pickle_is_decided_by_its_own_worker(workers) -> None:
    writer, forwarder, ctx, employee = workers
    unpicklable = {"made_by": lambda: None}  # (a request object holding a callable)

    result = await _training(forwarder, ctx, employee, 1, idempotency_key="k-1", request=unpicklable)

    assert result.version == 2 and not result.replayed
    assert (ctx.tenant.slug, employee) in forwarder.cache  # it loaded the employee and decided itself


async def test_a_complaint_handed_over_is_sealed_by_the_writer_and_opens_in_any_process(
    db, settings, tenant
) -> None:
    # The reporter's data key is made by the process that decides the complaint, the writer, and rides
    # in its statement; a fresh process opens the contact from the stored key.
    codec, kek = EventCodec(), load_kek(settings)
    stores = [
        EventStore(db, codec, projector=make_projector(codec), handoff=True, privacy=Privacy(db, kek))
        for _ in "ab"
    ]
    apps = [Application(store) for store in stores]
    ctx = CommandContext(tenant=tenant, actor="hr", roles=("hr",), request_id="r")
    try:
        writer, forwarder = await _elected(apps, ctx)
        filed = await forwarder.file_complaint(
            ctx, channel="WEB", category="PELAYANAN", description="antrean lama", reporter_contact="0812-77"
        )

        records = await forwarder.store.read_stream(tenant, filed.stream_id)
        assert "0812-77" not in str(records[0].data)  # sealed as stored
        (opened,) = await Privacy(db, load_kek(settings)).open_records(tenant, records)
        assert opened.data["reporter_contact"] == "0812-77"
        assert (tenant.slug, filed.stream_id) not in forwarder.cache  # decided by the writer
        assert (tenant.slug, filed.stream_id) in writer.cache
    finally:
        for store in stores:
            await store.close()


def test_every_command_handed_over_appends_once_through_one_execute() -> None:
    """The pinned command id names one append: a command of two (a renewal signs a new contract; an
    enrolment identifies the person first) found landed by its first would be answered half done."""
    for name, method in Application.handed_over.items():
        tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
        called = [
            node.func.attr for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"
        ]  # fmt: skip
        assert called == ["execute"], (name, called)
        assert tree.body[0].returns is not None and ast.unparse(tree.body[0].returns) == "CommandResult", name
    assert {"record_training", "hire_employee", "request_leave"} <= HANDED_OVER
    # record_appraisal is performance's (it rates the year as well), not personnel's one-append command
    assert "record_appraisal" not in HANDED_OVER


def _kwargs(employee, title: str) -> dict:
    return {
        "employee_id": employee, "title": title, "kind": "E_LEARNING", "hours": 1,
        "completed_on": date(2024, 3, 1),
    }  # fmt: skip
