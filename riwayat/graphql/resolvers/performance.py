"""Performance-cycle queries: a plan, an employee's history, the predikat curve, coaching, talent, awards."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from riwayat.domain import reference
from riwayat.domain.performance import plan_id as derive_plan_id
from riwayat.graphql.context import Context
from riwayat.graphql.enums import Predikat
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.permissions import PERSONNEL_READ, allow
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.performance import CoachingDue, PerformancePlan, PerformanceYear
from riwayat.graphql.types.performance_coaching import (
    Award,
    AwardDue,
    PredikatCount,
    UnitAppraisalDistribution,
)
from riwayat.graphql.types.performance_enums import AwardClass, CoachingGrounds
from riwayat.projections import appraisals, awards, coaching, performance_plans


def _read() -> list:
    return allow(*PERSONNEL_READ)


@strawberry.type
class PerformanceQuery:
    @strawberry.field(extensions=_read(), description="by id, or by employeeId and year")
    async def performance_plan(
        self,
        info: Info[Context, None],
        id: strawberry.ID | None = None,
        employee_id: strawberry.ID | None = None,
        year: int | None = None,
    ) -> PerformancePlan | None:
        if (id is None) == (employee_id is None or year is None):
            raise BadUserInput("give either `id`, or `employeeId` and `year`", field="id")
        if id is not None:
            wanted = parse_id(id)
        else:
            employee = parse_id(employee_id)
            wanted = None if employee is None else derive_plan_id(employee, year or 0)
        if wanted is None:
            return None
        ctx = info.context
        row = (await performance_plans.plans_by_ids(await ctx.pool(), ctx.schema, [wanted])).get(wanted)
        return None if row is None else PerformancePlan.from_row(row)

    @strawberry.field(extensions=_read(), description="every year's final SKP in force, oldest first")
    async def performance_history(
        self, info: Info[Context, None], employee_id: strawberry.ID
    ) -> list[PerformanceYear]:
        uuid = parse_id(employee_id)
        if uuid is None:
            return []
        ctx = info.context
        return [
            PerformanceYear.from_row(r)
            for r in await appraisals.performance_history(await ctx.pool(), ctx.schema, uuid)
        ]

    @strawberry.field(extensions=_read(), description="counts per predikat per unit for a year")
    async def appraisal_distribution(
        self, info: Info[Context, None], year: int, unit_id: strawberry.ID | None = None
    ) -> list[UnitAppraisalDistribution]:
        unit = parse_id(unit_id)
        if unit_id is not None and unit is None:
            return []
        ctx = info.context
        rows = await appraisals.appraisal_distribution(await ctx.pool(), ctx.schema, year, unit)
        by_unit: dict = {}
        for r in rows:
            by_unit.setdefault(r.unit_id, []).append(
                PredikatCount(predikat=Predikat(r.predikat), count=r.count)
            )
        order = [p.value for p in Predikat]
        return [
            UnitAppraisalDistribution(
                year=year,
                total=sum(c.count for c in counts),
                unit_id=u,
                counts=sorted(counts, key=lambda c: order.index(c.predikat.value)),
            )
            for u, counts in by_unit.items()
        ]

    @strawberry.field(
        extensions=_read(), description="weak performers with no coaching case for their grounds"
    )
    async def coaching_due(
        self, info: Info[Context, None], unit_id: strawberry.ID | None = None
    ) -> list[CoachingDue]:
        unit = parse_id(unit_id)
        if unit_id is not None and unit is None:
            return []
        ctx = info.context
        rows = await coaching.coaching_due(await ctx.pool(), ctx.schema, unit)
        return [
            CoachingDue(
                year=r.year,
                plan_id=strawberry.ID(str(r.plan_id)),
                grounds=CoachingGrounds(r.grounds),
                predikat=None if r.predikat is None else Predikat(r.predikat),
                employee_id=r.employee_id,
                plan_uuid=r.plan_id,
            )
            for r in rows
        ]

    @strawberry.field(
        extensions=_read(), description="SANGAT_BAIK or BAIK in this year and the one before, no sanction"
    )
    async def talent_candidates(self, info: Info[Context, None], year: int) -> list[Employee]:
        low, high = reference.APPRAISAL_YEAR_RANGE
        if not low <= year <= high:
            raise BadUserInput(f"year must be {low}-{high}", field="year")
        ctx = info.context
        ids = await appraisals.talent_candidates(await ctx.pool(), ctx.schema, year)
        rows = await (await ctx.loaders()).employee.load_many(ids)
        return [Employee.from_row(r) for r in rows if r is not None]

    @strawberry.field(
        extensions=_read(), description="serving PNS due a Satyalancana Karya Satya class on that date"
    )
    async def award_eligibility(self, info: Info[Context, None], as_of: date) -> list[AwardDue]:
        ctx = info.context
        rows = await awards.award_eligibility(await ctx.pool(), ctx.schema, as_of)
        return [
            AwardDue(
                award_class=AwardClass(r.award_class),
                service_years=r.service_years,
                employee_id=r.employee_id,
            )
            for r in rows
        ]

    @strawberry.field(extensions=_read(), description="an employee's awards, oldest first")
    async def awards(self, info: Info[Context, None], employee_id: strawberry.ID) -> list[Award]:
        uuid = parse_id(employee_id)
        if uuid is None:
            return []
        ctx = info.context
        return [Award.from_row(r) for r in await awards.awards_of(await ctx.pool(), ctx.schema, uuid)]
