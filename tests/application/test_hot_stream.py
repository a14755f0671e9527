"""Many commands on one stream without `expectedVersion`: none may be refused with a conflict (issue 21.5)."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date

from riwayat.application import Application, CommandContext, CommandOptions
from riwayat.domain.employee import Employee
from riwayat.domain.errors import ConcurrencyConflict
from riwayat.infra.audit import verify_tenant
from riwayat.infra.ledger import EventStore
from tests.application.conftest import hire


def training(app: Application, ctx: CommandContext, employee_id, i: int, **kw):
    return app.record_training(
        ctx,
        employee_id=employee_id,
        title=f"Pelatihan {i}",
        kind="E_LEARNING",
        hours=1,
        completed_on=date(2024, 3, 1),
        **kw,
    )


async def test_48_concurrent_trainings_on_one_employee_all_succeed(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id

    results = await asyncio.gather(*(training(app, ctx, employee_id, i) for i in range(48)))

    assert sorted(r.version for r in results) == list(range(2, 50))
    assert len({p for r in results for p in r.positions}) == 48
    fresh = Application(app.store)  # no cache: what the ledger holds
    assert (await fresh.load(ctx.tenant, Employee, employee_id)).training_hours[2024] == 48
    assert len(app.lines) == 0  # every line was left


async def test_two_workers_on_one_employee_never_refuse_a_command_without_expected_version(
    app, ctx, unit_id, db
) -> None:
    # Two processes' worth of application and store (each its own cache, lines and group committer) on one
    # database, 48 clients sending one command after another: the workers' commands conflict at the append,
    # and are re-run until written (before the stream lines, 59 of 240 were refused with a conflict).
    workers = (app, Application(EventStore(db)))
    employee_id = (await hire(app, ctx, unit_id)).stream_id

    async def client(c: int) -> list[object]:
        done: list[object] = []
        for j in range(5):
            try:
                done.append(await training(workers[c % 2], ctx, employee_id, c * 10 + j))
            except Exception as refused:  # noqa: BLE001 — counted below
                done.append(refused)
        return done

    results = [r for done in await asyncio.gather(*(client(c) for c in range(48))) for r in done]

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(r.version for r in results) == list(range(2, 242))
    assert (await Application(app.store).load(ctx.tenant, Employee, employee_id)).training_hours[2024] == 240


async def test_a_stale_expected_version_in_a_busy_line_is_still_a_conflict(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    stale = CommandOptions(expected_version=1)  # the version right after the hire

    outcomes = await asyncio.gather(
        *(training(app, ctx, employee_id, i, options=stale) for i in range(8)), return_exceptions=True
    )

    written = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(written) == 1 and written[0].version == 2
    assert all(isinstance(o, ConcurrencyConflict) for o in outcomes if o not in written)
    assert (await app.store.head(ctx.tenant))[0] == 3  # the unit, the hire and one training


async def test_a_refusal_in_the_line_does_not_disturb_the_commands_around_it(app, ctx, unit_id) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id

    outcomes = await asyncio.gather(
        *(training(app, ctx, employee_id, i) for i in range(10)),
        app.record_training(
            ctx, employee_id=employee_id, title="x", kind="E_LEARNING", hours=0, completed_on=date(2024, 3, 1)
        ),
        *(training(app, ctx, employee_id, i) for i in range(10, 20)),
        return_exceptions=True,
    )

    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(refused) == 1 and getattr(refused[0], "code", None) == "INVALID_INPUT"
    assert sorted(o.version for o in outcomes if o not in refused) == list(range(2, 22))


async def test_two_worker_processes_on_one_employee_never_refuse_a_command_without_expected_version(
    app, ctx, unit_id, db, settings
) -> None:
    # Real processes (each its own pool, store, lines and committer) against the test database: the form in
    # which a deployment with two uvicorn workers meets one hot stream.
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    clients, commands = 32, 25  # 1,600 commands: fewer did not show the old refusals

    async def worker(name: str) -> list[str]:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.application.hot_stream_process", settings.database_url,
            ctx.tenant.slug, name, str(employee_id), str(clients), str(commands),
            stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": os.getcwd()},
        )  # fmt: skip
        out, _ = await asyncio.wait_for(process.communicate(), 120)
        assert process.returncode == 0
        return out.decode().split("\n")[:-1]

    lines = [line for out in await asyncio.gather(worker("a"), worker("b")) for line in out]

    assert [line for line in lines if not line.startswith("ok ")] == []
    assert sorted(int(line.split()[2]) for line in lines) == list(range(2, 2 + 2 * clients * commands))
    assert (await verify_tenant(app.store, ctx.tenant)).ok
