"""The SQL text of a batch's parts (`batch.BatchWriter`): one statement per shape of rows, reading the
rows' columns as `unnest` arrays.

The texts are built once per shape (and schema, gate and first parameter number) and cached: a batch of
a given shape gives the same text every time — asyncpg and the server reuse its prepared plan — and
building it anew for every batch was about a tenth of the inline projections' CPU per append.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from uuid import UUID

from riwayat.projections.rows import GUARD, Table

# What the runs written by one part share: (table name, kind, columns, added columns). The columns are the
# row's for a put or an add (the added ones among them), those set for an update, none for a delete.
Shape = tuple[str, str, tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=1024)
def part_sql(schema: str, table: Table, shape: Shape, first: int, gate: str | None) -> str:
    """The text of a part writing rows of `shape`, its arrays numbered from `$first`."""
    columns = part_columns(table, shape)
    arrays = ", ".join(f"${n}::{table.sql_type(c)}[]" for n, c in enumerate(columns, start=first))
    source = f"unnest({arrays}) AS u({', '.join(columns)})"
    return _part(schema, table, shape, source, f"${first}::{table.sql_type(table.key[0])}[]", gate)


def _part(schema: str, table: Table, shape: Shape, source: str, lead: str, gate: str | None) -> str:
    """A part's text over the rows `u` of `source`; `lead` is the array of the first key column."""
    _, kind, columns, added = shape
    if kind in ("put", "add"):
        return _upsert(schema, table, columns, added if kind == "add" else None, source, gate)
    if kind == "update":
        return _update(schema, table, columns, added, source, lead, gate)
    return _delete(schema, table, source, lead, gate)


def _upsert(
    schema: str,
    table: Table,
    cols: tuple[str, ...],
    add: tuple[str, ...] | None,
    source: str,
    gate: str | None,
) -> str:
    """put: the row as it ends replaces the stored one; add: new keys get the row, others the sums."""
    cols = (*cols, GUARD)
    if add is None:
        sets = [f"{c} = EXCLUDED.{c}" for c in cols if c not in table.key]
    else:
        sets = [f"{c} = r.{c} + EXCLUDED.{c}" for c in add] + [f"{GUARD} = EXCLUDED.{GUARD}"]
    return (
        f"INSERT INTO {schema}.{table.name} AS r ({', '.join(cols)})"
        f" SELECT * FROM {source}{_where(gate)}"
        f" ON CONFLICT ({', '.join(table.key)}) DO UPDATE SET {', '.join(sets)}"
        f" WHERE r.{GUARD} < EXCLUDED.{GUARD}"
    )


def _update(
    schema: str,
    table: Table,
    values: tuple[str, ...],
    add: tuple[str, ...],
    source: str,
    lead: str,
    gate: str | None,
) -> str:
    sets = [f"{c} = u.{c}" for c in values] + [f"{c} = r.{c} + u.{c}" for c in add]
    sets.append(f"{GUARD} = u.{GUARD}")
    where = _older_rows(table, lead, gate)
    return f"UPDATE {schema}.{table.name} AS r SET {', '.join(sets)} FROM {source}{where}"


def _delete(schema: str, table: Table, source: str, lead: str, gate: str | None) -> str:
    return f"DELETE FROM {schema}.{table.name} AS r USING {source}{_older_rows(table, lead, gate)}"


def _older_rows(table: Table, lead: str, gate: str | None) -> str:
    """The WHERE of an update or delete: the stored rows `u` names that have not seen its event yet.

    It also says `r.<first key column> = any(<the first key column's array, `lead`>)`: the same as the
    join with `u`, but in a form the planner answers with the primary key index. Joined to an unnest of
    ~30 rows alone, it estimates a hash join over a sequential scan as cheaper once the table has a few
    thousand rows (0.5 ms per batch at 3,300 employees, growing with the table)."""
    keys = " AND ".join(f"r.{c} = u.{c}" for c in table.key)
    return f" WHERE {keys} AND r.{GUARD} < u.{GUARD} AND r.{table.key[0]} = any({lead}){_and(gate)}"


def _where(gate: str | None) -> str:
    return "" if gate is None else f" WHERE {gate}"


def _and(gate: str | None) -> str:
    return "" if gate is None else f" AND {gate}"


# The column types whose values `packed_part_sql` reads from JSON text, and the exact Python types a value
# of each may have there: for those, orjson writes what the server reads back as asyncpg's binary array
# would have stored it. Any other value (a subclass, a bool in an integer column) sends its part as arrays.
PACKED_TYPES: dict[str, frozenset[type]] = {
    "uuid": frozenset({UUID, type(None)}),
    "integer": frozenset({int, type(None)}),
    "smallint": frozenset({int, type(None)}),
    "bigint": frozenset({int, type(None)}),
    "text": frozenset({str, type(None)}),
    "date": frozenset({date, type(None)}),
    "boolean": frozenset({bool, type(None)}),
}


def part_columns(table: Table, shape: Shape) -> tuple[str, ...]:
    """The columns of a part's rows, in the order of its arrays (`batch._part_arrays`)."""
    _, kind, columns, added = shape
    if kind in ("put", "add"):
        return (*columns, GUARD)
    if kind == "update":
        return (*table.key, *columns, *added, GUARD)
    return (*table.key, GUARD)


@lru_cache(maxsize=1024)
def packed_kinds(table: Table, shape: Shape) -> tuple[frozenset[type], ...] | None:
    """For each column of the part, the Python types its values may have to be sent as JSON; None when
    a column's type is not one of `PACKED_TYPES`."""
    kinds = [PACKED_TYPES.get(table.sql_type(c)) for c in part_columns(table, shape)]
    return None if None in kinds else tuple(kinds)  # type: ignore[return-value]


@lru_cache(maxsize=1024)
def packed_part_sql(schema: str, table: Table, shape: Shape, first: int, gate: str | None) -> str:
    """`part_sql` reading its rows from ONE parameter, `$first`: JSON text of an array of rows, each an
    array of the values `part_sql`'s arrays would carry. The same rows, the same guards."""
    columns = part_columns(table, shape)
    rows = ", ".join(f"(j.e->>{i})::{table.sql_type(c)} AS {c}" for i, c in enumerate(columns))
    select = f"SELECT {rows} FROM jsonb_array_elements(${first}::text::jsonb) AS j(e)"
    if shape[1] in ("put", "add"):
        return _part(schema, table, shape, f"({select}) AS u", "", gate)
    # An update or delete reads its rows twice (joined, and as the first key column's array for
    # `_older_rows`): from one CTE, so the server parses the JSON once.
    lead = f"ARRAY(SELECT u.{table.key[0]} FROM u)"
    return f"WITH u AS MATERIALIZED ({select}) " + _part(schema, table, shape, "u", lead, gate)
