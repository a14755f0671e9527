"""GraphQL types of competency management (issue 15): gaps, needs, programme impact, JP shortfall."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from riwayat.domain.competency_record import AssessmentMethod as _Method
from riwayat.domain.training_programme import ProgrammeMode as _Mode
from riwayat.graphql.types.common import UserError

AssessmentMethod = strawberry.enum(Enum("AssessmentMethod", {m.value: m.value for m in _Method}))
ProgrammeMode = strawberry.enum(Enum("ProgrammeMode", {m.value: m.value for m in _Mode}))


@strawberry.type
class CompetencyPayload:
    """The stream a competency command changed (a standard, an assessment record, a programme, an
    employee), or the errors."""

    id: strawberry.ID | None = None
    version: int | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CompetencyGap:
    competency: str
    required: int
    held: int | None = strawberry.field(description="null: never assessed (counted as 0)")
    assessed_on: date | None
    gap: int = strawberry.field(description="required - held; negative above the standard")


@strawberry.type
class CompetencyGaps:
    employee_id: strawberry.ID
    position_id: strawberry.ID
    match_percent: float | None = strawberry.field(
        description="job-person match, sum min(held, required) / sum required"
    )
    band: str | None = strawberry.field(
        description="OPTIMAL >= 90, FAIRLY_OPTIMAL >= 78, NOT_OPTIMAL (unconfirmed)"
    )
    gaps: list[CompetencyGap]


@strawberry.type
class UnitCompetencyGap:
    competency: str
    people: int = strawberry.field(description="people of the unit whose standard names it")
    below: int = strawberry.field(description="of them, below the required level")
    mean_gap: float = strawberry.field(description="mean of max(required - held, 0)")


@strawberry.type
class TrainingNeed:
    employee_id: strawberry.ID
    name: str
    position_id: strawberry.ID
    job_class: int
    competency: str
    required: int
    held: int | None
    gap: int


@strawberry.type
class CompetencyImpact:
    competency: str
    target: int
    mean_rating: float | None = strawberry.field(description="1-4, superiors' post-training evaluation")
    reassessed: int
    mean_gap_before: float | None
    mean_gap_after: float | None
    closed: int = strawberry.field(description="participants with a gap before and none after")


@strawberry.type
class ProgrammeImpact:
    programme_id: strawberry.ID
    enrolled: int
    completed: int
    evaluated: int
    completion_rate: float | None = strawberry.field(description="percent of enrolled")
    response_rate: float | None = strawberry.field(description="percent of completed evaluated")
    competencies: list[CompetencyImpact]


@strawberry.type
class TrainingProgramme:
    id: strawberry.ID
    title: str
    provider: str
    mode: str
    hours: int
    starts_on: date
    ends_on: date
    seats: int


@strawberry.type
class TrainingShortfall:
    employee_id: strawberry.ID
    name: str
    employment_type: str
    hours: int
    kind: str = strawberry.field(description="BELOW_MINIMUM (PNS < 20 JP) or ABOVE_MAXIMUM (PPPK > 24 JP)")
