"""Tables of read models, their row semantics, and the in-memory writer a rebuild folds history into.

Handlers never write SQL for their rows: they call a writer (`put`, `update`, `add`, `delete`, `get`),
synchronously — nothing is awaited per event. The same handler code then runs
- in a rebuild, through `MemoryWriter`, which folds the whole history into dicts and writes each table
  once with COPY — the only way a rebuild of a million events can run near the rate the events are read;
- inline, in the append transaction, through `batch.BatchWriter`, which folds one batch's writes per row
  and sends them as one statement.
Both implement the row semantics below, so a rebuilt table equals the inline one row for row.

Every row carries `at_position`, the position of the last event that changed it, and every write is
guarded by it (a row is changed only by an event after the one that last changed it): replaying events
that were already applied changes nothing. One event writes a given row at most once. `put` and `add`
rows name every column; a writer keeps the dicts it is given (handlers build them fresh).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
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

    @cached_property
    def key_of(self) -> Callable[[Row], Key]:
        """`table.key_of(row)` is the row's key. A getter made once, on the hot paths of a rebuild and of
        every append: one C call for a composite key, a one-tuple for a single column."""
        if len(self.key) == 1:
            column = self.key[0]
            return lambda row: (row[column],)
        return itemgetter(*self.key)

    def sql_type(self, column: str) -> str:
        """`uuid` for ("id", "uuid"), `text` for ("name", "text NOT NULL"): the type of a column's array."""
        if column == GUARD:
            return "bigint"
        return next(t for c, t in self.columns if c == column).split()[0]

    def create_sql(self, schema: str, *, primary_key: bool = True) -> str:
        """Without the primary key for a rebuild's bulk load: built after the COPY, in one sort."""
        cols = ", ".join(f"{c} {t}" for c, t in self.columns)
        key = f", PRIMARY KEY ({', '.join(self.key)})" if primary_key else ""
        return f"CREATE TABLE IF NOT EXISTS {schema}.{self.name} ({cols}, {GUARD} bigint NOT NULL{key})"

    def primary_key_sql(self, schema: str) -> str:
        return f"ALTER TABLE {schema}.{self.name} ADD PRIMARY KEY ({', '.join(self.key)})"

    def index_sql(self, schema: str) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {self.name}_{suffix} ON {schema}.{self.name} {expr}"
            for suffix, expr in self.indexes
        ]


class MemoryWriter:
    """Holds every row of the tables being rebuilt in dicts (table name → key → row), then COPYs each
    table once. Memory grows with the read models' size (rows), not with the number of events.

    Also the row image of `BatchWriter`, for the rows it loaded: the one place the semantics are written
    as plain Python."""

    def __init__(self) -> None:
        self.rows: defaultdict[str, dict[Key, Row]] = defaultdict(dict)
        self.position = 0

    def get(self, table: Table, key: Key) -> Row | None:
        row = self.rows[table.name].get(key)
        return None if row is None else dict(row)  # a snapshot, as a SELECT gives

    def put(self, table: Table, row: Row) -> None:
        """Insert the row, or replace the existing one with the same key."""
        rows, key = self.rows[table.name], table.key_of(row)
        old = rows.get(key)
        if old is None or old[GUARD] < self.position:
            row[GUARD] = self.position
            rows[key] = row

    def update(self, table: Table, key: Key, values: Row | None = None, add: Row | None = None) -> None:
        """Set `values` and add `add` to columns of an existing row; nothing when there is no such row."""
        row = self.rows[table.name].get(key)
        if row is None or row[GUARD] >= self.position:
            return
        if values:
            row.update(values)
        if add:
            for c, delta in add.items():
                row[c] += delta
        row[GUARD] = self.position

    def add(self, table: Table, row: Row, add: Row) -> None:
        """Insert `row` + `add` when the key is new, else add `add` to its columns (a running total)."""
        rows, key = self.rows[table.name], table.key_of(row)
        old = rows.get(key)
        if old is None:
            row.update(add)
            row[GUARD] = self.position
            rows[key] = row
        elif old[GUARD] < self.position:
            for c, delta in add.items():
                old[c] += delta
            old[GUARD] = self.position

    def delete(self, table: Table, key: Key) -> None:
        rows = self.rows[table.name]
        row = rows.get(key)
        if row is not None and row[GUARD] < self.position:
            del rows[key]

    async def copy_to(self, con: asyncpg.Connection, schema: str, table: Table) -> int:
        """COPY the table's rows into its (empty) copy in `schema`, letting go of them; returns how many."""
        cols = table.column_names
        records = list(map(itemgetter(*cols), self.rows.pop(table.name, {}).values()))
        if records:
            await con.copy_records_to_table(table.name, schema_name=schema, columns=cols, records=records)
        return len(records)
