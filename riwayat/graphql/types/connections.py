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


@strawberry.type
class ComplaintConnection(Connection[Complaint]):
    @staticmethod
    def edge(row: Any) -> Edge[Complaint]:
        return KeyedEdge(Complaint.from_row(row), "complaint", row.filed_at.isoformat(), row.id)
