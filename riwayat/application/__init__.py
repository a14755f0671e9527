"""Command handling (the service layer): one method per command of the API contract, and the ledger reads.

A command is load → decide → append (`runner.py` shows one and holds the machinery: `execute`, the unit of
work, the retry; `cache.py` the aggregate cache); the commands are grouped by area in `personnel.py` and
`complaints.py`; as-of reads are in `as_of.py`. A new area is a `CommandRunner` subclass in its own
module, added to `Application`'s bases.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from riwayat.application.cache import AggregateCache
from riwayat.application.careers import CareerCommands
from riwayat.application.competency import CompetencyCommands
from riwayat.application.complaints import ComplaintCommands, OrgUnitCommands
from riwayat.application.leave import LeaveCommands
from riwayat.application.onboarding import OnboardingCommands
from riwayat.application.performance import PerformanceCommands
from riwayat.application.personnel import PersonnelCommands
from riwayat.application.privacy import PrivacyCommands
from riwayat.application.public_voice import VoiceCommands
from riwayat.application.routing import route
from riwayat.application.runner import NO_OPTIONS, CommandContext, CommandOptions, CommandResult
from riwayat.application.unit_of_work import UnitOfWork
from riwayat.domain.employee import Employee
from riwayat.infra.ledger import RecordedEvent
from riwayat.infra.tenants import Tenant

__all__ = [
    "NO_OPTIONS",
    "AggregateCache",
    "Application",
    "CommandContext",
    "CommandOptions",
    "CommandResult",
    "UnitOfWork",
]


@route
class Application(  # PerformanceCommands < PersonnelCommands: it comes first
    PerformanceCommands,
    PersonnelCommands,
    ComplaintCommands,
    OrgUnitCommands,
    OnboardingCommands,
    CareerCommands,
    VoiceCommands,
    CompetencyCommands,
    LeaveCommands,
    PrivacyCommands,
):
    """Every command of the API, plus what the API reads from the ledger rather than a projection."""

    async def employee_as_of(
        self,
        tenant: Tenant,
        employee_id: UUID,
        *,
        recorded_at: datetime | None = None,
        effective_on: date | None = None,
    ) -> Employee | None:
        """What the ledger said at `recorded_at`, or what was legally true on `effective_on`."""
        return await self.past.employee_as_of(
            tenant, employee_id, recorded_at=recorded_at, effective_on=effective_on
        )

    async def history(
        self, tenant: Tenant, stream_id: UUID, *, after_version: int = 0, limit: int = 50
    ) -> list[RecordedEvent]:
        return await self.store.read_stream(tenant, stream_id, after_version=after_version, limit=limit)
