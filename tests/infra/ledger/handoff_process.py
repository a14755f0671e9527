"""A worker process for `test_handoff`: its own pool, store (writer hand-off on, as `riwayat serve` has it),
application and clients, each client recording trainings on its own employee.

    python -m tests.infra.ledger.handoff_process URL SLUG NAME EMPLOYEE,EMPLOYEE,... COMMANDS

Prints `ready` once set up, starts its clients on a line on stdin and closes on the next line (or stdin's
end; `close` closes its store at once). Prints `ok EMPLOYEE VERSION K` (its K-th command) or `error
EMPLOYEE CODE` per answered command, then `batches N M` (the batches this process wrote itself, and how
many of them it wrote while it was a forwarder) and `role writer|forwarder|None`.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from datetime import date

from riwayat.application import Application, CommandContext
from riwayat.infra import event_loop
from riwayat.infra.codec import EventCodec
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import TenantRegistry
from riwayat.projections.registry import make_projector


async def main(url: str, slug: str, name: str, employees: list[uuid.UUID], commands: int) -> None:
    db = Database(Settings(database_url=url, pool_max=8))
    await db.start()
    codec = EventCodec()
    batches = forwarding = 0  # the batches this process wrote itself; of them, those while it forwarded

    async def observe(attempt) -> None:
        nonlocal batches, forwarding
        batches += 1
        forwarding += store.committer(tenant).relay.role == "forwarder"

    store = EventStore(db, codec, projector=make_projector(codec), handoff=True, observer=observe)
    app = Application(store)
    tenant = await TenantRegistry(db).require(slug)
    ctx = CommandContext(tenant=tenant, actor=name, roles=("hr",), request_id=name)

    async def client(employee_id: uuid.UUID) -> None:
        for k in range(commands):
            try:
                result = await app.record_training(
                    ctx, employee_id=employee_id, title=f"{name}-{k}", kind="E_LEARNING", hours=1,
                    completed_on=date(2024, 3, 1),
                )  # fmt: skip
                line = f"ok {employee_id} {result.version} {k}"
            except Exception as error:  # noqa: BLE001 - reported to the test
                line = f"error {employee_id} {getattr(error, 'code', type(error).__name__)}"
            print(line, flush=True)

    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)  # the test starts every worker's clients at once
    # The next line: `close` closes the store at once, its clients still running (a worker shut down
    # while it writes for others); anything else, or stdin's end, once every worker is done, so that a
    # slow forwarder is not made to take over by a writer that closed first.
    last = asyncio.ensure_future(asyncio.to_thread(sys.stdin.readline))
    closing = asyncio.ensure_future(_close_if_asked(last, store))
    await asyncio.gather(*(client(e) for e in employees))
    print(f"batches {batches} {forwarding}", flush=True)
    print(f"role {store.committer(tenant).relay.role}", flush=True)
    await closing
    await store.close()
    await db.close()


async def _close_if_asked(line: asyncio.Future[str], store: EventStore) -> None:
    if (await line).strip() == "close":
        await store.close()


if __name__ == "__main__":
    url, slug, name, employees, commands = sys.argv[1:]
    event_loop.run(main(url, slug, name, [uuid.UUID(e) for e in employees.split(",")], int(commands)))
