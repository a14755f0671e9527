"""`CompetencyRecord`: one employee's competency assessments. The latest assessment of each competency is
the level held; older ones stay, for the before/after of a training programme's impact."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import parse_enum, require_date, require_text
from riwayat.domain.competency_dictionary import check_levels

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/competency-record")


class AssessmentMethod(StrEnum):
    ASSESSMENT_CENTRE = "ASSESSMENT_CENTRE"
    CAT = "CAT"
    FEEDBACK_360 = "FEEDBACK_360"
    PORTFOLIO = "PORTFOLIO"
    INTERVIEW = "INTERVIEW"


def record_id(employee_id: UUID) -> UUID:
    return uuid5(_NAMESPACE, str(employee_id))


class CompetencyRecord(Aggregate):
    class Opened(Aggregate.Created):
        employee_id: UUID

        def apply(self, r: Any) -> None:
            r.employee_id, r.held = self.employee_id, {}

    class Assessed(Aggregate.Event):
        assessed_on: date
        method: str
        assessor: str
        levels: dict[str, int]

        def apply(self, r: Any) -> None:
            held = dict(r.held)
            for code, level in self.levels.items():
                if code not in held or held[code][0] <= self.assessed_on:
                    held[code] = (self.assessed_on, level)
            r.held = held

    @classmethod
    def open(cls, employee_id: UUID) -> CompetencyRecord:
        return cls._create(cls.Opened, id=record_id(employee_id), employee_id=UUID(int=employee_id.int))

    def assess(
        self, *, assessed_on: date, method: AssessmentMethod | str, assessor: str, levels: dict[str, int]
    ) -> None:
        """An assessment by an assessor or institution; a back-dated one counts where it is the latest."""
        self.trigger_event(
            self.Assessed,
            assessed_on=require_date(assessed_on, "assessedOn"),
            method=parse_enum(AssessmentMethod, method, "method").value,
            assessor=require_text(assessor, "assessor"),
            levels=check_levels(levels),
        )

    def level(self, code: str) -> int | None:
        found = self.held.get(code)
        return None if found is None else found[1]
