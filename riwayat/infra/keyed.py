"""Reads by a list of keys, written so that PostgreSQL keeps one plan for the common case of one key.

A prepared `WHERE id = any($1::uuid[])` is planned again on every execution when it is mostly given one
key: PostgreSQL compares its generic plan, costed for an array of unknown length (ten elements), with the
custom plans made for the arrays it was given (one element), finds the generic one dearer and plans
each call anew. For the directory's row, whose status is a subquery over the leave tables, that planning
was three quarters of the statement's server time (`bench/RESULTS.md`, round 11). With `id = $1` the
generic plan is the custom one, so it is kept after the first executions. Lists of several keys keep the
array form: one statement for the whole list is worth its planning.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def match(column: str, keys: Collection[Any], sql_type: str) -> tuple[str, Any]:
    """(`column = $1`, the key) for one key, (`column = any($1::type[])`, the keys) for several.

    `column` and `sql_type` are the caller's constants (never request text)."""
    if len(keys) == 1:
        return f"{column} = $1::{sql_type}", next(iter(keys))
    return f"{column} = any($1::{sql_type}[])", list(keys)
