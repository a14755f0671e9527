"""`CompetencyStandard`: the required level of each competency for one catalogued position (standar
kompetensi jabatan), versioned by effective date. A change is a new version; a gap is judged against the
version in force on the assessment's date, so re-setting the standard never rewrites past gaps.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import require_date
from riwayat.domain.competency_dictionary import check_levels
from riwayat.domain.errors import InvalidInput

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/competency-standard")


def standard_id(position_id: UUID) -> UUID:
    """One standard stream per catalogued position."""
    return uuid5(_NAMESPACE, str(position_id))


class CompetencyStandard(Aggregate):
    """The versions of one position's standard: effective date -> competency -> required level."""

    class Set(Aggregate.Created):
        position_id: UUID
        effective_on: date
        levels: dict[str, int]

        def apply(self, s: Any) -> None:
            s.position_id = self.position_id
            s.versions = {self.effective_on: dict(self.levels)}

    class Revised(Aggregate.Event):
        effective_on: date
        levels: dict[str, int]

        def apply(self, s: Any) -> None:
            s.versions = {**s.versions, self.effective_on: dict(self.levels)}

    @classmethod
    def set(cls, *, position_id: UUID, effective_on: date, levels: dict[str, int]) -> CompetencyStandard:
        return cls._create(
            cls.Set,
            id=standard_id(position_id),
            position_id=UUID(int=position_id.int),
            effective_on=require_date(effective_on, "effectiveOn"),
            levels=check_levels(levels),
        )

    def revise(self, *, effective_on: date, levels: dict[str, int]) -> None:
        """A new version from `effective_on`; one version per date (a same-day correction is refused)."""
        day = require_date(effective_on, "effectiveOn")
        if day in self.versions:
            raise InvalidInput(f"the standard already has a version from {day}", "effectiveOn")
        self.trigger_event(self.Revised, effective_on=day, levels=check_levels(levels))

    def in_force(self, on: date) -> dict[str, int] | None:
        """The version in force on `on` (the latest effective on or before it); None before the first."""
        days = [d for d in self.versions if d <= on]
        return None if not days else dict(self.versions[max(days)])
