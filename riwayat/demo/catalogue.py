"""The demo's position map (peta jabatan): every (unit, title) a career holds, catalogued before anyone is
placed, with seats for the people holding it at the horizon plus a few vacant ones; each unit's head
position at the top of its unit (the others report to it). Careers then name these positions."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

from riwayat.demo import positions as pos
from riwayat.demo.model import EmployeePlan
from riwayat.demo.units import UnitSpec

CATALOGUED_ON = date(1990, 1, 1)  # before the first appointment: the map predates everyone in it
_PLACING = ("hire_employee", "assign_position")


@dataclass(frozen=True)
class PositionPlan:
    unit: str  # unit code
    title: str
    kind: pos.Kind
    seats: int
    head: bool  # the unit's head position; the others report to it


def catalogue(
    units: tuple[UnitSpec, ...], plans: list[EmployeePlan], rng: random.Random
) -> list[PositionPlan]:
    held = Counter(_final(plan) for plan in plans if not plan.separated)
    used = {
        (s.args["unit_id"], s.args["position"]) for plan in plans for s in plan.steps if s.command in _PLACING
    }
    heads = {(u.code, u.head) for u in units}
    result = []
    for unit, title in sorted(used | heads):
        head = (unit, title) in heads
        extra = 0 if head else rng.choice((0, 0, 1, 1, 2, 3))
        seats = max(1 if head else 0, held[(unit, title)] + extra)
        result.append(PositionPlan(unit, title, pos.classify(title), seats, head))
    return sorted(result, key=lambda p: not p.head)  # heads first: the others name them as superiors


def _final(plan: EmployeePlan) -> tuple[str, str]:
    step = [s for s in plan.steps if s.command in _PLACING][-1]
    return step.args["unit_id"], step.args["position"]
