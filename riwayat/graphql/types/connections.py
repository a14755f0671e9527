"""Relay-style connections of the directory and the complaints, with opaque keyset cursors."""

from __future__ import annotations

import strawberry

from riwayat.graphql import cursors
from riwayat.graphql.types.common import PageInfo
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee


@strawberry.type
class EmployeeEdge:
    node: Employee
    cursor: str


@strawberry.type
class EmployeeConnection:
    edges: list[EmployeeEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, rows: list, has_next: bool, total: int) -> EmployeeConnection:
        edges = [
            EmployeeEdge(node=Employee.from_row(r), cursor=cursors.encode("employee", r.name, r.id))
            for r in rows
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), total_count=total)


@strawberry.type
class ComplaintEdge:
    node: Complaint
    cursor: str


@strawberry.type
class ComplaintConnection:
    edges: list[ComplaintEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, rows: list, has_next: bool, total: int) -> ComplaintConnection:
        edges = [
            ComplaintEdge(
                node=Complaint.from_row(r), cursor=cursors.encode("complaint", r.filed_at.isoformat(), r.id)
            )
            for r in rows
        ]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), total_count=total)
