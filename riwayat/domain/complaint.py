"""`Complaint`: a public complaint (pengaduan masyarakat, SP4N-LAPOR!) from filing to closure.

Lifecycle: FILED → TRIAGED (verified, dispatched to the OPD) → RESOLVED (the OPD's finding) → CLOSED, and a
reopen from RESOLVED or CLOSED back to TRIAGED. The response told to the reporter (`respond`) is its own
step, allowed while the case is with the unit (TRIAGED or RESOLVED), never after closure; the latest
response is what the public status page shows. Every step carries the business date it happened
(`on`, defaulting to the day it was recorded) because deadlines count working days from those dates.

An anonymous complaint stores no reporter data at all; a confidential one is shown only to complaint
officers and auditors (the read side enforces it, the event records the choice). Whether a named
employee or unit exists is the application's check: the aggregate only knows its own stream.

Version 2 of `Filed` (and of the step events) added the tracking code, the dates, anonymity and
confidentiality and the LAPOR! ticket; the upcasts give version-1 events the values those complaints had.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import (
    optional_text,
    optional_uuid,
    parse_enum,
    require_date,
    require_text,
    require_uuid,
)
from riwayat.domain.complaint_rules import (
    TRACKING_CODE,
    canonical_channel,
    check_lapor_ticket,
    new_tracking_code,
)
from riwayat.domain.enums import ComplaintOutcome, ComplaintStatus
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.personal import ERASABLE

_FILED, _TRIAGED = ComplaintStatus.FILED.value, ComplaintStatus.TRIAGED.value
_RESOLVED, _CLOSED = ComplaintStatus.RESOLVED.value, ComplaintStatus.CLOSED.value


def _day_of(event: Any) -> date:
    """The business date of a step: its own, or (version-1 events) the day it was recorded."""
    return event.on if event.on is not None else event.timestamp.date()


def _with_on(state: dict[str, Any]) -> None:
    state["on"] = None


class Complaint(Aggregate):
    """One complaint. `reporter_contact` is personal data: projections must not show it to viewers."""

    class Filed(Aggregate.Created):
        class_version = 2
        # The reporter's contact is stored encrypted and erasable on request (riwayat.domain.personal).
        personal = {"reporter_contact": ERASABLE}
        channel: str
        category: str
        description: str
        employee_id: UUID | None
        unit_id: UUID | None
        reporter_contact: str | None
        tracking_code: str | None
        received_on: date | None
        anonymous: bool
        confidential: bool
        lapor_ticket: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            # Complaints filed before tracking codes existed have none; they were neither anonymous nor
            # confidential (the reporter's contact, when given, is kept as it was).
            state.update(tracking_code=None, received_on=None, anonymous=False, confidential=False)
            state["lapor_ticket"] = None

        def apply(self, case: Any) -> None:
            case.status, case.filed_at = _FILED, self.timestamp
            case.received_on = _day_of_received(self)
            case.channel, case.category, case.description = self.channel, self.category, self.description
            case.employee_id, case.unit_id = self.employee_id, self.unit_id
            case.reporter_contact, case.tracking_code = self.reporter_contact, self.tracking_code
            case.anonymous, case.confidential, case.lapor_ticket = (
                self.anonymous,
                self.confidential,
                self.lapor_ticket,
            )
            case.outcome = case.resolution = case.response = None
            case.triaged_on = case.responded_on = case.closed_on = None
            case.discipline = None

    class Triaged(Aggregate.Event):
        class_version = 2
        unit_id: UUID
        note: str | None
        on: date | None
        upcast_v1_v2 = staticmethod(_with_on)

        def apply(self, case: Any) -> None:
            case.status, case.unit_id, case.triaged_on = _TRIAGED, self.unit_id, _day_of(self)

    class Resolved(Aggregate.Event):
        class_version = 2
        outcome: str
        resolution: str
        on: date | None
        upcast_v1_v2 = staticmethod(_with_on)

        def apply(self, case: Any) -> None:
            case.status, case.outcome, case.resolution = _RESOLVED, self.outcome, self.resolution

    class Responded(Aggregate.Event):
        """The OPD's answer, as told to the reporter; `published` answers are shown on the status page."""

        response: str
        published: bool
        on: date

        def apply(self, case: Any) -> None:
            case.response, case.responded_on = self.response, self.on

    class Reopened(Aggregate.Event):
        class_version = 2
        reason: str | None
        on: date | None
        upcast_v1_v2 = staticmethod(_with_on)

        def apply(self, case: Any) -> None:
            # Back in the responsible unit's hands: the earlier answer no longer stands, a new one is due.
            case.status, case.outcome, case.resolution = _TRIAGED, None, None
            case.triaged_on, case.responded_on, case.closed_on = _day_of(self), None, None

    class Closed(Aggregate.Event):
        class_version = 2
        note: str | None
        on: date | None
        upcast_v1_v2 = staticmethod(_with_on)

        def apply(self, case: Any) -> None:
            case.status, case.closed_on = _CLOSED, _day_of(self)

    class DisciplineLinked(Aggregate.Event):
        """The disciplinary decision (PP 94/2021) this complaint led to: the employee and the decree."""

        employee_id: UUID
        decree_number: str

        def apply(self, case: Any) -> None:
            case.discipline = (self.employee_id, self.decree_number)

    @classmethod
    def file(
        cls,
        *,
        channel: str,
        category: str,
        description: str,
        employee_id: UUID | None = None,
        unit_id: UUID | None = None,
        reporter_contact: str | None = None,
        tracking_code: str | None = None,
        received_on: date | None = None,
        anonymous: bool = False,
        confidential: bool = False,
        lapor_ticket: str | None = None,
    ) -> Complaint:
        """Records a complaint as received, on any channel (LAPOR!, SMS 1708, walk-in, portal)."""
        code = tracking_code if tracking_code is not None else new_tracking_code("x_unassigned")
        if not TRACKING_CODE.fullmatch(code):
            raise InvalidInput("malformed tracking code", "trackingCode")
        contact = optional_text(reporter_contact, "reporterContact")
        if anonymous and contact is not None:
            # Anonymous means nothing about the reporter is stored, not stored and hidden.
            raise InvalidInput("an anonymous complaint keeps no reporter contact", "reporterContact")
        channel_code = canonical_channel(require_text(channel, "channel", max_length=100))
        return cls._create(
            cls.Filed,
            channel=channel_code,
            category=require_text(category, "category", max_length=100),
            description=require_text(description, "description", max_length=10_000),
            employee_id=optional_uuid(employee_id, "employeeId"),
            unit_id=optional_uuid(unit_id, "unitId"),
            reporter_contact=contact,
            tracking_code=code,
            received_on=None if received_on is None else require_date(received_on, "receivedOn"),
            anonymous=bool(anonymous),
            confidential=bool(confidential),
            lapor_ticket=check_lapor_ticket(lapor_ticket, channel_code),
        )

    def _require_status(self, *allowed: str, action: str) -> None:
        if self.status not in allowed:
            raise InvalidState(f"a {self.status} complaint cannot be {action}")

    def _step_date(self, on: date | None, after: date | None) -> date | None:
        if on is None:
            return None
        day = require_date(on, "on")
        if day < (after or self.received_on):
            raise InvalidInput(f"this step cannot be dated before {after or self.received_on}", "on")
        return day

    def triage(self, unit_id: UUID, note: str | None = None, on: date | None = None) -> None:
        """Verified and dispatched to the responsible unit (OPD)."""
        self._require_status(_FILED, action="triaged")
        self.trigger_event(
            self.Triaged,
            unit_id=require_uuid(unit_id, "unitId"),
            note=optional_text(note, "note", max_length=2000),
            on=self._step_date(on, None),
        )

    def resolve(self, outcome: ComplaintOutcome | str, resolution: str, on: date | None = None) -> None:
        self._require_status(_TRIAGED, action="resolved")
        self.trigger_event(
            self.Resolved,
            outcome=parse_enum(ComplaintOutcome, outcome, "outcome").value,
            resolution=require_text(resolution, "resolution", max_length=10_000),
            on=self._step_date(on, self.triaged_on),
        )

    def respond(self, response: str, on: date, *, published: bool = True) -> None:
        """The unit's answer told to the reporter. Refused before dispatch and after closure."""
        self._require_status(_TRIAGED, _RESOLVED, action="answered")
        self.trigger_event(
            self.Responded,
            response=require_text(response, "response", max_length=10_000),
            published=bool(published),
            on=self._step_date(require_date(on, "on"), self.triaged_on),
        )

    def reopen(self, reason: str | None = None, on: date | None = None) -> None:
        """The reporter or an auditor disputes the answer: back to the unit, as TRIAGED."""
        self._require_status(_RESOLVED, _CLOSED, action="reopened")
        self.trigger_event(
            self.Reopened,
            reason=optional_text(reason, "reason", max_length=2000),
            on=self._step_date(on, None),
        )

    def close(self, note: str | None = None, on: date | None = None) -> None:
        """The reporter has been told; the case is closed."""
        self._require_status(_RESOLVED, action="closed")
        self.trigger_event(
            self.Closed,
            note=optional_text(note, "note", max_length=2000),
            on=self._step_date(on, self.triaged_on),
        )

    def link_discipline(self, employee_id: UUID, decree_number: str) -> None:
        """Only a substantiated complaint leads to a sanction; the application checks the decree exists."""
        if self.outcome != ComplaintOutcome.SUBSTANTIATED.value:
            raise InvalidState("only a substantiated complaint leads to a disciplinary decision")
        self.trigger_event(
            self.DisciplineLinked,
            employee_id=require_uuid(employee_id, "employeeId"),
            decree_number=require_text(decree_number, "decreeNumber", max_length=100),
        )


def _day_of_received(event: Any) -> date:
    return event.received_on if event.received_on is not None else event.timestamp.date()
