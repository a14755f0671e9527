"""The complaints queue (SP4N-LAPOR!). The reporter's contact is personal data and is not projected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from riwayat.domain.complaint import Complaint
from riwayat.domain.enums import ComplaintStatus
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

COMPLAINTS = Table(
    "complaints",
    (("id", "uuid"), ("status", "text NOT NULL"), ("category", "text NOT NULL"),
     ("description", "text NOT NULL"), ("channel", "text NOT NULL"), ("employee_id", "uuid"),
     ("unit_id", "uuid"), ("filed_at", "timestamptz NOT NULL"), ("outcome", "text"), ("resolution", "text"),
     ("version", "integer NOT NULL")),
    key=("id",),
    indexes=(("filed_idx", "(filed_at, id)"), ("status_idx", "(status, filed_at, id)"),
             ("employee_idx", "(employee_id)")),
)  # fmt: skip
COLUMNS = tuple(c for c, _ in COMPLAINTS.columns)
_SELECT = ", ".join(COLUMNS)


@dataclass(frozen=True)
class ComplaintRow:
    id: UUID
    status: str
    category: str
    description: str
    channel: str
    employee_id: UUID | None
    unit_id: UUID | None
    filed_at: datetime
    outcome: str | None
    resolution: str | None
    version: int


class Complaints(Projection):
    name = "complaints"
    version = 1
    tables = (COMPLAINTS,)

    def _set(self, w: Writer, stream_id: UUID, version: int, **values: Any) -> None:
        w.update(COMPLAINTS, (stream_id,), {**values, "version": version})

    @handles(Complaint.Filed)
    def complaint_filed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "id": stream_id, "status": ComplaintStatus.FILED.value, "category": d["category"],
            "description": d["description"], "channel": d["channel"],
            "employee_id": stored.optional_uuid(d["employee_id"]),
            "unit_id": stored.optional_uuid(d["unit_id"]), "filed_at": stored.moment(d["timestamp"]),
            "outcome": None, "resolution": None, "version": version,
        }  # fmt: skip
        w.put(COMPLAINTS, row)

    @handles(Complaint.Triaged)
    def complaint_triaged(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        unit_id = stored.uuid(d["unit_id"])
        self._set(w, stream_id, version, status=ComplaintStatus.TRIAGED.value, unit_id=unit_id)

    @handles(Complaint.Resolved)
    def complaint_resolved(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(
            w,
            stream_id,
            version,
            status=ComplaintStatus.RESOLVED.value,
            outcome=d["outcome"],
            resolution=d["resolution"],
        )

    @handles(Complaint.Reopened)
    def complaint_reopened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        # Back with the responsible unit: the earlier answer no longer stands (as the aggregate does).
        self._set(w, stream_id, version, status=ComplaintStatus.TRIAGED.value, outcome=None, resolution=None)

    @handles(Complaint.Closed)
    def complaint_closed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, status=ComplaintStatus.CLOSED.value)


async def complaints_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, ComplaintRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.complaints WHERE id = any($1::uuid[])", list(ids)
    )
    return {r["id"]: ComplaintRow(*r) for r in rows}


async def list_complaints(
    pool_or_con: Any, schema: str, status: str | None, first: int, after: tuple[datetime, UUID] | None
) -> tuple[list[ComplaintRow], bool]:
    """Oldest first by (filed_at, id), after the keyset cursor; the bool says a next page exists."""
    clauses, args = ["true"], []
    if status is not None:
        args.append(status)
        clauses.append(f"status = ${len(args)}")
    if after is not None:
        args.extend(after)
        clauses.append(f"(filed_at, id) > (${len(args) - 1}, ${len(args)})")
    args.append(first + 1)
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.complaints WHERE {' AND '.join(clauses)}"
        f" ORDER BY filed_at, id LIMIT ${len(args)}",
        *args,
    )
    return [ComplaintRow(*r) for r in rows[:first]], len(rows) > first


async def count_complaints(pool_or_con: Any, schema: str, status: str | None) -> int:
    if status is None:
        return await pool_or_con.fetchval(f"SELECT count(*) FROM {schema}.complaints")
    return await pool_or_con.fetchval(f"SELECT count(*) FROM {schema}.complaints WHERE status = $1", status)
