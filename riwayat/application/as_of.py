"""Reading an employee's past from the ledger itself, not from a projection.

- as recorded at T: the events recorded up to T, in order — what the ledger said at that moment;
- as effective on D: the events whose TMT is on or before D (events without one count from the UTC day they
  were recorded), in TMT order then position — what was legally true on D, decrees recorded later included.

Events are immutable and a stream only grows, so the decoded events of recently read streams are kept and
only the tail appended since is read: an as-of answer costs a small query and a fold, not a full decode.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.errors import InvalidInput
from riwayat.infra.ledger import EventStore, RecordedEvent
from riwayat.infra.tenants import Tenant

Decoded = tuple[RecordedEvent, Any]


class StreamHistory:
    def __init__(self, store: EventStore, size: int = 2000) -> None:
        self.store = store
        self.size = size
        self._streams: OrderedDict[tuple[str, UUID], list[Decoded]] = OrderedDict()

    async def events(self, tenant: Tenant, stream_id: UUID) -> list[Decoded]:
        """The whole stream, decoded: the cached prefix plus whatever was appended since."""
        key = (tenant.slug, stream_id)
        known = self._streams.pop(key, [])
        tail = await self.store.read_stream(tenant, stream_id, after_version=len(known))
        events = known + [(rec, self.store.decode(rec)) for rec in tail]
        if events:
            self._streams[key] = events
            while len(self._streams) > self.size:
                self._streams.popitem(last=False)
        return events

    async def employee_as_of(
        self,
        tenant: Tenant,
        employee_id: UUID,
        *,
        recorded_at: datetime | None = None,
        effective_on: date | None = None,
    ) -> Employee | None:
        if (recorded_at is None) == (effective_on is None):
            raise InvalidInput("give exactly one of recordedAt and effectiveOn", "recordedAt")
        events = await self.events(tenant, employee_id)
        if not events or events[0][0].stream_type != "Employee":
            return None
        if recorded_at is not None:
            selected = [e for e in events if e[0].recorded_at <= recorded_at]
        else:
            selected = in_force_on(events, effective_on)
        if not any(isinstance(event, (Employee.Hired, Employee.Enrolled)) for _, event in selected):
            return None
        if effective_on is not None:
            employee = Employee.fold_effective(effective_on, (event for _, event in selected))
        else:
            employee = Employee.fold(event for _, event in selected)
        employee.version = max(rec.version for rec, _ in selected)
        return employee


def in_force_on(events: list[Decoded], on: date) -> list[Decoded]:
    """The events legally in force on `on`, in the order they took effect: TMT on or before it (events
    without one count from the UTC date they were recorded), in TMT order then position."""
    return sorted((e for e in events if _legal_date(e[0]) <= on), key=_legal_order)


def _legal_date(rec: RecordedEvent) -> date:
    return rec.effective_on or rec.recorded_at.astimezone(UTC).date()


def _legal_order(item: Decoded) -> tuple[date, int]:
    return _legal_date(item[0]), item[0].position
