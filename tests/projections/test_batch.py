"""The inline writer folds a batch's writes per row into a few statements, with exactly the row semantics
of the in-memory writer a rebuild uses: random mixes of every kind of write, on a few keys so that writes
to one row pile up, give the same rows both ways."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from riwayat.infra.tenants import Tenant
from riwayat.projections.batch import BatchWriter
from riwayat.projections.rows import GUARD, MemoryWriter, Table

SCRATCH = Table(
    "scratch_rows",
    (("k", "integer"), ("day", "integer"), ("label", "text"), ("total", "integer NOT NULL")),
    key=("k", "day"),
)
KEYS = [(k, d) for k in range(3) for d in (1, 2)]
Ops = list[tuple[int, str, tuple[Any, ...]]]


def random_ops(rng: random.Random, first: int, count: int) -> Ops:
    """`count` writes at consecutive positions from `first`, each on a random one of six rows."""
    ops: Ops = []
    for position in range(first, first + count):
        k, day = rng.choice(KEYS)
        kind = rng.choice(["put", "update", "update", "add", "add", "delete"])
        if kind == "put":
            args: tuple[Any, ...] = (
                {"k": k, "day": day, "label": f"p{position}", "total": rng.randint(0, 9)},
            )
        elif kind == "update":
            values = rng.choice([{}, {"label": f"u{position}"}, {"total": 100}])
            add = rng.choice([{}, {"total": rng.randint(-3, 3)}]) if values or rng.random() < 0.5 else {}
            args = ((k, day), values or None, add or None)
        elif kind == "add":
            args = ({"k": k, "day": day, "label": None}, {"total": rng.randint(1, 5)})
        else:
            args = ((k, day),)
        ops.append((position, kind, args))
    return ops


def run(writer: Any, ops: Ops) -> list[Any]:
    """Apply the writes; returns what `get` said about every row after each write."""
    seen = []
    for position, kind, args in ops:
        writer.position = position
        copied = tuple(dict(a) if isinstance(a, dict) else a for a in args)  # writers keep their dicts
        getattr(writer, kind)(SCRATCH, *copied)
        seen.append([writer.get(SCRATCH, key) for key in KEYS])
    return seen


async def stored_rows(con: Any, schema: str) -> dict[tuple[int, int], dict[str, Any]]:
    rows = await con.fetch(f"SELECT * FROM {schema}.{SCRATCH.name}")
    return {(r["k"], r["day"]): dict(r) for r in rows}


@pytest.mark.parametrize("seed", range(40))
async def test_a_folded_batch_leaves_the_rows_the_memory_writer_leaves_and_a_replay_changes_none(
    pool: Any, ptenant: Tenant, seed: int
) -> None:
    rng = random.Random(seed)
    schema = ptenant.schema
    async with pool.acquire() as con, con.transaction():
        await con.execute(SCRATCH.create_sql(schema))
        # Given rows left by an earlier batch, and the same rows in memory
        earlier = random_ops(rng, 1, 8)
        memory = MemoryWriter()
        run(memory, earlier)
        writer = BatchWriter(con, schema)
        await writer.load(SCRATCH, KEYS)
        run(writer, earlier)
        await writer.flush()
        assert await stored_rows(con, schema) == memory.rows.get(SCRATCH.name, {})

        # When a batch of writes piling up on six rows goes through each writer
        batch = random_ops(rng, 9, rng.randint(1, 25))
        writer = BatchWriter(con, schema)
        await writer.load(SCRATCH, KEYS)
        seen_inline = run(writer, batch)
        await writer.flush()

        # Then the stored rows are the memory writer's, and `get` saw the same rows along the way
        seen_memory = run(memory, batch)
        expected = memory.rows.get(SCRATCH.name, {})
        assert await stored_rows(con, schema) == expected
        assert seen_inline == seen_memory

        # And replaying the batch, or its second half, changes no row
        for replayed in (batch, batch[len(batch) // 2 :]):
            writer = BatchWriter(con, schema)
            for position, kind, args in replayed:
                writer.position = position
                getattr(writer, kind)(SCRATCH, *(dict(a) if isinstance(a, dict) else a for a in args))
            await writer.flush()
            assert await stored_rows(con, schema) == expected


async def test_get_of_a_row_not_named_in_reads_is_refused_rather_than_answered_wrongly(
    pool: Any, ptenant: Tenant
) -> None:
    async with pool.acquire() as con:
        writer = BatchWriter(con, ptenant.schema)
        with pytest.raises(LookupError, match="reads"):
            writer.get(SCRATCH, (1, 1))


def test_every_row_carries_the_position_of_the_last_write_that_changed_it() -> None:
    memory = MemoryWriter()
    memory.position = 5
    memory.add(SCRATCH, {"k": 1, "day": 1, "label": None}, {"total": 2})
    memory.position = 7
    memory.update(SCRATCH, (1, 1), add={"total": 1})
    assert memory.get(SCRATCH, (1, 1)) == {"k": 1, "day": 1, "label": None, "total": 3, GUARD: 7}


def test_batches_of_one_shape_give_the_same_statement_texts_each_numbered_from_one() -> None:
    def statements(first: int) -> list[tuple[str, list[Any]]]:
        writer = BatchWriter(None, "t_scratch")
        for k in range(3):
            writer.position = first + k
            writer.update(SCRATCH, (k, 1), {"label": f"u{first}"}, {"total": 1})
            writer.add(SCRATCH, {"k": k, "day": 2, "label": None}, {"total": first})
        result = writer.statements(lambda params, gate: f"SELECT {params(first, 'bigint')} WHERE {gate}", "g")
        assert result is not None
        return result

    one, other = statements(10), statements(20)
    assert [sql for sql, _ in one] == [sql for sql, _ in other]
    assert [params for _, params in one] != [params for _, params in other]
    for sql, params in one:
        numbers = {int(n) for n in re.findall(r"\$(\d+)", sql)}
        assert numbers == set(range(1, len(params) + 1))
        assert sql.count(" g") == 1  # the gate, once


@pytest.mark.parametrize("seed", range(20))
async def test_the_statements_joined_to_an_append_send_rows_as_json_and_leave_the_same_rows(
    pool: Any, ptenant: Tenant, seed: int
) -> None:
    rng = random.Random(seed)
    schema = ptenant.schema
    async with pool.acquire() as con, con.transaction():
        await con.execute(SCRATCH.create_sql(schema))
        earlier, memory = random_ops(rng, 1, 8), MemoryWriter()
        run(memory, earlier)
        writer = BatchWriter(con, schema)
        await writer.load(SCRATCH, KEYS)
        run(writer, earlier)
        await writer.flush()
        # A batch that one statement can write (each row written by one part): as JSON, not arrays
        batch = [op for op in random_ops(rng, 9, 12)]
        writer = BatchWriter(None, schema)
        for position, kind, args in batch:
            writer.position = position
            getattr(writer, kind)(SCRATCH, *(dict(a) if isinstance(a, dict) else a for a in args))
        statements = writer.statements(
            lambda params, gate: f"SELECT {params(0, 'bigint')} WHERE {gate}", "true"
        )
        if statements is None:
            return
        for sql, params in statements[:-1]:
            assert "[]" not in sql and len(params) == 1 and isinstance(params[0], str)
            await con.execute(sql, *params)
        run(memory, batch)
        assert await stored_rows(con, schema) == memory.rows.get(SCRATCH.name, {})


TYPED = Table(
    "typed_rows",
    (("id", "uuid"), ("day", "date"), ("flag", "boolean"), ("n", "smallint"), ("at", "timestamptz")),
    key=("id",),
)


def test_a_value_json_would_carry_differently_sends_its_part_as_arrays() -> None:
    import uuid
    from datetime import UTC, date, datetime

    def statements(row: dict[str, Any], table: Table = TYPED) -> list[tuple[str, list[Any]]]:
        writer = BatchWriter(None, "t_x")
        writer.position = 1
        writer.put(table, row)
        result = writer.statements(lambda params, gate: f"SELECT 1 WHERE {gate}", "g")
        assert result is not None
        return result

    plain = {"id": uuid.uuid4(), "day": date(2024, 3, 1), "flag": True, "n": 3}
    ((sql, params), _) = statements(plain, Table("p", TYPED.columns[:4], key=("id",)))
    assert "jsonb_array_elements($1::text::jsonb)" in sql and len(params) == 1
    for odd in ({"n": True}, {"day": datetime(2024, 3, 1, tzinfo=UTC)}, {"flag": 1}):
        ((sql, params), _) = statements({**plain, **odd}, Table("p", TYPED.columns[:4], key=("id",)))
        assert "unnest($1::uuid[]" in sql and len(params) == 5
    ((sql, _), _) = statements({**plain, "at": datetime(2024, 3, 1, tzinfo=UTC)})  # no JSON for timestamptz
    assert "unnest(" in sql


def test_rows_written_once_give_the_statements_of_the_same_rows_folded_from_two_writes() -> None:
    # A row written once in a batch keeps its write as it came (no run is made); one written twice is
    # folded into a run. Given the same end state both ways, the statements must be the same.
    def statements(twice: bool) -> list[tuple[str, list[Any]]]:
        writer = BatchWriter(None, "t_scratch")
        writer.position = 7
        for k in range(3):
            if twice:  # an earlier write of the row that the later one folds over
                writer.put(SCRATCH, {"k": k, "day": 1, "label": "old", "total": 0})
                writer.update(SCRATCH, (k, 2), {"label": "old"})
                writer.add(SCRATCH, {"k": k, "day": 3, "label": None}, {"total": 0})
                writer.delete(SCRATCH, (k, 4))
            writer.put(SCRATCH, {"k": k, "day": 1, "label": f"p{k}", "total": k})
            writer.update(SCRATCH, (k, 2), {"label": f"u{k}", "total": k})
            writer.add(SCRATCH, {"k": k, "day": 3, "label": None}, {"total": k + 1})
            writer.delete(SCRATCH, (k, 4))
        result = writer.statements(lambda params, gate: f"SELECT {params(7, 'bigint')} WHERE {gate}", "g")
        assert result is not None
        return result

    once, folded = statements(twice=False), statements(twice=True)
    assert once == folded
    assert len(once) == 5 and all(len(params) == 1 for _, params in once)  # one JSON part per kind
