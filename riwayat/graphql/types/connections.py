"""Relay-style connections of the directory and the complaints, with opaque keyset cursors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from riwayat.graphql import cursors
from riwayat.graphql.types.common import PageInfo
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee


@strawberry.type
class EmployeeEdge:
    node: Employee
    cursor: str


# A connection's total is counted only if the query asks for `totalCount`: a page that does not show it
# costs one query fewer (a tenth of an uncached `employees(first: 20)` request).
Count = Callable[[], Awaitable[int]]


async def no_rows() -> int:
    return 0


@strawberry.type
class EmployeeConnection:
    edges: list[EmployeeEdge]
    page_info: PageInfo
    count: strawberry.Private[Count]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count()

    @classmethod
    def from_page(cls, rows: list, has_next: bool, count: Count) -> EmployeeConnection:
        edges = [
            EmployeeEdge(node=Employee.from_row(r), cursor=cursors.encode("employee", r.name, r.id))
            for r in rows
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), count=count)


@strawberry.type
class ComplaintEdge:
    node: Complaint
    cursor: str


@strawberry.type
class ComplaintConnection:
    edges: list[ComplaintEdge]
    page_info: PageInfo
    count: strawberry.Private[Count]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count()

    @classmethod
    def from_page(cls, rows: list, has_next: bool, count: Count) -> ComplaintConnection:
        edges = [
            ComplaintEdge(
                node=Complaint.from_row(r), cursor=cursors.encode("complaint", r.filed_at.isoformat(), r.id)
            )
            for r in rows
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), count=count)
