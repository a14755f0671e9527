"""Relay-style connections of the directory and the complaints, with opaque keyset cursors.

A new paged list: `@strawberry.type class XxxConnection(Connection[Xxx])` with a static `edge(row)`; its
resolver returns `XxxConnection.from_page(rows, has_next, count)` (`paging.py` holds the generic parts).
"""

from __future__ import annotations

from typing import Any

import strawberry

from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.paging import Connection, Edge, KeyedEdge


@strawberry.type
class EmployeeConnection(Connection[Employee]):
    @staticmethod
    def edge(row: Any) -> Edge[Employee]:
        return KeyedEdge(Employee.from_row(row), "employee", row.name, row.id)

    @classmethod
    def edges(cls, rows: list[Any]) -> list[Edge[Employee]]:
        """`edge` of each row, the edge's state set in place: one call per row (the employee's) where
        `edge` makes four, and the directory's pages are the most read lists of the schema."""
        build, new = Employee._build, object.__new__
        edges = []
        for row in rows:
            edge = new(KeyedEdge)
            edge.__dict__ = {
                "node": build(row, row.unit_id, row.hired_on),
                "_key": ("employee", row.name, row.id),
            }
            edges.append(edge)
        return edges


@strawberry.type
class ComplaintConnection(Connection[Complaint]):
    @staticmethod
    def edge(row: Any) -> Edge[Complaint]:
        return KeyedEdge(Complaint.from_row(row), "complaint", row.filed_at.isoformat(), row.id)
