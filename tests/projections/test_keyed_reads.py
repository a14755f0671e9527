"""Reads by keys (`riwayat.infra.keyed`): the same rows for one key as for several, and a statement that
PostgreSQL plans once, not on every execution, when it is given one key (a mutation's payload, an
`employee(id:)`): each planning of the directory's row cost the server more than running it."""

from __future__ import annotations

from typing import Any

from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.employees import employees_by_ids
from riwayat.projections.org_units import units_by_ids
from tests.projections.ledger import Ledger


async def test_one_key_and_several_read_the_same_rows(store: EventStore, ptenant: Tenant, pool: Any) -> None:
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    people = [await ledger.hire(unit=unit) for _ in range(3)]
    ids = [p.id for p in people]

    together = await employees_by_ids(pool, ptenant.schema, ids)
    alone = {i: (await employees_by_ids(pool, ptenant.schema, [i]))[i] for i in ids}
    assert together == alone and set(together) == set(ids)
    assert await employees_by_ids(pool, ptenant.schema, []) == {}
    assert set(await units_by_ids(pool, ptenant.schema, {unit.id})) == {unit.id}  # any collection of keys


async def test_a_read_of_one_employee_keeps_its_plan(store: EventStore, ptenant: Tenant, pool: Any) -> None:
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    people = [await ledger.hire(unit=unit) for _ in range(4)]

    async with pool.acquire() as con:  # one connection: its prepared statements are the ones counted
        for _ in range(5):
            for p in people:
                await employees_by_ids(con, ptenant.schema, [p.id])
        plans = await con.fetchrow(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE '%FROM ' || $1 || '.employees WHERE id%'",
            ptenant.schema,
        )
    # PostgreSQL plans the first five executions for their values, then keeps the generic plan if it is
    # no dearer: with `id = any($1::uuid[])` it never was, and all twenty were planned.
    assert plans["custom_plans"] <= 5 and plans["generic_plans"] >= 15, dict(plans)
