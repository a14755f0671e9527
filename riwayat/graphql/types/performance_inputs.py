"""Inputs and payloads of the performance-cycle mutations (one `input` per mutation, as everywhere)."""

from __future__ import annotations

from datetime import date

import strawberry

from riwayat.graphql.enums import Expectation
from riwayat.graphql.inputs import DecreeInput, _key, _version  # the shared key/version field defaults
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.performance import PerformancePlan, PerformanceYear
from riwayat.graphql.types.performance_coaching import Award, CoachingCase
from riwayat.graphql.types.performance_enums import (
    AwardClass,
    CoachingOutcome,
    FeedbackRole,
    ObjectionDecision,
    PeriodKind,
    ReviewCadence,
)


@strawberry.input
class PerformanceTargetInput:
    text: str
    indicator: str
    target: str = strawberry.field(
        description='the target as written ("95%", "1.000 berkas"): text, no floats'
    )


@strawberry.input(description="A score 1-5 for each BerAKHLAK core value")
class BerakhlakScoresInput:
    berorientasi_pelayanan: int
    akuntabel: int
    kompeten: int
    harmonis: int
    loyal: int
    adaptif: int
    kolaboratif: int


@strawberry.input
class OpenPerformancePlanInput:
    employee_id: strawberry.ID
    year: int
    appraiser_nip: str = strawberry.field(description="a NIP, or KEPALA_DAERAH for the Sekda's appraiser")
    superior_nip: str = strawberry.field(description="the appraiser's superior: a NIP, or KEPALA_DAERAH")
    targets: list[PerformanceTargetInput]
    cadence: ReviewCadence | None = strawberry.field(
        default=None, description="default: the tenant's setting"
    )
    idempotency_key: str | None = _key()


@strawberry.input
class RevisePerformanceTargetsInput:
    plan_id: strawberry.ID
    targets: list[PerformanceTargetInput]
    reason: str
    revised_on: date
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RecordPeriodicReviewInput:
    plan_id: strawberry.ID
    period: PeriodKind
    number: int = strawberry.field(description="1-12 (MONTH), 1-4 (QUARTER) or 1-2 (HALF)")
    work_result: Expectation
    behaviour: Expectation
    reviewed_on: date
    dialogue_notes: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class Give360FeedbackInput:
    plan_id: strawberry.ID
    giver_nip: str
    role: FeedbackRole
    scores: BerakhlakScoresInput
    period: str | None = strawberry.field(
        default=None, description="YEAR (default) or a review period: Q2, M05, H1"
    )
    comment: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RateAnnualPerformanceInput:
    plan_id: strawberry.ID
    work_result: Expectation
    behaviour: Expectation
    appraiser_nip: str
    rated_on: date | None = strawberry.field(default=None, description="default: today")
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class FileAppraisalObjectionInput:
    plan_id: strawberry.ID
    reason: str
    filed_on: date | None = strawberry.field(
        default=None, description="default: today; within 14 days of the rating"
    )
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class DecideAppraisalObjectionInput:
    plan_id: strawberry.ID
    decider_nip: str = strawberry.field(description="the appraiser's superior named by the plan")
    decision: ObjectionDecision
    decided_on: date | None = strawberry.field(default=None, description="default: today")
    work_result: Expectation | None = strawberry.field(
        default=None, description="the corrected rating, if upheld"
    )
    behaviour: Expectation | None = None
    note: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class RecordHistoricalAppraisalInput:
    employee_id: strawberry.ID
    year: int = strawberry.field(description="2011-2021")
    score: str = strawberry.field(description='the PP 46/2011 score 0-100, at most two decimals ("88.75")')
    appraiser_nip: str | None = None
    idempotency_key: str | None = _key()


@strawberry.input
class OpenCoachingInput:
    plan_id: strawberry.ID
    coach_nip: str
    plan: str = strawberry.field(description="the coaching plan")
    opened_on: date
    idempotency_key: str | None = _key()


@strawberry.input
class RecordCoachingSessionInput:
    case_id: strawberry.ID
    held_on: date
    notes: str
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class CloseCoachingInput:
    case_id: strawberry.ID
    outcome: CoachingOutcome
    closed_on: date
    note: str | None = None
    expected_version: int | None = _version()
    idempotency_key: str | None = _key()


@strawberry.input
class GrantAwardInput:
    employee_id: strawberry.ID
    award_class: AwardClass
    decree: DecreeInput
    granted_on: date
    name: str | None = strawberry.field(default=None, description="required for a REGIONAL award")
    idempotency_key: str | None = _key()


@strawberry.type
class PerformancePlanPayload:
    plan: PerformancePlan | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class HistoricalAppraisalPayload:
    appraisal: PerformanceYear | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CoachingCasePayload:
    coaching_case: CoachingCase | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AwardPayload:
    award: Award | None = None
    version: int | None = None
    positions: list[int] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)
