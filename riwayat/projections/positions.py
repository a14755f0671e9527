"""The position catalogue (peta jabatan) per tenant: each position with its seats, who holds it, and so the
seats filled and vacant of a unit's positions and the tenant's vacancies.

A holder is an employee in service whose current position is catalogued (Hired / PositionAssigned naming
it); leaving for an uncatalogued title or separating frees the seat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.position import Position
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

POSITIONS = Table(
    "positions",
    (("id", "uuid"), ("name", "text NOT NULL"), ("kind", "text NOT NULL"), ("jenjang", "text"),
     ("statute", "text"), ("job_family", "text"), ("job_class", "integer NOT NULL"),
     ("unit_id", "uuid NOT NULL"), ("seats", "integer NOT NULL"), ("reports_to", "uuid"),
     ("retirement_age", "integer NOT NULL"), ("abolished", "boolean NOT NULL")),
    key=("id",),
    indexes=(("unit_idx", "(unit_id, name, id)"), ("parent_idx", "(reports_to)")),
)  # fmt: skip
HOLDERS = Table(
    "position_holders",
    (("employee_id", "uuid"), ("position_id", "uuid NOT NULL")),
    key=("employee_id",),
    indexes=(("position_idx", "(position_id)"),),
)
_COLUMNS = tuple(c for c, _ in POSITIONS.columns)


@dataclass(frozen=True)
class PositionRow:
    id: UUID
    name: str
    kind: str
    jenjang: str | None
    statute: str | None
    job_family: str | None
    job_class: int
    unit_id: UUID
    seats: int
    reports_to: UUID | None
    retirement_age: int
    abolished: bool
    filled: int

    @property
    def vacant(self) -> int:
        """Seats not filled; negative when more people hold it than the map allows."""
        return self.seats - self.filled


class Positions(Projection):
    name = "positions"
    version = 1
    tables = (POSITIONS, HOLDERS)

    @handles(Position.Catalogued)
    def position_catalogued(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "id": stream_id, "name": d["name"], "kind": d["kind"], "jenjang": d["jenjang"],
            "statute": d["statute"], "job_family": d["job_family"], "job_class": d["job_class"],
            "unit_id": stored.uuid(d["unit_id"]), "seats": d["seats"],
            "reports_to": stored.optional_uuid(d["reports_to"]), "retirement_age": d["retirement_age"],
            "abolished": False,
        }  # fmt: skip
        w.put(POSITIONS, row)

    @handles(Position.SeatsChanged)
    def position_seats_changed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(POSITIONS, (stream_id,), {"seats": d["seats"]})

    @handles(Position.ReportingChanged)
    def position_reporting_changed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(POSITIONS, (stream_id,), {"reports_to": stored.optional_uuid(d["reports_to"])})

    @handles(Position.Abolished)
    def position_abolished(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(POSITIONS, (stream_id,), {"abolished": True})

    def _hold(self, w: Writer, stream_id: UUID, d: Data) -> None:
        position_id = stored.optional_uuid(d.get("position_id"))
        if position_id is None:
            w.delete(HOLDERS, (stream_id,))
        else:
            w.put(HOLDERS, {"employee_id": stream_id, "position_id": position_id})

    @handles(Employee.Hired)
    def employee_hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        if d.get("position_id") is not None:
            self._hold(w, stream_id, d)

    @handles(Employee.PositionAssigned)
    def employee_position_assigned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._hold(w, stream_id, d)

    @handles(Employee.Separated, Employee.TransferredOut)
    def employee_separated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.delete(HOLDERS, (stream_id,))


_SELECT = ", ".join(f"p.{c}" for c in _COLUMNS)
_FILLED = "(SELECT count(*) FROM {s}.position_holders h WHERE h.position_id = p.id)::int"


async def positions_of_unit(pool_or_con: Any, schema: str, unit_id: UUID) -> list[PositionRow]:
    """The unit's open positions with their seats filled, by job class (highest first), then name."""
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT}, {_FILLED.format(s=schema)} FROM {schema}.positions p"
        " WHERE p.unit_id = $1 AND NOT p.abolished ORDER BY p.job_class DESC, p.name, p.id",
        unit_id,
    )
    return [PositionRow(*r) for r in rows]


async def vacancies(pool_or_con: Any, schema: str, unit_id: UUID | None = None) -> list[PositionRow]:
    """Open positions with fewer holders than seats (in one unit, or the whole tenant)."""
    rows = await pool_or_con.fetch(
        f"SELECT * FROM (SELECT {_SELECT}, {_FILLED.format(s=schema)} AS filled FROM {schema}.positions p"
        " WHERE NOT p.abolished AND ($1::uuid IS NULL OR p.unit_id = $1)) v"
        " WHERE v.filled < v.seats ORDER BY v.job_class DESC, v.name, v.id",
        unit_id,
    )
    return [PositionRow(*r) for r in rows]


async def positions_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, PositionRow]:
    where, key = keyed.match("p.id", ids, "uuid")
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT}, {_FILLED.format(s=schema)} FROM {schema}.positions p WHERE {where}",
        key,
    )
    return {r["id"]: PositionRow(*r) for r in rows}
