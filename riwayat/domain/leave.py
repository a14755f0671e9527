"""`LeaveAccount`: one stream per employee holding every leave request and the annual balance of each year.

Why one stream per employee rather than one per request: the balance is a sum over requests, and two
approvals that together exceed it must not both succeed. With every request on the same stream, the store's
version check serialises them: the second approval is re-decided on the state the first left, and refused.

The application passes what it cannot know: the employee (`Holder`), the year's days off (`YearDays`), today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain import leave_rules as rules
from riwayat.domain.checks import add_years, optional_text, parse_enum, require_date, require_text
from riwayat.domain.errors import InvalidInput, InvalidState, NotFound
from riwayat.domain.holidays import HolidayKind, shipped
from riwayat.domain.leave_rules import (
    InsufficientLeave,
    LeaveNotAllowed,
    LeaveOverlap,
    LeaveStatus,
    LeaveType,
)
from riwayat.domain.personal import ERASABLE
from riwayat.domain.values import Decree, require_decree

__all__ = ["InsufficientLeave", "LeaveNotAllowed", "LeaveOverlap"]  # the refusals live with the rules

_OPEN = (LeaveStatus.REQUESTED.value, LeaveStatus.APPROVED.value, LeaveStatus.RETURNED.value)
_USED = (LeaveStatus.APPROVED.value, LeaveStatus.RETURNED.value)


@dataclass(frozen=True)
class Holder:
    employment_type: str
    hired_on: date
    gender: str


@dataclass(frozen=True)
class YearDays:
    non_working: frozenset[date]  # national holidays and cuti bersama (and the tenant's own)
    collective: frozenset[date]  # the cuti bersama among them


def account_id(employee_id: UUID) -> UUID:
    return uuid5(NAMESPACE_URL, f"riwayat:leave-account:{employee_id}")


class LeaveAccount(Aggregate):
    class Opened(Aggregate.Created):
        employee_id: UUID
        employment_type: str

        def apply(self, acc: Any) -> None:
            acc.employee_id, acc.employment_type = self.employee_id, self.employment_type
            acc.years, acc.requests, acc.supervisor_id = {}, {}, None

    class SupervisorAssigned(Aggregate.Event):
        """The direct superior named explicitly (over the one the position catalogue's hierarchy gives)."""

        supervisor_id: UUID | None

        def apply(self, acc: Any) -> None:
            acc.supervisor_id = self.supervisor_id

    class YearOpened(Aggregate.Event):
        """The year's annual figures, fixed when its first annual leave is requested."""

        year: int
        entitled: int
        carried_over: int
        collective: int
        source: str

        def apply(self, acc: Any) -> None:
            acc.years[self.year] = {"entitled": self.entitled, "carried_over": self.carried_over,
                                    "collective": self.collective}  # fmt: skip

    class Requested(Aggregate.Event):
        personal = {"address": ERASABLE}  # where they are while away; erased with the employee

        request_id: UUID
        kind: str
        start: date
        end: date
        days: int
        reason: str
        address: str | None
        requested_by: str

        def apply(self, acc: Any) -> None:
            acc.requests[self.request_id] = {
                "kind": self.kind, "start": self.start, "end": self.end, "days": self.days,
                "status": LeaveStatus.REQUESTED.value, "returned_on": None,
            }  # fmt: skip

    class Approved(Aggregate.Event):
        request_id: UUID
        decided_by: str
        decree: Decree | None

        def apply(self, acc: Any) -> None:
            acc.requests[self.request_id]["status"] = LeaveStatus.APPROVED.value

    class Rejected(Aggregate.Event):
        request_id: UUID
        decided_by: str
        reason: str

        def apply(self, acc: Any) -> None:
            acc.requests[self.request_id]["status"] = LeaveStatus.REJECTED.value

    class Cancelled(Aggregate.Event):
        request_id: UUID
        cancelled_by: str

        def apply(self, acc: Any) -> None:
            acc.requests[self.request_id]["status"] = LeaveStatus.CANCELLED.value

    class ReturnRecorded(Aggregate.Event):
        request_id: UUID
        returned_on: date

        def apply(self, acc: Any) -> None:
            req = acc.requests[self.request_id]
            req["status"], req["returned_on"] = LeaveStatus.RETURNED.value, self.returned_on

    @classmethod
    def open(cls, employee_id: UUID, employment_type: str) -> LeaveAccount:
        # a plain UUID: one read from the database (asyncpg's own UUID class) has no stored transcoding
        return cls._create(cls.Opened, id=account_id(employee_id), employee_id=UUID(int=employee_id.int),
                           employment_type=employment_type)  # fmt: skip

    # ---- balances --------------------------------------------------------------------------------------

    def balance(self, year: int) -> dict[str, int]:
        """The year's working: entitled + carried over − collective − taken − lapsed = remaining; pending
        apart. `lapsed` is what was left when a big leave starting that year was approved: the year's
        annual leave lapses (PP 11/2017; DOMAIN.md "Leave"), so it is neither taken nor carried over."""
        fig = self.years.get(year, {"entitled": 0, "carried_over": 0, "collective": 0})
        taken = pending = 0
        big = False
        for req in self.requests.values():
            if req["kind"] == LeaveType.ANNUAL.value and req["start"].year == year:
                taken += req["days"] if req["status"] in _USED else 0
                pending += req["days"] if req["status"] == LeaveStatus.REQUESTED.value else 0
            big |= req["kind"] == LeaveType.BIG.value and req["start"].year == year and req["status"] in _USED
        left = fig["entitled"] + fig["carried_over"] - fig["collective"] - taken
        lapsed = max(0, left) if big else 0
        return {**fig, "taken": taken, "pending": pending, "lapsed": lapsed, "remaining": left - lapsed}

    def _open_year(self, holder: Holder, year: int, days_of: Mapping[int, YearDays]) -> None:
        if year in self.years:
            return
        etype = holder.employment_type
        if year - 1 in self.years:
            last = self.balance(year - 1)
            unused = max(0, last["remaining"] - last["carried_over"])
        else:
            before = days_of.get(year - 1)
            unused = rules.annual_entitled(etype, holder.hired_on, year - 1) - rules.collective_days(
                before.collective if before else ()
            )
        self.trigger_event(
            self.YearOpened, year=year, entitled=rules.annual_entitled(etype, holder.hired_on, year),
            carried_over=rules.carried_over(etype, year, max(0, unused)),
            collective=rules.collective_days(days_of[year].collective),
            source=rules.entitlement_rule(etype, year).source,
        )  # fmt: skip

    # ---- the workflow ----------------------------------------------------------------------------------

    def request(
        self, *, request_id: UUID, kind: LeaveType | str, start: date, end: date, reason: str,
        address: str | None, holder: Holder, days_of: Mapping[int, YearDays], today: date, by: str,
    ) -> None:  # fmt: skip
        kind = parse_enum(LeaveType, kind, "type")
        start, end = require_date(start, "from"), require_date(end, "to")
        reason = require_text(reason, "reason", max_length=500)
        address = optional_text(address, "address", max_length=500)
        if end < start:
            raise InvalidInput("to is before from", "to")
        if request_id in self.requests:
            raise InvalidInput("this request id is taken", "requestId")
        if kind is LeaveType.COLLECTIVE:
            raise InvalidInput("cuti bersama is set by the holiday calendar, not requested", "type")
        if start < today:
            raise InvalidInput("leave is requested before it starts", "from")
        self._check_allowed(kind, start, end, holder)
        if any(r["status"] in _OPEN and r["start"] <= end and start <= self._last_day(r)
               for r in self.requests.values()):  # fmt: skip
            raise LeaveOverlap(f"{start}–{end} overlaps a leave already requested or approved", "from")
        if kind is LeaveType.ANNUAL:
            if start.year != end.year:
                raise InvalidInput("annual leave is requested within one year", "to")
            if start.year not in days_of:
                raise InvalidInput(f"no holiday calendar for {start.year}", "from")
            days = rules.leave_days(kind, start, end, days_of[start.year].non_working)
            if days < 1:
                raise InvalidInput("the dates hold no working day", "from")
            self._open_year(holder, start.year, days_of)
            self._check_balance(start.year, days)
        else:
            days = rules.leave_days(kind, start, end, ())
        self.trigger_event(self.Requested, request_id=request_id, kind=kind.value, start=start, end=end,
                           days=days, reason=reason, address=address, requested_by=by)  # fmt: skip

    def assign_supervisor(self, supervisor_id: UUID | None) -> None:
        if supervisor_id == self.employee_id:
            raise InvalidInput("nobody is their own superior", "supervisorId")
        self.trigger_event(self.SupervisorAssigned, supervisor_id=supervisor_id)

    def approve(self, request_id: UUID, *, by: str, by_hr: bool, decree: Decree | None = None) -> None:
        req = self._pending(request_id)
        if req["kind"] in rules.HR_DECIDED:
            if not by_hr:
                raise LeaveNotAllowed(f"{req['kind']} leave is decided by hr with a decree", "requestId")
            decree = require_decree(decree)
        if req["kind"] == LeaveType.ANNUAL.value:
            self._check_balance(req["start"].year, req["days"])
        self.trigger_event(self.Approved, request_id=request_id, decided_by=by, decree=decree)

    def reject(self, request_id: UUID, *, by: str, by_hr: bool, reason: str) -> None:
        if self._pending(request_id)["kind"] in rules.HR_DECIDED and not by_hr:
            raise LeaveNotAllowed("this leave is decided by hr", "requestId")
        self.trigger_event(self.Rejected, request_id=request_id, decided_by=by,
                           reason=require_text(reason, "reason", max_length=500))  # fmt: skip

    def cancel(self, request_id: UUID, *, by: str, today: date) -> None:
        req = self._get(request_id)
        if req["status"] not in (LeaveStatus.REQUESTED.value, LeaveStatus.APPROVED.value):
            raise InvalidState(f"the request is {req['status']}", "requestId")
        if today >= req["start"]:
            raise InvalidState("leave can be cancelled only before it starts", "requestId")
        self.trigger_event(self.Cancelled, request_id=request_id, cancelled_by=by)

    def record_return(self, request_id: UUID, *, returned_on: date) -> None:
        req = self._get(request_id)
        returned_on = require_date(returned_on, "returnedOn")
        if req["kind"] not in rules.RETURN_RECORDED or req["status"] != LeaveStatus.APPROVED.value:
            raise InvalidState("only an approved big, sick, maternity or unpaid leave ends with a return",
                               "requestId")  # fmt: skip
        if returned_on <= req["start"]:
            raise InvalidInput("the return is after the leave starts", "returnedOn")
        self.trigger_event(self.ReturnRecorded, request_id=request_id, returned_on=returned_on)

    def unpaid_periods(self) -> list[tuple[date, date]]:
        """Approved CLTN as inclusive ranges (to the day before the return, once recorded)."""
        return [(r["start"], self._last_day(r)) for r in self.requests.values()
                if r["kind"] == LeaveType.UNPAID.value and r["status"] in _USED]  # fmt: skip

    # ---- checks ----------------------------------------------------------------------------------------

    @staticmethod
    def _last_day(req: dict[str, Any]) -> date:
        back = req.get("returned_on")
        return min(req["end"], back.fromordinal(back.toordinal() - 1)) if back else req["end"]

    def _check_allowed(self, kind: LeaveType, start: date, end: date, holder: Holder) -> None:
        if kind not in rules.ALLOWED_TYPES[holder.employment_type]:
            raise LeaveNotAllowed(f"{kind.value} leave is not for {holder.employment_type}", "type")
        need = rules.SERVICE_YEARS.get(kind)
        if need and add_years(holder.hired_on, need) > start:
            raise LeaveNotAllowed(f"{kind.value} leave needs {need} years of service", "type")
        longest = rules.MAX_CALENDAR_DAYS.get(kind)
        if longest and (end - start).days + 1 > longest:
            raise LeaveNotAllowed(f"{kind.value} leave is at most {longest} days", "to")
        if kind is LeaveType.MATERNITY and holder.gender != "FEMALE":
            raise LeaveNotAllowed("maternity leave is for the mother", "type")

    def _check_balance(self, year: int, more: int) -> None:
        if self.balance(year)["remaining"] - more < 0:
            raise InsufficientLeave(f"the {year} annual balance is {self.balance(year)['remaining']} days",
                                    "to")  # fmt: skip

    def _get(self, request_id: UUID) -> dict[str, Any]:
        if request_id not in self.requests:
            raise NotFound("no such leave request", "requestId")
        return self.requests[request_id]

    def _pending(self, request_id: UUID) -> dict[str, Any]:
        req = self._get(request_id)
        if req["status"] != LeaveStatus.REQUESTED.value:
            raise InvalidState(f"the request is {req['status']}", "requestId")
        return req


def year_days(year: int, effective: frozenset[date]) -> YearDays:
    """A year's non-working days (the tenant's effective calendar) and the cuti bersama among them: the
    shipped ones the tenant kept (a tenant's own added dates count as holidays, not as collective leave)."""
    cuti = frozenset(h.day for h in shipped(year) if h.kind is HolidayKind.CUTI_BERSAMA)
    return YearDays(non_working=effective, collective=cuti & effective)
