"""The generic parts of Relay-style paging: `Edge[T]`, and `Connection[T]` with a total counted on demand.

A paged list of the schema is a subclass (see `connections.py`) that says how a row becomes an edge. The
schema names come out as `XxxConnection` / `XxxEdge`: strawberry names a specialised generic after its
argument, and a subclass after itself.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import strawberry

from riwayat.graphql import cursors
from riwayat.graphql.types.common import PageInfo

T = TypeVar("T")
# A connection's total is counted only if the query asks for `totalCount`: a page that does not show it
# costs one query fewer (a tenth of an uncached `employees(first: 20)` request).
Count = Callable[[], Awaitable[int]]


async def no_rows() -> int:
    return 0


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


class KeyedEdge(Edge[T]):
    """An `Edge` whose cursor is encoded when first read (`cursors.encode(kind, *key)`), not when the edge
    is made: a page whose query selects no `cursor` encodes none (encoding was the dearest part of an edge,
    more than its node). Still an `Edge` for strawberry and graphql-core; the same text when read."""

    def __init__(self, node: T, kind: str, *key: Any) -> None:  # not the dataclass's: no cursor yet
        self.node = node
        self._key = (kind, *key)

    @functools.cached_property
    def cursor(self) -> str:  # type: ignore[override]
        return cursors.encode(*self._key)


class LastEdgePageInfo(PageInfo):
    """A `PageInfo` whose `endCursor` is the last edge's cursor, encoded when first read."""

    def __init__(self, has_next_page: bool, edges: list[Any]) -> None:  # not the dataclass's
        self.has_next_page = has_next_page
        self._edges = edges

    @functools.cached_property
    def end_cursor(self) -> str | None:  # type: ignore[override]
        return self._edges[-1].cursor if self._edges else None


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count: strawberry.Private[Count]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count()

    @staticmethod
    def edge(row: Any) -> Edge[T]:
        raise NotImplementedError

    @classmethod
    def edges(cls, rows: list[Any]) -> list[Edge[T]]:
        return [cls.edge(r) for r in rows]

    @classmethod
    def from_page(cls, rows: list[Any], has_next: bool, count: Count) -> Any:
        """`rows` is the page; `has_next` says whether another follows."""
        edges = cls.edges(rows)
        return cls(edges=edges, page_info=LastEdgePageInfo(has_next, edges), count=count)
