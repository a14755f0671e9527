"""A performance plan as the appraiser and HR read it, and one year of an employee's performance history.

A 360° giver's NIP is shown to auditors and admins only: the appraised person (and HR acting for the
appraiser) sees the feedback's role, period and scores, and the summary.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.enums import Expectation, Predikat
from riwayat.graphql.permissions import AUDITOR, can
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.performance_coaching import CoachingCase
from riwayat.graphql.types.performance_enums import (
    AppraisalSource,
    CoachingGrounds,
    FeedbackRole,
    ObjectionStatus,
    ReviewCadence,
)
from riwayat.projections import coaching, performance_plans


@strawberry.type(description="One target of the plan (rencana hasil kerja)")
class PerformanceTarget:
    text: str
    indicator: str
    target: str


@strawberry.type(description="A score 1-5 for each BerAKHLAK core value")
class BerakhlakScores:
    berorientasi_pelayanan: int
    akuntabel: int
    kompeten: int
    harmonis: int
    loyal: int
    adaptif: int
    kolaboratif: int


@strawberry.type(description='Mean scores per BerAKHLAK value, as decimals with two places ("4.25")')
class BerakhlakAverages:
    berorientasi_pelayanan: str
    akuntabel: str
    kompeten: str
    harmonis: str
    loyal: str
    adaptif: str
    kolaboratif: str


@strawberry.type
class PeriodicReview:
    period: str = strawberry.field(description="Q1-Q4, M01-M12 or H1/H2")
    work_result: Expectation
    behaviour: Expectation
    predikat: Predikat
    reviewed_on: date
    dialogue_notes: str | None


@strawberry.type(description="360° feedback. giverNip is null unless the caller is an auditor or admin.")
class Feedback360:
    role: FeedbackRole
    period: str = strawberry.field(description="YEAR, or the review period it was given for")
    scores: BerakhlakScores
    comment: str | None
    giver: strawberry.Private[str]

    @strawberry.field(description="visible to auditor and admin only")
    def giver_nip(self, info: Info[Context, None]) -> str | None:
        return self.giver if can(info, AUDITOR) else None


@strawberry.type(
    description="What the appraiser sees of the 360° feedback: counts and mean scores, no givers"
)
class FeedbackSummary:
    count: int
    superiors: int
    peers: int
    subordinates: int
    averages: BerakhlakAverages


@strawberry.type(description="An employee's performance plan for one year (PermenPANRB 6/2022)")
class PerformancePlan:
    id: strawberry.ID
    year: int
    appraiser_nip: str = strawberry.field(description="a NIP, or KEPALA_DAERAH (the regional head)")
    superior_nip: str = strawberry.field(description="the appraiser's superior: a NIP, or KEPALA_DAERAH")
    cadence: ReviewCadence
    targets: list[PerformanceTarget]
    target_revisions: int
    predikat: Predikat | None = strawberry.field(
        description="the annual rating in force (corrected, if upheld)"
    )
    rated_on: date | None
    objection: ObjectionStatus | None
    objection_filed_on: date | None
    coaching_grounds: CoachingGrounds | None
    version: int
    employee_id: strawberry.Private[UUID]
    uuid: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        row = await (await info.context.loaders()).employee.load(self.employee_id)
        return None if row is None else Employee.from_row(row)

    @strawberry.field
    async def reviews(self, info: Info[Context, None]) -> list[PeriodicReview]:
        ctx = info.context
        rows = await performance_plans.reviews_of(await ctx.pool(), ctx.schema, self.uuid)
        return [
            PeriodicReview(
                period=r.period,
                work_result=Expectation(r.work_result),
                behaviour=Expectation(r.behaviour),
                predikat=Predikat(r.predikat),
                reviewed_on=r.reviewed_on,
                dialogue_notes=r.dialogue_notes,
            )
            for r in rows
        ]

    @strawberry.field
    async def feedback(self, info: Info[Context, None]) -> list[Feedback360]:
        ctx = info.context
        rows = await performance_plans.feedback_of(await ctx.pool(), ctx.schema, self.uuid)
        return [
            Feedback360(
                role=FeedbackRole(r.role),
                period=r.period,
                scores=BerakhlakScores(**r.scores),
                comment=r.comment,
                giver=r.giver_nip,
            )
            for r in rows
        ]

    @strawberry.field
    async def feedback_summary(self, info: Info[Context, None]) -> FeedbackSummary:
        ctx = info.context
        s = performance_plans.summarise(
            await performance_plans.feedback_of(await ctx.pool(), ctx.schema, self.uuid)
        )
        return FeedbackSummary(
            count=s.count,
            superiors=s.by_role.get("SUPERIOR", 0),
            peers=s.by_role.get("PEER", 0),
            subordinates=s.by_role.get("SUBORDINATE", 0),
            averages=BerakhlakAverages(**s.averages),
        )

    @strawberry.field
    async def coaching_cases(self, info: Info[Context, None]) -> list[CoachingCase]:
        ctx = info.context
        return [
            CoachingCase.from_row(r)
            for r in await coaching.cases_of_plan(await ctx.pool(), ctx.schema, self.uuid)
        ]

    @classmethod
    def from_row(cls, row: Any) -> PerformancePlan:
        return cls(
            id=strawberry.ID(str(row.id)),
            year=row.year,
            appraiser_nip=row.appraiser,
            superior_nip=row.superior,
            cadence=ReviewCadence(row.cadence),
            targets=[PerformanceTarget(**t) for t in row.target_list],
            target_revisions=row.revisions,
            predikat=None if row.predikat is None else Predikat(row.predikat),
            rated_on=row.rated_on,
            objection=None if row.objection is None else ObjectionStatus(row.objection),
            objection_filed_on=row.objection_filed_on,
            coaching_grounds=None if row.coaching_grounds is None else CoachingGrounds(row.coaching_grounds),
            version=row.version,
            employee_id=row.employee_id,
            uuid=row.id,
        )


@strawberry.type(description="One year's final SKP in force, with where it came from and any correction")
class PerformanceYear:
    year: int
    predikat: Predikat
    work_result: Expectation | None = strawberry.field(description="null for a pre-2022 numeric SKP")
    behaviour: Expectation | None
    source: AppraisalSource
    score: str | None = strawberry.field(description='a PP 46/2011 score, as a decimal ("88.75")')
    band: str | None = strawberry.field(
        description="its PP 46/2011 band: SANGAT_BAIK, BAIK, CUKUP, KURANG, BURUK"
    )
    original_predikat: Predikat | None = strawberry.field(
        description="the rating an upheld objection replaced"
    )
    rated_on: date | None
    plan_id: strawberry.Private[UUID | None]

    @strawberry.field
    def corrected(self) -> bool:
        return self.original_predikat is not None

    @strawberry.field
    async def plan(self, info: Info[Context, None]) -> PerformancePlan | None:
        if self.plan_id is None:
            return None
        ctx = info.context
        found = await performance_plans.plans_by_ids(await ctx.pool(), ctx.schema, [self.plan_id])
        row = found.get(self.plan_id)
        return None if row is None else PerformancePlan.from_row(row)

    @classmethod
    def from_row(cls, row: Any) -> PerformanceYear:
        maybe = lambda enum, v: None if v is None else enum(v)  # noqa: E731
        return cls(
            year=row.year,
            predikat=Predikat(row.predikat),
            work_result=maybe(Expectation, row.work_result),
            behaviour=maybe(Expectation, row.behaviour),
            source=AppraisalSource(row.source),
            score=row.score,
            band=row.band,
            original_predikat=maybe(Predikat, row.original_predikat),
            rated_on=row.rated_on,
            plan_id=row.plan_id,
        )


@strawberry.type(description="A weak performer whose plan shows the grounds for coaching, with no case yet")
class CoachingDue:
    year: int
    plan_id: strawberry.ID
    grounds: CoachingGrounds
    predikat: Predikat | None
    employee_id: strawberry.Private[UUID]
    plan_uuid: strawberry.Private[UUID]

    @strawberry.field
    async def employee(self, info: Info[Context, None]) -> Employee | None:
        row = await (await info.context.loaders()).employee.load(self.employee_id)
        return None if row is None else Employee.from_row(row)

    @strawberry.field(description="the plan whose results are the grounds")
    async def plan(self, info: Info[Context, None]) -> PerformancePlan | None:
        ctx = info.context
        row = (await performance_plans.plans_by_ids(await ctx.pool(), ctx.schema, [self.plan_uuid])).get(
            self.plan_uuid
        )
        return None if row is None else PerformancePlan.from_row(row)
