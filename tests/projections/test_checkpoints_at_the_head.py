"""The inline projections' checkpoints are kept "at the head" (NULL, read as the head's position) instead of
moved to each new head, so an append updates no checkpoint row; what their readers report is unchanged,
also after appends that ran no inline projection (their checkpoints stay where the projections stopped)."""

from __future__ import annotations

from typing import Any

from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.registry import ALL_PROJECTIONS, ProjectionStatusRow, projection_status, stale
from tests.projections.ledger import Ledger, populated

NAMES = [p.name for p in ALL_PROJECTIONS]


async def _positions(pool: Any, schema: str) -> set[int | None]:
    return {r["position"] for r in await pool.fetch(f"SELECT position FROM {schema}.projection_checkpoints")}


async def test_inline_appends_write_no_checkpoint_position_and_status_reads_the_head(
    store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    assert await _positions(pool, ptenant.schema) == {0}  # a new tenant's, as provisioned
    await populated(store, ptenant, 8, 10)
    head = (await store.head(ptenant))[0]

    assert await _positions(pool, ptenant.schema) == {None}
    assert await projection_status(pool, ptenant.schema) == [ProjectionStatusRow(n, head, 0) for n in NAMES]
    assert await stale(pool, ptenant.schema) == []


async def test_appends_without_inline_projections_leave_the_checkpoints_where_the_projections_stopped(
    db: Database, store: EventStore, ptenant: Tenant, pool: Any
) -> None:
    # Given a tenant whose inline projections are at the head
    await populated(store, ptenant, 9, 5)
    inline, plain = Ledger(store, ptenant, 3), Ledger(EventStore(db), ptenant, 2)
    for step, (ledger, code) in enumerate(
        [(plain, "PLAINA"), (inline, "INLINEA"), (plain, "PLAINB"), (plain, "PLAINC"), (inline, "INLINEB")]
    ):
        # When a store without projections appends (judged first; then, the head moved, as one statement
        # on the head as it is; then on its own head), or one with them
        before = (await store.head(ptenant))[0]
        await ledger.establish(code, f"Unit {code}")
        head = (await store.head(ptenant))[0]
        # Then the checkpoints hold the position the projections reached, and the status shows the lag
        at = head if ledger is inline else before if step != 3 else before - 1
        assert await projection_status(pool, ptenant.schema) == [
            ProjectionStatusRow(n, at, head - at) for n in NAMES
        ], code
        assert await _positions(pool, ptenant.schema) == ({None} if ledger is inline else {at})
