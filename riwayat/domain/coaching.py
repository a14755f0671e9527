"""`CoachingCase`: pendampingan for a weak performer, opened on the grounds a plan recorded.

A weak annual rating (BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG) or two weak periods running makes the
plan record `CoachingNeeded`; the case is opened with a coach and a coaching plan, holds the sessions,
and closes with an outcome. One case per plan: its stream id is derived from the plan's.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain import performance_rules as rules
from riwayat.domain.checks import parse_enum, require_date, require_text
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.nip import Nip
from riwayat.domain.performance_rules import NoCoachingGrounds

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/coaching-case")


def case_id(plan_id: UUID) -> UUID:
    return uuid5(_NAMESPACE, str(plan_id))


class CoachingCase(Aggregate):
    class Opened(Aggregate.Created):
        employee_id: UUID
        plan_id: UUID
        year: int
        grounds: str
        coach_nip: str
        plan: str
        opened_on: date

        def apply(self, case: Any) -> None:
            case.employee_id, case.plan_id, case.year = self.employee_id, self.plan_id, self.year
            case.coach_nip, case.opened_on, case.sessions, case.outcome = (
                self.coach_nip,
                self.opened_on,
                0,
                None,
            )

    class SessionRecorded(Aggregate.Event):
        held_on: date
        notes: str

        def apply(self, case: Any) -> None:
            case.sessions += 1

    class Closed(Aggregate.Event):
        outcome: str
        closed_on: date
        note: str | None

        def apply(self, case: Any) -> None:
            case.outcome = self.outcome

    @classmethod
    def open(cls, *, plan: Any, coach_nip: str, coaching_plan: str, opened_on: date) -> CoachingCase:
        """`plan` is the employee's `PerformancePlan`: it holds the grounds, or there is no case to open."""
        if plan.coaching_grounds is None:
            raise NoCoachingGrounds(
                f"the {plan.year} plan shows neither a weak annual rating nor two weak periods running",
                "planId",
            )
        coach = Nip.parse(coach_nip, field="coachNip").digits
        if coach == plan.employee_nip:
            raise InvalidInput("an employee does not coach themselves", "coachNip")
        day = require_date(opened_on, "openedOn")
        if day.year < plan.year:
            raise InvalidInput(
                f"coaching on the {plan.year} results opens in {plan.year} or later", "openedOn"
            )
        return cls._create(
            cls.Opened,
            id=case_id(plan.id),
            employee_id=plan.employee_id,
            plan_id=plan.id,
            year=plan.year,
            grounds=plan.coaching_grounds,
            coach_nip=coach,
            plan=require_text(coaching_plan, "plan", max_length=5000),
            opened_on=day,
        )

    def _require_open(self) -> None:
        if self.outcome is not None:
            raise InvalidState("the coaching case is closed", "caseId")

    def record_session(self, *, held_on: date, notes: str) -> None:
        self._require_open()
        day = require_date(held_on, "heldOn")
        if day < self.opened_on:
            raise InvalidInput(f"the case opened on {self.opened_on}", "heldOn")
        self.trigger_event(
            self.SessionRecorded, held_on=day, notes=require_text(notes, "notes", max_length=5000)
        )

    def close(self, *, outcome: object, closed_on: date, note: str | None = None) -> None:
        self._require_open()
        day = require_date(closed_on, "closedOn")
        if day < self.opened_on:
            raise InvalidInput(f"the case opened on {self.opened_on}", "closedOn")
        verdict = parse_enum(rules.CoachingOutcome, outcome, "outcome")
        text = None if note is None else require_text(note, "note", max_length=5000)
        self.trigger_event(self.Closed, outcome=verdict.value, closed_on=day, note=text)
