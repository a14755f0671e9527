"""Leave: every request of every `LeaveAccount`, each year's annual figures, and who supervises whom.

Three tables so that a handler never reads a row: an account row maps the account stream to its employee
(its id is a one-way hash of the employee id), and the queries join it. Balances are summed here from the
requests, as `LeaveAccount.balance` sums them in the domain (the rebuild test compares the two).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.leave import LeaveAccount
from riwayat.domain.leave_rules import LeaveStatus, LeaveType
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

ACCOUNTS = Table(
    "leave_accounts",
    (
        ("id", "uuid"),
        ("employee_id", "uuid NOT NULL"),
        ("supervisor_id", "uuid"),
        ("version", "integer NOT NULL"),
    ),
    key=("id",),
    indexes=(("employee_idx", "(employee_id)"), ("supervisor_idx", "(supervisor_id)")),
)
YEARS = Table(
    "leave_years",
    (("account_id", "uuid"), ("year", "integer"), ("entitled", "integer NOT NULL"),
     ("carried_over", "integer NOT NULL"), ("collective", "integer NOT NULL"), ("source", "text NOT NULL")),
    key=("account_id", "year"),
)  # fmt: skip
REQUESTS = Table(
    "leave_requests",
    (("id", "uuid"), ("account_id", "uuid NOT NULL"), ("kind", "text NOT NULL"),
     ("start_on", "date NOT NULL"), ("end_on", "date NOT NULL"), ("days", "integer NOT NULL"),
     ("status", "text NOT NULL"),
     ("reason", "text NOT NULL"), ("address", "text"), ("address_sealed", "text"),
     ("requested_by", "text NOT NULL"),
     ("decided_by", "text"), ("returned_on", "date")),
    key=("id",),
    indexes=(("account_idx", "(account_id, start_on)"), ("dates_idx", "(start_on, end_on)"),
             ("status_idx", "(status)")),
)  # fmt: skip


def _address(value: Any) -> dict[str, str | None]:
    """A sealed address (`riwayat.infra.privacy`) stays sealed here, as JSON text: read, it is opened with
    its subject's key, so erasing the key erases it from this table too. Events written before sealing
    (or on a server without a KEK) hold it in plain text, and so does `address`."""
    if isinstance(value, dict):
        return {"address": None, "address_sealed": json.dumps(value, sort_keys=True)}
    return {"address": value, "address_sealed": None}


class Leave(Projection):
    name = "leave"
    version = 2  # 2: a sealed address is kept sealed (`address_sealed`), never in plain text
    tables = (ACCOUNTS, YEARS, REQUESTS)

    def _moved(self, w: Writer, stream_id: UUID, version: int) -> None:
        w.update(ACCOUNTS, (stream_id,), {"version": version})

    @handles(LeaveAccount.Opened)
    def leave_opened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"id": stream_id, "employee_id": stored.uuid(d["employee_id"]), "supervisor_id": None}
        w.put(ACCOUNTS, {**row, "version": version})

    @handles(LeaveAccount.SupervisorAssigned)
    def leave_supervisor_assigned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        sup = stored.optional_uuid(d["supervisor_id"])
        w.update(ACCOUNTS, (stream_id,), {"supervisor_id": sup, "version": version})

    @handles(LeaveAccount.YearOpened)
    def leave_year_opened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        figures = {k: d[k] for k in ("year", "entitled", "carried_over", "collective", "source")}
        w.put(YEARS, {"account_id": stream_id, **figures})
        self._moved(w, stream_id, version)

    @handles(LeaveAccount.Requested)
    def leave_requested(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.put(REQUESTS, {
            "id": stored.uuid(d["request_id"]), "account_id": stream_id, "kind": d["kind"],
            "start_on": stored.day(d["start"]), "end_on": stored.day(d["end"]), "days": d["days"],
            "status": LeaveStatus.REQUESTED.value, "reason": d["reason"], **_address(d["address"]),
            "requested_by": d["requested_by"], "decided_by": None, "returned_on": None,
        })  # fmt: skip
        self._moved(w, stream_id, version)

    def _status(self, w: Writer, stream_id: UUID, version: int, d: Data, status: str, **more: Any) -> None:
        w.update(REQUESTS, (stored.uuid(d["request_id"]),), {"status": status, **more})
        self._moved(w, stream_id, version)

    @handles(LeaveAccount.Approved)
    def leave_approved(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._status(w, stream_id, version, d, LeaveStatus.APPROVED.value, decided_by=d["decided_by"])

    @handles(LeaveAccount.Rejected)
    def leave_rejected(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._status(w, stream_id, version, d, LeaveStatus.REJECTED.value, decided_by=d["decided_by"])

    @handles(LeaveAccount.Cancelled)
    def leave_cancelled(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._status(w, stream_id, version, d, LeaveStatus.CANCELLED.value)

    @handles(LeaveAccount.ReturnRecorded)
    def leave_return_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        back = stored.day(d["returned_on"])
        self._status(w, stream_id, version, d, LeaveStatus.RETURNED.value, returned_on=back)


_REQ = (
    "r.id, a.employee_id, r.account_id, r.kind, r.start_on, r.end_on, r.days, r.status, r.reason, r.address,"
    " r.address_sealed,"
    " r.requested_by, r.decided_by, r.returned_on"
)
_USED = (LeaveStatus.APPROVED.value, LeaveStatus.RETURNED.value)


async def balance(pool_or_con: Any, schema: str, employee_id: UUID, year: int) -> dict[str, Any] | None:
    """The year's working as `LeaveAccount.balance` gives it; None before the year's first annual request."""
    fig = await pool_or_con.fetchrow(
        f"SELECT y.entitled, y.carried_over, y.collective, y.source FROM {schema}.leave_years y"
        f" JOIN {schema}.leave_accounts a ON a.id = y.account_id WHERE a.employee_id = $1 AND y.year = $2",
        employee_id, year,
    )  # fmt: skip
    if fig is None:
        return None
    sums = await pool_or_con.fetchrow(
        f"SELECT coalesce(sum(r.days) FILTER (WHERE r.status = any($4::text[])), 0)::int AS taken,"
        f" coalesce(sum(r.days) FILTER (WHERE r.status = $5), 0)::int AS pending"
        f" FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a ON a.id = r.account_id"
        f" WHERE a.employee_id = $1 AND r.kind = $2 AND extract(year FROM r.start_on) = $3",
        employee_id, LeaveType.ANNUAL.value, year, list(_USED), LeaveStatus.REQUESTED.value,
    )  # fmt: skip
    big = await pool_or_con.fetchval(
        f"SELECT EXISTS (SELECT 1 FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a"
        " ON a.id = r.account_id WHERE a.employee_id = $1 AND r.kind = $2"
        " AND extract(year FROM r.start_on) = $3 AND r.status = any($4::text[]))",
        employee_id, LeaveType.BIG.value, year, list(_USED),
    )  # fmt: skip
    sums = {**dict(sums), "big": big}
    out = {**dict(fig), "taken": sums["taken"], "pending": sums["pending"]}
    left = out["entitled"] + out["carried_over"] - out["collective"] - out["taken"]
    out["lapsed"] = max(0, left) if sums["big"] else 0  # a big leave that year: the rest lapses
    out["remaining"] = left - out["lapsed"]
    return out


async def requests_of(pool_or_con: Any, schema: str, employee_id: UUID) -> list[dict[str, Any]]:
    rows = await pool_or_con.fetch(
        f"SELECT {_REQ} FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a ON a.id = r.account_id"
        " WHERE a.employee_id = $1 ORDER BY r.start_on, r.id",
        employee_id,
    )
    return [dict(r) for r in rows]


async def away(pool_or_con: Any, schema: str, unit_id: UUID, start: date, end: date) -> list[dict[str, Any]]:
    """Approved (or returned) leave of the unit's people overlapping [start, end]: who is away when."""
    rows = await pool_or_con.fetch(
        f"SELECT {_REQ} FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a ON a.id = r.account_id"
        f" JOIN {schema}.employees e ON e.id = a.employee_id"
        " WHERE e.unit_id = $1 AND r.status = any($4::text[]) AND r.start_on <= $3"
        " AND coalesce(r.returned_on - 1, r.end_on) >= $2 ORDER BY r.start_on, e.name, r.id LIMIT 500",
        unit_id, start, end, list(_USED),
    )  # fmt: skip
    return [dict(r) for r in rows]


async def pending(pool_or_con: Any, schema: str, employee_ids: list[UUID] | None) -> list[dict[str, Any]]:
    """Requests awaiting a decision: of `employee_ids` (a superior's people), or all (None: hr)."""
    rows = await pool_or_con.fetch(
        f"SELECT {_REQ} FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a ON a.id = r.account_id"
        " WHERE r.status = $1 AND ($2::uuid[] IS NULL OR a.employee_id = any($2::uuid[]))"
        " ORDER BY r.start_on, r.id LIMIT 500",
        LeaveStatus.REQUESTED.value, employee_ids,
    )  # fmt: skip
    return [dict(r) for r in rows]


# The last day of an approved CLTN, as `LeaveAccount.unpaid_periods` gives it: the day before the return
# once one is recorded (never after the end date). `r` is a leave_requests row.
CLTN_LAST_DAY = "least(coalesce(r.returned_on - 1, r.end_on), r.end_on)"
_CLTN = f"r.kind = '{LeaveType.UNPAID.value}' AND r.status IN ('{_USED[0]}', '{_USED[1]}')"


async def on_unpaid_leave(pool_or_con: Any, schema: str, day: date) -> set[UUID]:
    """Who is on approved CLTN on `day`: from its first day up to the day before the return (or its end
    date, when no return is recorded). Their status reads ON_UNPAID_LEAVE; no one on it is promoted."""
    rows = await pool_or_con.fetch(
        f"SELECT a.employee_id FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a"
        f" ON a.id = r.account_id WHERE {_CLTN} AND r.start_on <= $1 AND {CLTN_LAST_DAY} >= $1",
        day,
    )
    return {r["employee_id"] for r in rows}


async def unpaid_periods(
    pool_or_con: Any, schema: str, employee_ids: list[UUID]
) -> dict[UUID, list[tuple[date, date]]]:
    """Each employee's approved CLTN as inclusive (first, last) days, oldest first (`unpaid_periods`)."""
    where, key = keyed.match("a.employee_id", employee_ids, "uuid")
    rows = await pool_or_con.fetch(
        f"SELECT a.employee_id, r.start_on, {CLTN_LAST_DAY} AS last_on FROM {schema}.leave_requests r"
        f" JOIN {schema}.leave_accounts a ON a.id = r.account_id"
        f" WHERE {_CLTN} AND {where} ORDER BY r.start_on",
        key,
    )
    out: dict[UUID, list[tuple[date, date]]] = {e: [] for e in employee_ids}
    for r in rows:
        out[r["employee_id"]].append((r["start_on"], r["last_on"]))
    return out


async def supervised_by(pool_or_con: Any, schema: str, superior_id: UUID) -> list[UUID]:
    """The people `superior_id` directly supervises: those assigned to them explicitly, and those whose
    catalogued position reports to a position they hold (unless someone else was assigned explicitly)."""
    rows = await pool_or_con.fetch(
        f"SELECT employee_id FROM {schema}.leave_accounts WHERE supervisor_id = $1"
        f" UNION SELECT h.employee_id FROM {schema}.position_holders h"
        f" JOIN {schema}.positions p ON p.id = h.position_id"
        f" JOIN {schema}.position_holders s ON s.position_id = p.reports_to"
        f" WHERE s.employee_id = $1 AND h.employee_id <> $1 AND NOT EXISTS"
        f" (SELECT 1 FROM {schema}.leave_accounts a"
        "   WHERE a.employee_id = h.employee_id AND a.supervisor_id IS NOT NULL)",
        superior_id,
    )
    return [r["employee_id"] for r in rows]
