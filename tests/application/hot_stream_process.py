"""A worker process for `test_hot_stream`: its own pool, store, application and clients, recording
trainings on one employee of one tenant, without `expectedVersion`.

    python -m tests.application.hot_stream_process URL SLUG NAME EMPLOYEE CLIENTS COMMANDS

Prints one line per answered command (`ok TITLE VERSION` or `error TITLE CODE`).
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


async def main(url: str, slug: str, name: str, employee: str, clients: int, commands: int) -> None:
    db = Database(Settings(database_url=url, pool_max=8))
    await db.start()
    codec = EventCodec()
    app = Application(EventStore(db, codec, projector=make_projector(codec)))
    tenant = await TenantRegistry(db).require(slug)
    ctx = CommandContext(tenant=tenant, actor=name, roles=("hr",), request_id=name)
    employee_id = uuid.UUID(employee)

    async def client(c: int) -> None:
        for k in range(commands):
            title = f"{name}-{c}-{k}"
            try:
                result = await app.record_training(
                    ctx, employee_id=employee_id, title=title, kind="E_LEARNING", hours=1,
                    completed_on=date(2024, 3, 1),
                )  # fmt: skip
                line = f"ok {title} {result.version}"
            except Exception as error:  # noqa: BLE001 - reported to the test
                line = f"error {title} {getattr(error, 'code', type(error).__name__)}"
            print(line, flush=True)

    await asyncio.gather(*(client(c) for c in range(clients)))
    await db.close()


if __name__ == "__main__":
    url, slug, name, employee, clients, commands = sys.argv[1:]
    event_loop.run(main(url, slug, name, employee, int(clients), int(commands)))
