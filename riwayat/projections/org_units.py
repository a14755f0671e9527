"""The units of a tenant with their headcount (employees placed there who have not separated).

A separation names no unit, so the projection keeps its own `org_unit_members` (employee → unit) to know
which unit loses a head; it never reads another projection's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.org_unit import OrgUnit
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

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

    @handles(OrgUnit.Established)
    def org_unit_established(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"id": stream_id, "code": d["code"], "name": d["name"], "headcount": 0, "dissolved": False}
        w.put(UNITS, row)

    @handles(OrgUnit.Renamed)
    def org_unit_renamed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(UNITS, (stream_id,), {"name": d["name"]})

    @handles(OrgUnit.Dissolved)
    def org_unit_dissolved(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(UNITS, (stream_id,), {"dissolved": True})

    @handles(Employee.Hired, Employee.Enrolled)  # an enrolled person counts as a hire does (onboarding)
    def employee_hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        unit_id = stored.uuid(d["unit_id"])
        w.put(MEMBERS, {"employee_id": stream_id, "unit_id": unit_id})
        w.update(UNITS, (unit_id,), add={"headcount": 1})

    @handles(Employee.PositionAssigned, reads=MEMBERS)
    def employee_position_assigned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        member, unit_id = w.get(MEMBERS, (stream_id,)), stored.uuid(d["unit_id"])
        if member is None or member["unit_id"] == unit_id:
            return
        w.update(MEMBERS, (stream_id,), {"unit_id": unit_id})
        w.update(UNITS, (member["unit_id"],), add={"headcount": -1})
        w.update(UNITS, (unit_id,), add={"headcount": 1})

    @handles(Employee.Separated, Employee.TransferredOut, reads=MEMBERS)  # a transfer out leaves the unit
    def employee_separated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        member = w.get(MEMBERS, (stream_id,))
        if member is None:
            return
        w.delete(MEMBERS, (stream_id,))
        w.update(UNITS, (member["unit_id"],), add={"headcount": -1})


_COLUMNS = "id, code, name, headcount, dissolved"


async def list_units(pool_or_con: Any, schema: str) -> list[OrgUnitRow]:
    """The units that are not dissolved, by code."""
    rows = await pool_or_con.fetch(
        f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE NOT dissolved ORDER BY code"
    )
    return [OrgUnitRow(*r) for r in rows]


async def units_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, OrgUnitRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE {where}", key)
    return {r["id"]: OrgUnitRow(*r) for r in rows}


async def unit_by_code(pool_or_con: Any, schema: str, code: str) -> OrgUnitRow | None:
    """Codes are stored upper-cased; a dissolved unit keeps its code (codes are never reissued)."""
    row = await pool_or_con.fetchrow(
        f"SELECT {_COLUMNS} FROM {schema}.org_units WHERE code = $1", code.strip().upper()
    )
    return None if row is None else OrgUnitRow(*row)
