"""Career queries (issue 14): thin translations to the career read models."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.types.careers import (
    Contract,
    EducationRecord,
    Position,
    PromotionEligibility,
    PromotionObstacle,
    RetirementDue,
    SalaryStepDue,
)
from riwayat.projections import contracts, education, positions, promotion, retirements, salary_steps

MAX_MONTHS = 120


def _months(within: int) -> int:
    if not 1 <= within <= MAX_MONTHS:
        raise BadUserInput(f"within is 1-{MAX_MONTHS} months", field="within")
    return within


async def positions_of_unit(info: Info[Context, None], unit_id: strawberry.ID) -> list[Position]:
    """The unit's open positions with their seats filled and vacant."""
    uuid, ctx = parse_id(unit_id), info.context
    if uuid is None:
        return []
    return [
        Position.from_row(r) for r in await positions.positions_of_unit(await ctx.pool(), ctx.schema, uuid)
    ]


async def vacancies(info: Info[Context, None], unit_id: strawberry.ID | None = None) -> list[Position]:
    """Open positions with vacant seats, in one unit or the whole tenant."""
    uuid, ctx = parse_id(unit_id), info.context
    if unit_id is not None and uuid is None:
        return []
    return [Position.from_row(r) for r in await positions.vacancies(await ctx.pool(), ctx.schema, uuid)]


async def promotion_eligibility(
    info: Info[Context, None], employee_id: strawberry.ID, as_of: date
) -> PromotionEligibility | None:
    uuid, ctx = parse_id(employee_id), info.context
    found = (
        None
        if uuid is None
        else await promotion.promotion_eligibility(await ctx.pool(), ctx.schema, uuid, as_of)
    )
    if found is None or uuid is None:
        return None
    obstacles = [PromotionObstacle(code=o.code, message=o.message) for o in found]
    return PromotionEligibility(as_of=as_of, eligible=not obstacles, obstacles=obstacles, employee_id=uuid)


async def retirements_due(
    info: Info[Context, None], within: int, as_of: date | None = None
) -> list[RetirementDue]:
    ctx, day = info.context, as_of or date.today()
    rows = await retirements.retirements_due(await ctx.pool(), ctx.schema, day, _months(within))
    return [
        RetirementDue(
            retires_on=r.retires_on,
            retirement_age=r.retirement_age,
            age_inferred=r.inferred,
            employee_id=r.employee_id,
        )  # fmt: skip
        for r in rows
    ]


async def contracts_expiring(
    info: Info[Context, None], within: int, as_of: date | None = None
) -> list[Contract]:
    ctx, day = info.context, as_of or date.today()
    rows = await contracts.contracts_expiring(await ctx.pool(), ctx.schema, day, _months(within))
    return [Contract.from_row(r) for r in rows]


async def salary_steps_due(info: Info[Context, None], as_of: date) -> list[SalaryStepDue]:
    ctx = info.context
    rows = await salary_steps.salary_steps_due(await ctx.pool(), ctx.schema, as_of)
    return [
        SalaryStepDue(due_on=r.due_on, last_on=r.last_on, steps=r.steps, employee_id=r.employee_id)
        for r in rows
    ]


async def contracts_of(info: Info[Context, None], employee_id: strawberry.ID) -> list[Contract]:
    uuid, ctx = parse_id(employee_id), info.context
    if uuid is None:
        return []
    return [Contract.from_row(r) for r in await contracts.contracts_of(await ctx.pool(), ctx.schema, uuid)]


async def education_of(info: Info[Context, None], employee_id: strawberry.ID) -> list[EducationRecord]:
    uuid, ctx = parse_id(employee_id), info.context
    if uuid is None:
        return []
    found = await education.education_by_employee(await ctx.pool(), ctx.schema, [uuid])
    return [EducationRecord.from_row(r) for r in found[uuid]]
