"""`Complaint`: a public complaint (pengaduan masyarakat, SP4N-LAPOR!) from filing to closure.

Lifecycle: FILED → TRIAGED → RESOLVED → CLOSED, and a reopen from RESOLVED or CLOSED back to
TRIAGED. Whether a named employee or unit exists is the application's check: the aggregate only
knows its own stream.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import optional_text, optional_uuid, parse_enum, require_text, require_uuid
from riwayat.domain.enums import ComplaintOutcome, ComplaintStatus
from riwayat.domain.errors import InvalidState

_FILED, _TRIAGED = ComplaintStatus.FILED.value, ComplaintStatus.TRIAGED.value
_RESOLVED, _CLOSED = ComplaintStatus.RESOLVED.value, ComplaintStatus.CLOSED.value


class Complaint(Aggregate):
    """One complaint. `reporter_contact` is personal data: projections must not show it to viewers."""

    class Filed(Aggregate.Created):
        channel: str
        category: str
        description: str
        employee_id: UUID | None
        unit_id: UUID | None
        reporter_contact: str | None

        def apply(self, case: Any) -> None:
            case.status, case.filed_at = _FILED, self.timestamp
            case.channel, case.category, case.description = self.channel, self.category, self.description
            case.employee_id, case.unit_id = self.employee_id, self.unit_id
            case.reporter_contact = self.reporter_contact
            case.outcome = case.resolution = None

    class Triaged(Aggregate.Event):
        unit_id: UUID
        note: str | None

        def apply(self, case: Any) -> None:
            case.status, case.unit_id = _TRIAGED, self.unit_id

    class Resolved(Aggregate.Event):
        outcome: str
        resolution: str

        def apply(self, case: Any) -> None:
            case.status, case.outcome, case.resolution = _RESOLVED, self.outcome, self.resolution

    class Reopened(Aggregate.Event):
        reason: str | None

        def apply(self, case: Any) -> None:
            # Back in the responsible unit's hands: the earlier answer no longer stands.
            case.status, case.outcome, case.resolution = _TRIAGED, None, None

    class Closed(Aggregate.Event):
        note: str | None

        def apply(self, case: Any) -> None:
            case.status = _CLOSED

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
    ) -> Complaint:
        """Records a complaint as received, on any channel (LAPOR!, SMS 1708, walk-in, portal)."""
        return cls._create(
            cls.Filed,
            channel=require_text(channel, "channel", max_length=100),
            category=require_text(category, "category", max_length=100),
            description=require_text(description, "description", max_length=10_000),
            employee_id=optional_uuid(employee_id, "employeeId"),
            unit_id=optional_uuid(unit_id, "unitId"),
            reporter_contact=optional_text(reporter_contact, "reporterContact"),
        )

    def _require_status(self, *allowed: str, action: str) -> None:
        if self.status not in allowed:
            raise InvalidState(f"a {self.status} complaint cannot be {action}")

    def triage(self, unit_id: UUID, note: str | None = None) -> None:
        """Verified and dispatched to the responsible unit (OPD)."""
        self._require_status(_FILED, action="triaged")
        self.trigger_event(
            self.Triaged,
            unit_id=require_uuid(unit_id, "unitId"),
            note=optional_text(note, "note", max_length=2000),
        )

    def resolve(self, outcome: ComplaintOutcome | str, resolution: str) -> None:
        self._require_status(_TRIAGED, action="resolved")
        self.trigger_event(
            self.Resolved,
            outcome=parse_enum(ComplaintOutcome, outcome, "outcome").value,
            resolution=require_text(resolution, "resolution", max_length=10_000),
        )

    def reopen(self, reason: str | None = None) -> None:
        """The reporter or an auditor disputes the answer: back to the unit, as TRIAGED."""
        self._require_status(_RESOLVED, _CLOSED, action="reopened")
        self.trigger_event(self.Reopened, reason=optional_text(reason, "reason", max_length=2000))

    def close(self, note: str | None = None) -> None:
        """The reporter has been told; the case is closed."""
        self._require_status(_RESOLVED, action="closed")
        self.trigger_event(self.Closed, note=optional_text(note, "note", max_length=2000))
