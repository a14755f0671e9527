"""The cached as-of fold selects and orders exactly what the rule, said in SQL over the stored rows, does."""

from __future__ import annotations

from datetime import date

from riwayat.application.as_of import StreamHistory, in_force_on
from riwayat.infra.ledger import EventStore
from tests.projections.ledger import populated


async def test_cached_effective_selection_equals_the_stores_sql_selection(
    bare_store: EventStore, tenant
) -> None:
    await populated(bare_store, tenant, seed=11, steps=120)
    history = StreamHistory(bare_store)
    pool = await bare_store.db.pool_for_tenant(tenant.slug)
    legal_date = "coalesce(effective_on, (recorded_at AT TIME ZONE 'UTC')::date)"
    IN_FORCE = (  # noqa: N806
        f"SELECT position FROM {tenant.schema}.events WHERE stream_id = $1 AND {legal_date} <= $2"
        f" ORDER BY {legal_date}, position"
    )
    employees = {
        r.stream_id for r in await bare_store.read_log(tenant, limit=10_000) if r.stream_type == "Employee"
    }
    assert employees
    for employee_id in list(employees)[:10]:
        for on in (date(2016, 1, 1), date(2020, 6, 30), date(2030, 1, 1)):
            from_sql = [r["position"] for r in await pool.fetch(IN_FORCE, employee_id, on)]
            cached = await history.events(tenant, employee_id)
            assert [rec.position for rec, _ in in_force_on(cached, on)] == from_sql
            folded = await history.employee_as_of(tenant, employee_id, effective_on=on)
            assert (folded is None) == (not from_sql)
