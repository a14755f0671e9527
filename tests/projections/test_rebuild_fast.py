"""The rebuild's shortcuts give what the plain ways give: its fold (stream ids read as text, the upcasts
only for old events) the rows of `_handle`; its loading (the empty tables' keys and indexes in one
statement, the shadow made while the first pages are read) the tables a new tenant gets; and a rebuild
that fails midway leaves no shadow schema and no lock behind."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import orjson
import pytest

from riwayat.domain.employee import Employee
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant, TenantRegistry
from riwayat.projections import rebuild as rebuild_module
from riwayat.projections.base import _handle
from riwayat.projections.employees import Employees
from riwayat.projections.rebuild import rebuild, shadow_schema
from riwayat.projections.registry import ALL_PROJECTIONS
from riwayat.projections.rows import MemoryWriter
from tests.projections.ledger import DECREE, META, Ledger, dump, populated
from tests.projections.test_careers_upcast import V1_DROPPED, as_v1

# What a schema's read-model tables are made of, besides their rows.
_DEFINITIONS = """
SELECT 'index', tablename, replace(indexdef, schemaname || '.', '') FROM pg_indexes WHERE schemaname = $1
UNION ALL
SELECT 'constraint', c.relname, conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1
UNION ALL
SELECT 'column', table_name, concat_ws(' ', ordinal_position, column_name, data_type, is_nullable)
FROM information_schema.columns WHERE table_schema = $1
ORDER BY 1, 2, 3
"""


async def test_the_fold_of_old_and_current_events_of_one_stream_gives_the_rows_handle_gives(
    db: Database, store: EventStore, ptenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given one employee's career: its first events stored by class version 1, the later ones current
    ledger = Ledger(store, ptenant)
    unit = await ledger.establish()
    e = ledger.new_employee(unit=unit, born=date(1970, 5, 1), tmt=date(2000, 1, 1))
    e.complete_probation(date(2001, 1, 1), DECREE)
    e.promote("III/b", date(2005, 4, 1), DECREE)
    e.impose_discipline("SEDANG", "Mangkir", date(2006, 3, 1), DECREE)  # its upcast sets what it blocks
    plain = EventStore(db)
    with monkeypatch.context() as patch:
        for cls in V1_DROPPED:
            patch.setattr(cls, "class_version", 1)
        await plain.append(ptenant, [as_v1(event) for event in e.collect_events()], metadata=META)
    e.record_training("Bimtek", "WORKSHOP", 8, date(2006, 2, 1))
    e.promote("III/c", date(2009, 4, 1), DECREE)
    e.record_appraisal(2009, "ABOVE", "MEETS", "197001011995031002")
    await EventStore(db).append(ptenant, e.collect_events(), metadata=META)  # (a codec keeps versions)
    pool = await db.pool_for_tenant(ptenant.slug)
    async with pool.acquire() as con:
        pages = [page async for page in rebuild_module._pages(con, ptenant.schema, 0)]
    stored = [(r[3], orjson.loads(r[4]).get("class_version", 1)) for page in pages for r in page]
    promoted = [version for topic, version in stored if topic.endswith("RankPromoted")]
    versions = [version for _, version in stored]
    assert promoted == [1, Employee.RankPromoted.class_version] and max(versions) > 1

    # When the rebuild's fold reads them, and `_handle` is given the same events decoded as stored
    replay = rebuild_module._Replay(store, list(ALL_PROJECTIONS))
    folded, handled = MemoryWriter(), MemoryWriter()
    for page in pages:
        replay.fold(folded, page)
    events = [(p, rebuild_module.UUID(s), v, t, orjson.loads(d)) for page in pages for p, s, v, t, d in page]
    _handle(handled, replay.dispatch, events)

    # Then both hold the same rows, the employee's under its id, every one of its rows under one UUID
    assert folded.rows == handled.rows
    row = folded.rows["employees"][(e.id,)]
    assert (row["rank"], row["version"]) == ("III/c", e.version)
    assert replay.events == len(events) and list(replay.streams.values()).count(e.id) == 1
    ids = {id(r["employee_id"]) for r in folded.rows["training_hours"].values()} | {id(row["id"])}
    assert ids == {id(replay.streams[str(e.id)])}


async def test_a_rebuilt_schema_has_the_tables_keys_and_indexes_a_new_tenant_gets(
    store: EventStore, db: Database, projected_registry: TenantRegistry, ptenant: Tenant
) -> None:
    # Given a tenant whose history fills some tables and leaves others empty, and a new tenant
    await populated(store, ptenant, 7, 40)
    fresh = await projected_registry.create(ptenant.slug + "f", "Fresh")
    tables = await dump(db, ptenant)
    assert [n for n, rows in tables.items() if rows] and [n for n, rows in tables.items() if not rows]
    pool = await db.pool_for_tenant(ptenant.slug)
    names = [t.name for p in ALL_PROJECTIONS for t in p.tables]

    async def definitions(schema: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await pool.fetch(_DEFINITIONS, schema) if r[1] in names]

    # When every projection is rebuilt
    await rebuild(store, ptenant)

    # Then its tables are defined exactly as the new tenant's (columns, keys, indexes), rows unchanged
    mine = await definitions(ptenant.schema)
    assert mine == await definitions(fresh.schema)
    assert {table for kind, table, _ in mine if kind == "constraint"} == set(names)  # every primary key
    assert await dump(db, ptenant) == tables


async def test_a_rebuild_that_fails_midway_leaves_no_shadow_and_no_lock(
    store: EventStore, db: Database, ptenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a tenant with history, a handler that fails on the first training it meets, and shadow
    # tables that are made only once it has failed
    await populated(store, ptenant, 8, 40)
    before = await dump(db, ptenant)
    failed, create = asyncio.Event(), rebuild_module._create_shadow

    def broken(*args: Any) -> None:
        failed.set()
        raise RuntimeError("handler failed")

    async def late(*args: Any) -> None:
        await failed.wait()
        await create(*args)

    # When a rebuild runs into it while the shadow tables are being made
    with monkeypatch.context() as patch:
        patch.setattr(Employees, "employee_training_completed", broken)
        patch.setattr(rebuild_module, "_create_shadow", late)
        with pytest.raises(RuntimeError, match="handler failed"):
            await rebuild(store, ptenant)

    # Then the live tables are untouched, the shadow schema is gone, and the next rebuild runs
    assert await dump(db, ptenant) == before
    pool = await db.pool_for_tenant(ptenant.slug)
    shadow = shadow_schema(ptenant.schema)
    assert await pool.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname = $1", shadow) == 0
    await rebuild(store, ptenant)
    assert await dump(db, ptenant) == before
