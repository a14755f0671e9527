"""Tables of read models, and the two writers their handlers write through.

Handlers never write SQL for their rows: they call a writer (`put`, `update`, `add`, `delete`, `get`).
The same handler code then runs
- inline, in the append transaction, through `SqlWriter` (one statement per call), and
- in a rebuild, through `MemoryWriter`, which folds the whole history into dicts and writes each table
  once with COPY — the only way a rebuild of a million events can run near the rate the events are read.
Both writers implement the same row semantics, so a rebuilt table equals the inline one row for row.

Every row carries `at_position`, the position of the last event that changed it, and every write is
guarded by it (a row is changed only by an event after the one that last changed it): replaying an event
that was already applied changes nothing, so handlers are idempotent per position. One event writes a
given row at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import asyncpg

Key = tuple[Any, ...]
Row = dict[str, Any]
GUARD = "at_position"


@dataclass(frozen=True)
class Table:
    """A projection table: `columns` are (name, SQL type), `key` the primary key columns, `indexes`
    (suffix, column list or expression). Names are code constants, never input."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, str], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return (*(c for c, _ in self.columns), GUARD)

    def key_of(self, row: Row) -> Key:
        if len(self.key) == 1:  # the common case, on the rebuild's hot path
            return (row[self.key[0]],)
        return tuple([row[c] for c in self.key])

    def create_sql(self, schema: str) -> str:
        cols = ", ".join(f"{c} {t}" for c, t in self.columns)
        return (
            f"CREATE TABLE IF NOT EXISTS {schema}.{self.name} ({cols}, {GUARD} bigint NOT NULL,"
            f" PRIMARY KEY ({', '.join(self.key)}))"
        )

    def index_sql(self, schema: str) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {self.name}_{suffix} ON {schema}.{self.name} {expr}"
            for suffix, expr in self.indexes
        ]


def _where(table: Table, first: int) -> str:
    return " AND ".join(f"{c} = ${i}" for i, c in enumerate(table.key, start=first))


class SqlWriter:
    """Writes each call as one statement on `con` in `schema` (inline, and a rebuild's final tail).

    Statements are queued and sent by `flush()` (before any `get`, and by whoever made the writer): runs of
    the same statement go as one `executemany` (one round trip), so a group-committed batch of 32 trainings
    costs a few round trips, not 96. Order is kept exactly.
    """

    def __init__(self, con: asyncpg.Connection, schema: str) -> None:
        self.con = con
        self.schema = schema
        self.position = 0
        self._pending: list[tuple[str, tuple[Any, ...]]] = []

    async def _queue(self, sql: str, *args: Any) -> None:
        self._pending.append((sql, args))

    async def flush(self) -> None:
        pending, self._pending = self._pending, []
        start = 0
        while start < len(pending):
            sql, end = pending[start][0], start + 1
            while end < len(pending) and pending[end][0] == sql:
                end += 1
            if end - start == 1:
                await self.con.execute(sql, *pending[start][1])
            else:
                await self.con.executemany(sql, [args for _, args in pending[start:end]])
            start = end

    async def get(self, table: Table, key: Key) -> Row | None:
        await self.flush()
        row = await self.con.fetchrow(
            f"SELECT {', '.join(table.column_names)} FROM {self.schema}.{table.name}"
            f" WHERE {_where(table, 1)}",
            *key,
        )
        return None if row is None else dict(row)

    async def put(self, table: Table, row: Row) -> None:
        """Insert the row, or replace the existing one with the same key."""
        cols = [*row, GUARD]
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols if c not in table.key)
        await self._queue(
            f"INSERT INTO {self.schema}.{table.name} ({', '.join(cols)})"
            f" VALUES ({', '.join(f'${i}' for i in range(1, len(cols) + 1))})"
            f" ON CONFLICT ({', '.join(table.key)}) DO UPDATE SET {updates}"
            f" WHERE {table.name}.{GUARD} < EXCLUDED.{GUARD}",
            *row.values(),
            self.position,
        )

    async def update(self, table: Table, key: Key, values: Row | None = None, add: Row | None = None) -> None:
        """Set `values` and add `add` to columns of an existing row; nothing when there is no such row."""
        values, add = values or {}, add or {}
        sets = [f"{c} = ${i}" for i, c in enumerate(values, start=1)]
        sets += [f"{c} = {c} + ${i}" for i, c in enumerate(add, start=len(values) + 1)]
        n = len(values) + len(add)
        sets.append(f"{GUARD} = ${n + 1}")
        await self._queue(
            f"UPDATE {self.schema}.{table.name} SET {', '.join(sets)}"
            f" WHERE {_where(table, n + 2)} AND {GUARD} < ${n + 1}",
            *values.values(),
            *add.values(),
            self.position,
            *key,
        )

    async def add(self, table: Table, row: Row, add: Row) -> None:
        """Insert `row` + `add` when the key is new, else add `add` to its columns (a running total)."""
        cols = [*row, *add, GUARD]
        sets = ", ".join(
            [f"{c} = {table.name}.{c} + EXCLUDED.{c}" for c in add] + [f"{GUARD} = EXCLUDED.{GUARD}"]
        )
        await self._queue(
            f"INSERT INTO {self.schema}.{table.name} ({', '.join(cols)})"
            f" VALUES ({', '.join(f'${i}' for i in range(1, len(cols) + 1))})"
            f" ON CONFLICT ({', '.join(table.key)}) DO UPDATE SET {sets}"
            f" WHERE {table.name}.{GUARD} < EXCLUDED.{GUARD}",
            *row.values(),
            *add.values(),
            self.position,
        )

    async def delete(self, table: Table, key: Key) -> None:
        await self._queue(
            f"DELETE FROM {self.schema}.{table.name} WHERE {_where(table, 2)} AND {GUARD} < $1",
            self.position,
            *key,
        )


class MemoryWriter:
    """Holds every row of the projections being rebuilt in dicts, then COPYs each table once.

    Memory grows with the read models' size (rows), not with the number of events."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[Key, Row]] = {}
        self.position = 0

    def _rows(self, table: Table) -> dict[Key, Row]:
        rows = self.rows.get(table.name)
        if rows is None:
            rows = self.rows[table.name] = {}
        return rows

    async def get(self, table: Table, key: Key) -> Row | None:
        row = self._rows(table).get(key)
        return None if row is None else dict(row)  # a snapshot, as a SELECT gives

    async def put(self, table: Table, row: Row) -> None:
        rows, key = self._rows(table), table.key_of(row)
        old = rows.get(key)
        if old is None or old[GUARD] < self.position:
            rows[key] = {**row, GUARD: self.position}

    async def update(self, table: Table, key: Key, values: Row | None = None, add: Row | None = None) -> None:
        row = self._rows(table).get(key)
        if row is None or row[GUARD] >= self.position:
            return
        if values:
            row.update(values)
        for c, delta in (add or {}).items():
            row[c] += delta
        row[GUARD] = self.position

    async def add(self, table: Table, row: Row, add: Row) -> None:
        rows, key = self._rows(table), table.key_of(row)
        old = rows.get(key)
        if old is None:
            rows[key] = {**row, **add, GUARD: self.position}
        elif old[GUARD] < self.position:
            for c, delta in add.items():
                old[c] += delta
            old[GUARD] = self.position

    async def delete(self, table: Table, key: Key) -> None:
        rows = self._rows(table)
        row = rows.get(key)
        if row is not None and row[GUARD] < self.position:
            del rows[key]

    async def copy_to(self, con: asyncpg.Connection, schema: str, tables: list[Table]) -> int:
        """COPY the rows into the (empty) tables of `schema`; returns the number of rows written."""
        written = 0
        for table in tables:
            rows = self.rows.pop(table.name, {})
            cols = table.column_names
            records = [tuple(row.get(c) for c in cols) for row in rows.values()]
            if records:
                await con.copy_records_to_table(table.name, schema_name=schema, columns=cols, records=records)
            written += len(records)
        return written
