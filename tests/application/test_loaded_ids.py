"""Ids read back from PostgreSQL, which asyncpg gives as its own UUID subclass: an aggregate read back
(another worker's, or one from before a restart) appends as fast as one made in this process (an id of
that type sent every later event of the stream down the general hash encoding and asyncpg's arrays), and
a command given such an id (a script, an import reading a projection) stores it as the plain id."""

from __future__ import annotations

import uuid
from datetime import date

from riwayat.application import Application, CommandContext
from riwayat.domain.employee import Employee
from riwayat.infra.codec import EventCodec
from riwayat.infra.ledger import EventStore, packed
from tests.application.conftest import hire


async def test_an_employee_loaded_from_the_database_appends_through_the_packed_statement(
    app: Application, ctx: CommandContext, unit_id, db, monkeypatch
) -> None:
    employee_id = (await hire(app, ctx, unit_id)).stream_id
    fresh = Application(EventStore(db, EventCodec()))  # an empty cache: the employee is read back

    loaded = await fresh.load(ctx.tenant, Employee, employee_id)
    assert type(loaded.id) is uuid.UUID and loaded.id == employee_id

    statements, real = [], packed.write_on_head

    def spied(*args, **kwargs):
        statements.append(real(*args, **kwargs))
        return statements[-1]

    monkeypatch.setattr(packed, "write_on_head", spied)
    for k in range(3):  # the first batch of a new committer is judged: it knows no head yet
        result = await fresh.record_training(
            ctx, employee_id=employee_id, title=f"Pelatihan {k}", kind="E_LEARNING", hours=2,
            completed_on=date(2024, 3, 1),
        )  # fmt: skip
    assert type(result.stream_id) is uuid.UUID and result.version == 4
    assert statements and all(s is not None for s in statements)  # None: the batch went as arrays


async def test_a_command_given_an_id_read_from_the_database_stores_it(
    app: Application, ctx: CommandContext, unit_id, db
) -> None:
    pool = await db.pool_for_tenant(ctx.tenant.slug)
    read_back = await pool.fetchval(
        f"SELECT stream_id FROM {ctx.tenant.schema}.events WHERE stream_id = $1 LIMIT 1", unit_id
    )
    assert read_back == unit_id and type(read_back) is not uuid.UUID  # asyncpg's own

    hired = await hire(app, ctx, read_back)  # eventsourcing's transcoder refused it: an internal error

    (stored,) = await app.store.read_stream(ctx.tenant, hired.stream_id)
    assert stored.data["unit_id"] == {"_type_": "uuid_hex", "_data_": unit_id.hex}
