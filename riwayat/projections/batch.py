"""The inline writer: a batch's writes folded per row and sent as one statement.

The event store runs the projections once per group-committed batch (about 30 events). Sending each
handler call as its own statement cost a round trip and a plan execution per event and table; here the
writes of a batch are folded per row first (three trainings of one employee-year become one upsert, ten
events of one employee one UPDATE carrying the last version), the rows of one table and one kind of write
go as one part over `unnest` arrays, and the parts (with the checkpoint move) as ONE statement: a batch of
30 trainings is one round trip.

Folded writes follow `rows`' semantics exactly, with one guard per row: the run of writes a batch makes
to a row applies when the row has not seen the run's last event (`at_position` below it), and not at all
when it has — so replaying events already applied changes nothing. (A row that saw only part of a run
cannot happen: projection tables move in whole transactions of consecutive events.)

Handlers do not wait on the database, so `get` is answered from rows read before the batch runs: the
handlers declare which (`@handles(..., reads=TABLE)`), `load` reads them, and the batch's own writes are
applied to them in memory (`MemoryWriter`) — read-your-writes inside the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import asyncpg

from riwayat.projections.batch_json import packed_part
from riwayat.projections.batch_runs import NO_VALUES, Op, Run, fold
from riwayat.projections.batch_sql import Shape, part_sql
from riwayat.projections.rows import Key, MemoryWriter, Row, Table


class Params:
    """The arguments of a statement being written: `params(value, "uuid[]")` keeps the value and gives
    the `$n::uuid[]` that names it, so parts written separately number their parameters as one."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def __call__(self, value: Any, sql_type: str) -> str:
        self.values.append(value)
        return f"${len(self.values)}::{sql_type}"


# A statement written into a writer's statement: given its `Params` and a gate condition (or None), its SQL.
Statement = Callable[[Params, str | None], str]


class BatchWriter:
    """Collects one batch's writes (`position` set per event by the caller), sends them with `flush()`."""

    def __init__(self, con: asyncpg.Connection, schema: str) -> None:
        self.con = con
        self.schema = schema
        self.position = 0
        # Each generation: table name → key → run, at most one run per row; a write that cannot fold into
        # its row's last run starts one in the next generation.
        self._generations: list[dict[str, dict[Key, Op | Run]]] = [{}]
        self._tables: dict[str, Table] = {}
        self._image: MemoryWriter = None  # type: ignore[assignment]  (made by the first `load`)
        self._loaded: set[tuple[str, Key]] = set()

    async def load(self, table: Table, keys: Iterable[Key]) -> None:
        """Read the rows `get` will be asked for (absent ones included), with one query."""
        keys = [k for k in set(keys) if (table.name, k) not in self._loaded]
        if not keys:
            return
        arrays = ", ".join(f"${i}::{table.sql_type(c)}[]" for i, c in enumerate(table.key, start=1))
        rows = await self.con.fetch(
            f"SELECT {', '.join(table.column_names)} FROM {self.schema}.{table.name}"
            f" JOIN unnest({arrays}) AS u({', '.join(table.key)}) USING ({', '.join(table.key)})",
            *(list(column) for column in zip(*keys, strict=True)),
        )
        if self._image is None:  # (a batch joined to the append statement loads nothing)
            self._image = MemoryWriter()
        image = self._image.rows[table.name]
        for record in rows:
            row = dict(record)
            image[table.key_of(row)] = row
        self._loaded.update((table.name, k) for k in keys)

    def get(self, table: Table, key: Key) -> Row | None:
        if (table.name, key) not in self._loaded:
            raise LookupError(
                f"{table.name} row {key} was not loaded: name it in the handler's `@handles(..., reads=)`"
            )
        return self._image.get(table, key)

    def put(self, table: Table, row: Row) -> None:
        key = table.key_of(row)
        if self._loaded and self._mirrored(table, key):
            self._image.put(table, dict(row))
        op = ("put", row, NO_VALUES, NO_VALUES, self.position)
        rows = self._generations[0].get(table.name)
        if rows is None or rows.setdefault(key, op) is not op:  # (the row's first write: no more calls)
            self._write(table, key, op)

    def update(self, table: Table, key: Key, values: Row | None = None, add: Row | None = None) -> None:
        if self._loaded and self._mirrored(table, key):
            self._image.update(table, key, values, add)
        if add:  # the handler's dicts are ours to keep
            values, added = values or {}, {}
            for c, delta in add.items():  # a column both set and added to is set to the sum
                if c in values:
                    values[c] += delta
                else:
                    added[c] = delta
            add = added
        op = ("update", None, values or NO_VALUES, add or NO_VALUES, self.position)
        rows = self._generations[0].get(table.name)
        if rows is None or rows.setdefault(key, op) is not op:
            self._write(table, key, op)

    def add(self, table: Table, row: Row, add: Row) -> None:
        key = table.key_of(row)
        if self._loaded and self._mirrored(table, key):
            self._image.add(table, dict(row), add)
        row.update(add)  # the row a new key gets; `add` stays what is added to an existing one
        op = ("add", row, NO_VALUES, add, self.position)
        rows = self._generations[0].get(table.name)
        if rows is None or rows.setdefault(key, op) is not op:
            self._write(table, key, op)

    def delete(self, table: Table, key: Key) -> None:
        if self._loaded and self._mirrored(table, key):
            self._image.delete(table, key)
        op = ("delete", None, NO_VALUES, NO_VALUES, self.position)
        rows = self._generations[0].get(table.name)
        if rows is None or rows.setdefault(key, op) is not op:
            self._write(table, key, op)

    def _mirrored(self, table: Table, key: Key) -> bool:
        """A loaded row follows the batch's writes in memory, so a later `get` sees them. (The callers
        ask only when some row was loaded: a batch written as statements loads none.)"""
        if (table.name, key) in self._loaded:
            self._image.position = self.position
            return True
        return False

    def _write(self, table: Table, key: Key, op: Op) -> None:
        """Folds `op` into its row's last run, or makes it the row's run in the generation after that."""
        for tables in self._generations:  # a row's runs are in consecutive generations from the first
            rows = tables.get(table.name)
            if rows is None:
                rows = tables[table.name] = {}
                self._tables[table.name] = table
            run = rows.setdefault(key, op)
            if run is op:
                return
            if type(run) is tuple:  # the row's first write, alone until now
                run = rows[key] = Run.of(run)
            if not run.closed and fold(run, op):
                return
            run.closed = True  # the row's later writes go into a later generation
        self._generations.append({table.name: {key: op}})

    async def flush(self, then: Statement | None = None) -> None:
        """Sends the batch as one statement per generation (nearly always one): each group of rows — by
        table, kind of write and columns — is a data-modifying `WITH` part of it, and the last one also
        runs `then` (the inline projector moves the checkpoints with it). Whatever tables a batch touches,
        its writes cost one round trip; the groups of one generation never share a row."""
        generations = self._take()
        for i, groups in enumerate(generations):
            params = Params()
            parts = [self._part(params, shape, group) for shape, group in groups]
            if then is not None and i == len(generations) - 1:
                parts.append(then(params, None))
            if parts:
                with_parts = ", ".join(f"w{n} AS ({sql})" for n, sql in enumerate(parts[:-1]))
                sql = f"WITH {with_parts} {parts[-1]}" if with_parts else parts[-1]
                await self.con.execute(sql, *params.values)

    def statements(self, then: Statement, gate: str) -> list[tuple[str, list[Any]]] | None:
        """The batch as separate statements, each with parameters from $1 and its rows filtered by the SQL
        condition `gate`, for the event store to join to its own append statement; None when the writes
        need more than one generation (one statement cannot write a row twice)."""
        generations = self._take()
        if len(generations) > 1:
            return None
        statements = []
        for shape, group in generations[0] if generations else ():
            packed = packed_part(self.schema, self._tables[shape[0]], shape, group, gate)
            if packed is None:
                params = Params()
                packed = self._part(params, shape, group, gate), params.values
            statements.append(packed)
        params = Params()
        statements.append((then(params, gate), params.values))
        return statements

    def _take(self) -> list[list[tuple[Shape, list[tuple[Key, Op]]]]]:
        """The writes of each generation grouped by shape, in a stable order (the statement texts repeat,
        so the server's prepared plans are reused); the writer is empty afterwards."""
        generations, self._generations = self._generations, [{}]
        taken = []
        for tables in generations:
            groups: dict[Shape, list[tuple[Key, Op]]] = {}
            for name, rows in tables.items():
                for key, op in rows.items():
                    if type(op) is not tuple:  # a row written more than once
                        op = op.op()
                    # `values` is set only in an update, `row` only in a put or an add: see `Shape`.
                    add = op[3]
                    shape = (name, op[0], tuple(op[1] or op[2]), () if add is NO_VALUES else tuple(add))
                    group = groups.get(shape)
                    if group is None:
                        groups[shape] = [(key, op)]
                    else:
                        group.append((key, op))
            if groups:
                taken.append(sorted(groups.items()))
        return taken

    def _part(
        self, params: Params, shape: Shape, group: list[tuple[Key, Op]], gate: str | None = None
    ) -> str:
        """One group's write: its text (`part_sql`), its columns as arrays appended to `params`."""
        table = self._tables[shape[0]]
        sql = part_sql(self.schema, table, shape, len(params.values) + 1, gate)
        params.values.extend(_part_arrays(table, shape, group))
        return sql


def _part_arrays(table: Table, shape: Shape, group: list[tuple[Key, Op]]) -> list[list[Any]]:
    """The group's rows as one array per column, in the order `part_sql` numbers them."""
    _, kind, columns, added = shape
    positions = [op[4] for _, op in group]
    if kind in ("put", "add"):
        return [*([op[1][c] for _, op in group] for c in columns), positions]
    keys = [[key[i] for key, _ in group] for i in range(len(table.key))]
    if kind == "update":
        values = [[op[2][c] for _, op in group] for c in columns]
        return [*keys, *values, *([op[3][c] for _, op in group] for c in added), positions]
    return [*keys, positions]
