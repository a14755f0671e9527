"""The complaints queue (SP4N-LAPOR!). The reporter's contact is personal data and is not projected.

Version 2 adds the tracking code, the business dates of each step (the deadlines count working days from
them), the latest response, anonymity, confidentiality, the LAPOR! ticket and the disciplinary link.
Version-1 events reach the handlers upcast (see `Complaint`), dated the day they were recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from riwayat.domain.complaint import Complaint
from riwayat.domain.enums import ComplaintStatus
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

COMPLAINTS = Table(
    "complaints",
    (
        ("id", "uuid"),
        ("status", "text NOT NULL"),
        ("category", "text NOT NULL"),
        ("description", "text NOT NULL"),
        ("channel", "text NOT NULL"),
        ("employee_id", "uuid"),
        ("unit_id", "uuid"),
        ("filed_at", "timestamptz NOT NULL"),
        ("outcome", "text"),
        ("resolution", "text"),
        ("version", "integer NOT NULL"),
        ("tracking_code", "text"),
        ("received_on", "date NOT NULL"),
        ("triaged_on", "date"),
        ("first_responded_on", "date"),
        ("responded_on", "date"),
        ("response", "text"),
        ("response_published", "boolean NOT NULL"),
        ("resolved_on", "date"),
        ("closed_on", "date"),
        ("anonymous", "boolean NOT NULL"),
        ("confidential", "boolean NOT NULL"),
        ("lapor_ticket", "text"),
        ("discipline_employee_id", "uuid"),
        ("discipline_decree", "text"),
    ),
    key=("id",),
    indexes=(
        ("filed_idx", "(filed_at, id)"),
        ("status_idx", "(status, filed_at, id)"),
        ("employee_idx", "(employee_id)"),
        ("tracking_idx", "(tracking_code)"),
        ("unit_idx", "(unit_id, received_on)"),
    ),
)
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
    tracking_code: str | None
    received_on: date
    triaged_on: date | None
    first_responded_on: date | None
    responded_on: date | None
    response: str | None
    response_published: bool
    resolved_on: date | None
    closed_on: date | None
    anonymous: bool
    confidential: bool
    lapor_ticket: str | None
    discipline_employee_id: UUID | None
    discipline_decree: str | None


def _on(d: Data) -> date:
    """The step's business date; an upcast version-1 event has none: the day it was recorded."""
    return stored.day(d["on"]) if d.get("on") is not None else stored.moment(d["timestamp"]).date()


class Complaints(Projection):
    name = "complaints"
    version = 2
    tables = (COMPLAINTS,)

    def _set(self, w: Writer, stream_id: UUID, version: int, **values: Any) -> None:
        w.update(COMPLAINTS, (stream_id,), {**values, "version": version})

    @handles(Complaint.Filed)
    def complaint_filed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        filed_at = stored.moment(d["timestamp"])
        received = d.get("received_on")
        row = {
            "id": stream_id, "status": ComplaintStatus.FILED.value, "category": d["category"],
            "description": d["description"], "channel": d["channel"],
            "employee_id": stored.optional_uuid(d["employee_id"]),
            "unit_id": stored.optional_uuid(d["unit_id"]), "filed_at": filed_at,
            "outcome": None, "resolution": None, "version": version, "tracking_code": d.get("tracking_code"),
            "received_on": stored.day(received) if received is not None else filed_at.date(),
            "triaged_on": None, "first_responded_on": None, "responded_on": None, "response": None,
            "response_published": False, "resolved_on": None, "closed_on": None,
            "anonymous": bool(d.get("anonymous")), "confidential": bool(d.get("confidential")),
            "lapor_ticket": d.get("lapor_ticket"), "discipline_employee_id": None, "discipline_decree": None,
        }  # fmt: skip
        w.put(COMPLAINTS, row)

    @handles(Complaint.Triaged)
    def complaint_triaged(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        unit_id = stored.uuid(d["unit_id"])
        self._set(
            w, stream_id, version, status=ComplaintStatus.TRIAGED.value, unit_id=unit_id, triaged_on=_on(d)
        )

    @handles(Complaint.Resolved)
    def complaint_resolved(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(
            w,
            stream_id,
            version,
            status=ComplaintStatus.RESOLVED.value,
            outcome=d["outcome"],
            resolution=d["resolution"],
            resolved_on=_on(d),
        )

    # The first response is kept (the time to respond is measured to it): the handler reads the row.
    @handles(Complaint.Responded, reads=COMPLAINTS)
    def complaint_responded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = w.get(COMPLAINTS, (stream_id,))
        on = stored.day(d["on"])
        first = on if row is None or row["first_responded_on"] is None else row["first_responded_on"]
        self._set(
            w,
            stream_id,
            version,
            response=d["response"],
            response_published=bool(d["published"]),
            responded_on=on,
            first_responded_on=first,
        )

    @handles(Complaint.Reopened)
    def complaint_reopened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        # Back with the responsible unit: the earlier answer no longer stands (as the aggregate does).
        self._set(
            w,
            stream_id,
            version,
            status=ComplaintStatus.TRIAGED.value,
            outcome=None,
            resolution=None,
            triaged_on=_on(d),
            responded_on=None,
            response=None,
            response_published=False,
            resolved_on=None,
            closed_on=None,
        )

    @handles(Complaint.Closed)
    def complaint_closed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, status=ComplaintStatus.CLOSED.value, closed_on=_on(d))

    @handles(Complaint.DisciplineLinked)
    def complaint_discipline_linked(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(
            w,
            stream_id,
            version,
            discipline_employee_id=stored.uuid(d["employee_id"]),
            discipline_decree=d["decree_number"],
        )


async def complaints_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, ComplaintRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_SELECT} FROM {schema}.complaints WHERE {where}", key)
    return {r["id"]: ComplaintRow(*r) for r in rows}


async def by_tracking_code(pool_or_con: Any, schema: str, code: str) -> ComplaintRow | None:
    row = await pool_or_con.fetchrow(
        f"SELECT {_SELECT} FROM {schema}.complaints WHERE tracking_code = $1", code
    )
    return None if row is None else ComplaintRow(*row)


async def open_in_unit(pool_or_con: Any, schema: str, unit_id: UUID | None) -> list[ComplaintRow]:
    """Complaints not closed, of one unit (or all), oldest first: the candidates for being overdue."""
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.complaints WHERE status <> 'CLOSED'"
        " AND ($1::uuid IS NULL OR unit_id = $1) ORDER BY received_on, id",
        unit_id,
    )
    return [ComplaintRow(*r) for r in rows]


async def in_unit_between(
    pool_or_con: Any, schema: str, unit_id: UUID, start: date, end: date
) -> list[ComplaintRow]:
    """The unit's complaints received in [start, end]."""
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.complaints WHERE unit_id = $1 AND received_on BETWEEN $2 AND $3"
        " ORDER BY received_on, id",
        unit_id,
        start,
        end,
    )
    return [ComplaintRow(*r) for r in rows]


async def list_complaints(
    pool_or_con: Any,
    schema: str,
    status: str | None,
    first: int,
    after: tuple[datetime, UUID] | None,
    *,
    include_confidential: bool = True,
) -> tuple[list[ComplaintRow], bool]:
    """Oldest first by (filed_at, id), after the keyset cursor; the bool says a next page exists."""
    clauses, args = ["true"], []
    if status is not None:
        args.append(status)
        clauses.append(f"status = ${len(args)}")
    if not include_confidential:
        clauses.append("NOT confidential")
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


async def count_complaints(
    pool_or_con: Any, schema: str, status: str | None, *, include_confidential: bool = True
) -> int:
    hidden = "" if include_confidential else " AND NOT confidential"
    if status is None:
        return await pool_or_con.fetchval(f"SELECT count(*) FROM {schema}.complaints WHERE true{hidden}")
    return await pool_or_con.fetchval(
        f"SELECT count(*) FROM {schema}.complaints WHERE status = $1{hidden}", status
    )
