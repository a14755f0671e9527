from __future__ import annotations

from typing import Any

import strawberry

from riwayat.graphql.types.node import Node


@strawberry.type(description="An organisation unit (OPD / perangkat daerah).")
class OrgUnit(Node):
    id: strawberry.ID
    code: str
    name: str
    headcount: int

    @classmethod
    def from_row(cls, row: Any) -> OrgUnit:
        return cls(id=strawberry.ID(str(row.id)), code=row.code, name=row.name, headcount=row.headcount)
