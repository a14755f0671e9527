"""The units of a tenant with their headcount (employees placed there who have not separated).

A separation names no unit, so the projection keeps its own `org_unit_members` (employee → unit) to know
which unit loses a head; it never reads another projection's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from riwayat.infra.event_store import RecordedEvent
from riwayat.projections.base import Projection, Writer
from riwayat.projections.rows import Table

UNITS = Table(
    "org_units",
    (("id", "uuid"), ("code", "text NOT NULL"), ("name", "text NOT NULL"),
     ("headcount", "integer NOT NULL"), ("dissolved", "boolean NOT NULL")),
    key=("id",),
    indexes=(("code_idx", "(code)"),),
)  # fmt: skip
MEMBERS = Table(
    "org_unit_members",
    (("employee_id", "uuid"), ("unit_id", "uuid NOT NULL")),
    key=("employee_id",),
    indexes=(("unit_idx", "(unit_id)"),),
)


@dataclass(frozen=True)
class OrgUnitRow:
    id: UUID
    code: str
    name: str
    headcount: int
    dissolved: bool


class OrgUnits(Projection):
    name = "org_units"
    version = 1
    tables = (UNITS, MEMBERS)

    async def on_OrgUnit_Established(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        row = {
            "id": rec.stream_id,
            "code": event.code,
            "name": event.name,
            "headcount": 0,
            "dissolved": False,
        }
        await w.put(UNITS, row)

    async def on_OrgUnit_Renamed(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        await w.update(UNITS, (rec.stream_id,), {"name": event.name})

    async def on_OrgUnit_Dissolved(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        await w.update(UNITS, (rec.stream_id,), {"dissolved": True})

    async def on_Employee_Hired(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        await w.put(MEMBERS, {"employee_id": rec.stream_id, "unit_id": event.unit_id})
        await w.update(UNITS, (event.unit_id,), add={"headcount": 1})

    async def on_Employee_PositionAssigned(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        member = await w.get(MEMBERS, (rec.stream_id,))
        if member is None or member["unit_id"] == event.unit_id:
            return
        await w.update(MEMBERS, (rec.stream_id,), {"unit_id": event.unit_id})
        await w.update(UNITS, (member["unit_id"],), add={"headcount": -1})
        await w.update(UNITS, (event.unit_id,), add={"headcount": 1})

    async def on_Employee_Separated(self, w: Writer, rec: RecordedEvent, event: Any) -> None:
        member = await w.get(MEMBERS, (rec.stream_id,))
        if member is None:
            return
        await w.delete(MEMBERS, (rec.stream_id,))
        await w.update(UNITS, (member["unit_id"],), add={"headcount": -1})


_COLUMNS = "id, code, name, headcount, dissolved"


async def list_units(pool_or_con: Any, schema: str) -> list[OrgUnitRow]:
    """The units that are not dissolved, by code."""
    rows = await pool_or_con.fetch(
        f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE NOT dissolved ORDER BY code"
    )
    return [OrgUnitRow(*r) for r in rows]


async def units_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, OrgUnitRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE id = any($1::uuid[])", list(ids)
    )
    return {r["id"]: OrgUnitRow(*r) for r in rows}


async def unit_by_code(pool_or_con: Any, schema: str, code: str) -> OrgUnitRow | None:
    """Codes are stored upper-cased; a dissolved unit keeps its code (codes are never reissued)."""
    row = await pool_or_con.fetchrow(
        f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE code = $1", code.strip().upper()
    )
    return None if row is None else OrgUnitRow(*row)
