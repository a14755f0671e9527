"""A part of a batch's writes (`batch.BatchWriter.statements`) with its rows as ONE parameter of JSON text
(`batch_sql.packed_part_sql`), instead of an array per column that asyncpg encodes and type-checks element
by element. Used only where JSON carries every value exactly as the arrays would (`PACKED_TYPES`)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import orjson

from riwayat.projections.batch_sql import Shape, packed_kinds, packed_part_sql
from riwayat.projections.rows import Key, Row, Table


def packed_part(
    schema: str, table: Table, shape: Shape, group: list[tuple[Key, Any]], gate: str
) -> tuple[str, list[Any]] | None:
    """A group's write with its rows as ONE parameter of JSON text (`packed_part_sql`), or None when
    a column or a value is not one JSON carries exactly as the arrays do (`batch_sql.PACKED_TYPES`)."""
    kinds = _kinds.get(shape)
    if kinds is None:
        kinds = _kinds[shape] = packed_kinds(table, shape) or ()
    if not kinds:
        return None
    rows = _part_rows(shape, group)
    for column, allowed in zip(zip(*rows, strict=True), kinds, strict=True):
        if not set(map(type, column)) <= allowed:
            return None
    try:
        text_of_rows = orjson.dumps(rows).decode()
    except TypeError:  # an integer beyond 64 bits, say: the arrays' error is the one the caller hears
        return None
    text = _texts.get((schema, shape, gate))
    if text is None:  # by shape (it names its table): a Table's hash is a Python call
        text = _texts[(schema, shape, gate)] = packed_part_sql(schema, table, shape, 1, gate)
    return text, [text_of_rows]


_kinds: dict[Shape, tuple[frozenset[type], ...]] = {}  # by shape (it names its table): () when not packable
_texts: dict[tuple[str, Shape, str], str] = {}


def _part_rows(shape: Shape, group: list[tuple[Key, Any]]) -> list[tuple[Any, ...]]:
    """The group's rows (`batch_runs.Op`s), each the values `_part_arrays` puts in its arrays, in order. (One
    column, the commonest update, is read without a getter's call per row.)"""
    _, kind, columns, added = shape
    if kind in ("put", "add"):
        row = _getter(columns)
        return [(*row(op[1]), op[4]) for _, op in group]
    if kind == "update":
        if len(columns) == 1 and not added:
            (column,) = columns
            return [(*key, op[2][column], op[4]) for key, op in group]
        values, adds = _getter(columns), _getter(added)
        return [(*key, *values(op[2]), *adds(op[3]), op[4]) for key, op in group]
    return [(*key, op[4]) for key, op in group]


@functools.lru_cache(maxsize=1024)
def _getter(columns: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of `columns` of a row, as a tuple (one C call for two or more)."""
    if len(columns) > 1:
        return operator.itemgetter(*columns)
    if columns:
        column = columns[0]
        return lambda row: (row[column],)
    return lambda row: ()
