"""After a lost answer, a batch counts as written only if every command of it is recorded where the batch
would have left it. A survivor that took over from a hung writer re-writes the requests it had handed to
it, under the same command ids, from the same head: one of them may land at exactly the position the hung
writer's batch had planned for it, while the writer's own commands of that batch were never written."""

from __future__ import annotations

import uuid

from riwayat.infra.ledger import attempts
from riwayat.infra.ledger.attempts import Written
from riwayat.infra.ledger.records import AppendResult
from riwayat.infra.tenants import Tenant
from tests.infra.ledger.requests import request


async def _record(pool, tenant: Tenant, command_id: str, position: int) -> None:
    await pool.execute(
        f"INSERT INTO {tenant.schema}.commands (id, position) VALUES ($1, $2)", command_id, position
    )


def _written(requests, last_positions) -> Written:
    answers = [
        AppendResult.of(r.encoded[-1][0], r.encoded[-1][1], [p])
        for r, p in zip(requests, last_positions, strict=True)
    ]
    return Written(answers, [])


async def test_a_batch_is_written_only_if_all_its_commands_are_where_it_would_have_left_them(
    db, tenant: Tenant
) -> None:
    pool = await db.pool_for_tenant(tenant.slug)
    forwarded, own = request(uuid.uuid4()), request(uuid.uuid4())
    batch = [forwarded, own]
    planned = _written(batch, [41, 42])
    await _record(pool, tenant, forwarded.command_id, 41)  # re-written by the survivor, by chance at 41

    assert not await attempts.landed(pool, tenant.schema, batch, planned)  # `own` is nowhere

    await _record(pool, tenant, own.command_id, 42)
    assert await attempts.landed(pool, tenant.schema, batch, planned)
