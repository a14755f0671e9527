"""A training programme's impact: completion and evaluation response rates, the mean rating (1-4) of each
competency served, and — for participants assessed again after completing — the mean gap before and after.

A participant's gap in a served competency is the position standard's required level (the version in force
on the later assessment; the programme's target level when the position has no standard for it) minus the
level held: before = the latest assessment on or before completion, after = the latest one after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from riwayat.projections import training_programmes as tp
from riwayat.projections.competency_assessments import assessments_of, held_on
from riwayat.projections.competency_standards import standard_versions


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _rate(part: int, whole: int) -> Decimal | None:
    return (
        None if whole == 0 else (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    )


@dataclass(frozen=True)
class CompetencyImpact:
    competency: str
    target: int
    mean_rating: Decimal | None
    reassessed: int
    mean_gap_before: Decimal | None
    mean_gap_after: Decimal | None
    closed: int  # participants with a gap before and none after


@dataclass(frozen=True)
class ProgrammeImpact:
    programme_id: UUID
    enrolled: int
    completed: int
    evaluated: int
    completion_rate: Decimal | None
    response_rate: Decimal | None
    competencies: list[CompetencyImpact]


async def _required(
    con: Any, schema: str, employee_ids: list[UUID]
) -> dict[UUID, dict[date, dict[str, int]]]:
    rows = await con.fetch(
        f"SELECT employee_id, position_id FROM {schema}.position_holders WHERE employee_id = any($1::uuid[])",
        employee_ids,
    )
    return {r["employee_id"]: await standard_versions(con, schema, r["position_id"]) for r in rows}


def _in_force(versions: dict[date, dict[str, int]], on: date) -> dict[str, int]:
    days = [d for d in versions if d <= on]
    return versions[max(days)] if days else {}


async def programme_impact(con: Any, schema: str, programme_id: UUID) -> ProgrammeImpact | None:
    if await tp.programme(con, schema, programme_id) is None:
        return None
    serves = await tp.serves(con, schema, programme_id)
    people = await tp.enrolments(con, schema, programme_id)
    done = {r["employee_id"]: r["completed_on"] for r in people if r["status"] == "COMPLETED"}
    enrolled = sum(1 for r in people if r["status"] != "WITHDRAWN")
    ratings = await tp.evaluations(con, schema, programme_id)
    history: dict[UUID, list[Any]] = {}
    for r in await assessments_of(con, schema, list(done)):
        history.setdefault(r["employee_id"], []).append(r)
    standards = await _required(con, schema, list(done))
    impacts = []
    for code, target in serves.items():
        before: list[int] = []
        after: list[int] = []
        closed = 0
        for who, completed_on in done.items():
            mine = history.get(who, [])
            then = held_on(mine, completed_on).get(code)
            now = held_on([r for r in mine if r["assessed_on"] > completed_on]).get(code)
            if then is None or now is None:
                continue
            required = _in_force(standards.get(who, {}), now[0]).get(code, target)
            gap_then, gap_now = max(required - then[1], 0), max(required - now[1], 0)
            before.append(gap_then)
            after.append(gap_now)
            closed += gap_then > 0 and gap_now == 0
        rated = [r["rating"] for r in ratings if r["competency"] == code]
        impacts.append(
            CompetencyImpact(code, target, _mean(rated), len(before), _mean(before), _mean(after), closed)
        )
    evaluated = len({r["employee_id"] for r in ratings})
    return ProgrammeImpact(
        programme_id, enrolled, len(done), evaluated, _rate(len(done), enrolled), _rate(evaluated, len(done)),
        impacts,
    )  # fmt: skip
