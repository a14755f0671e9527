"""Competency queries (issue 15): thin translations to the competency read models."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.types import competency as t
from riwayat.projections import competency_gaps as g
from riwayat.projections import training_programmes as tp
from riwayat.projections.programme_impact import programme_impact as impact_of


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def _year(year: int) -> int:
    if not 1950 <= year <= 2100:
        raise BadUserInput("year is 1950-2100", field="year")
    return year


async def competency_gaps(
    info: Info[Context, None], employee_id: strawberry.ID, as_of: date | None = None
) -> t.CompetencyGaps | None:
    """Required − held per competency of the employee's position standard, and the job-person match."""
    uuid, ctx = parse_id(employee_id), info.context
    found = (
        None
        if uuid is None
        else await g.competency_gaps(await ctx.pool(), ctx.schema, uuid, as_of or date.today())
    )
    if found is None:
        return None
    return t.CompetencyGaps(
        employee_id=strawberry.ID(str(found.employee_id)),
        position_id=strawberry.ID(str(found.position_id)),
        match_percent=_f(found.match_percent),
        band=found.band,
        gaps=[
            t.CompetencyGap(
                competency=x.competency,
                required=x.required,
                held=x.held,
                assessed_on=x.assessed_on,
                gap=x.gap,
            )
            for x in found.gaps
        ],
    )


async def unit_competency_gaps(
    info: Info[Context, None], unit_id: strawberry.ID, as_of: date | None = None
) -> list[t.UnitCompetencyGap]:
    uuid, ctx = parse_id(unit_id), info.context
    if uuid is None:
        return []
    rows = await g.unit_competency_gaps(await ctx.pool(), ctx.schema, uuid, as_of or date.today())
    return [
        t.UnitCompetencyGap(
            competency=r["competency"], people=r["people"], below=r["below"], mean_gap=float(r["mean_gap"])
        )
        for r in rows
    ]


async def training_needs(
    info: Info[Context, None], unit_id: strawberry.ID, year: int
) -> list[t.TrainingNeed]:
    """AKPK: who needs which competency raised, as of 31 December of `year`."""
    uuid, ctx = parse_id(unit_id), info.context
    if uuid is None:
        return []
    rows = await g.training_needs(await ctx.pool(), ctx.schema, uuid, _year(year))
    return [
        t.TrainingNeed(
            employee_id=strawberry.ID(str(r["employee_id"])),
            name=r["name"],
            position_id=strawberry.ID(str(r["position_id"])),
            job_class=r["job_class"],
            competency=r["competency"],
            required=r["required"],
            held=r["held"],
            gap=r["gap"],
        )
        for r in rows
    ]


async def programme_impact(
    info: Info[Context, None], programme_id: strawberry.ID
) -> t.ProgrammeImpact | None:
    uuid, ctx = parse_id(programme_id), info.context
    found = None if uuid is None else await impact_of(await ctx.pool(), ctx.schema, uuid)
    if found is None:
        return None
    return t.ProgrammeImpact(
        programme_id=strawberry.ID(str(found.programme_id)),
        enrolled=found.enrolled,
        completed=found.completed,
        evaluated=found.evaluated,
        completion_rate=_f(found.completion_rate),
        response_rate=_f(found.response_rate),
        competencies=[
            t.CompetencyImpact(
                competency=c.competency,
                target=c.target,
                mean_rating=_f(c.mean_rating),
                reassessed=c.reassessed,
                mean_gap_before=_f(c.mean_gap_before),
                mean_gap_after=_f(c.mean_gap_after),
                closed=c.closed,
            )
            for c in found.competencies
        ],
    )


async def training_programmes(
    info: Info[Context, None], year: int | None = None
) -> list[t.TrainingProgramme]:
    ctx = info.context
    rows = await tp.programmes(await ctx.pool(), ctx.schema, None if year is None else _year(year))
    return [
        t.TrainingProgramme(
            id=strawberry.ID(str(r["id"])),
            title=r["title"],
            provider=r["provider"],
            mode=r["mode"],
            hours=r["hours"],
            starts_on=r["starts_on"],
            ends_on=r["ends_on"],
            seats=r["seats"],
        )
        for r in rows
    ]


async def training_shortfall(
    info: Info[Context, None], year: int, unit_id: strawberry.ID | None = None
) -> list[t.TrainingShortfall]:
    uuid, ctx = parse_id(unit_id), info.context
    if unit_id is not None and uuid is None:
        return []
    rows = await g.training_shortfall(await ctx.pool(), ctx.schema, _year(year), uuid)
    return [
        t.TrainingShortfall(
            employee_id=strawberry.ID(str(r["employee_id"])),
            name=r["name"],
            employment_type=r["employment_type"],
            hours=r["hours"],
            kind="BELOW_MINIMUM" if r["employment_type"] == "PNS" else "ABOVE_MAXIMUM",
        )
        for r in rows
    ]
