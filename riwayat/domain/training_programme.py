"""`TrainingProgramme`: a training offered to close competency gaps — the competencies it serves with their
target levels, its JP, dates and seats, who enrolled and who withdrew, and the evaluations after it.

A participant's completion is the employee's own `Employee.TrainingCompleted` naming the programme (so JP
totals keep counting it); the application checks the enrolment here first (`check_completion`). The
evaluation (level 3 of Kirkpatrick: behaviour at work, 1-4 per competency served) comes only after that
completion, which the application reads from the employee and passes in.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text
from riwayat.domain.competency_dictionary import check_levels
from riwayat.domain.enums import TrainingKind
from riwayat.domain.errors import InvalidInput, InvalidState

MAX_SEATS = 10_000
MAX_JP = 1000
RATINGS = range(1, 5)


class ProgrammeMode(StrEnum):
    CLASSROOM = "CLASSROOM"
    E_LEARNING = "E_LEARNING"
    BLENDED = "BLENDED"
    INTERNSHIP = "INTERNSHIP"  # magang at a central agency
    MENTORING = "MENTORING"
    COACHING = "COACHING"

    @property
    def training_kind(self) -> TrainingKind:
        """The kind its completion records on the employee (blended learning is classroom-led)."""
        return TrainingKind.CLASSROOM if self is ProgrammeMode.BLENDED else TrainingKind(self.value)


def _whole(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{field} must be a whole number {low}-{high}", field)
    return value


def _plain(value: UUID) -> UUID:
    return UUID(int=value.int)


class TrainingProgramme(Aggregate):
    class Planned(Aggregate.Created):
        title: str
        provider: str
        mode: str
        serves: dict[str, int]
        hours: int
        starts_on: date
        ends_on: date
        seats: int

        def apply(self, p: Any) -> None:
            p.title, p.provider, p.mode, p.serves = self.title, self.provider, self.mode, dict(self.serves)
            p.hours, p.starts_on, p.ends_on, p.seats = self.hours, self.starts_on, self.ends_on, self.seats
            p.enrolled, p.evaluated = set(), set()

    class Enrolled(Aggregate.Event):
        employee_id: UUID

        def apply(self, p: Any) -> None:
            p.enrolled = p.enrolled | {self.employee_id}

    class Withdrawn(Aggregate.Event):
        employee_id: UUID
        reason: str | None

        def apply(self, p: Any) -> None:
            p.enrolled = p.enrolled - {self.employee_id}

    class Evaluated(Aggregate.Event):
        employee_id: UUID
        evaluated_on: date
        evaluator: str
        ratings: dict[str, int]
        note: str | None

        def apply(self, p: Any) -> None:
            p.evaluated = p.evaluated | {self.employee_id}

    @classmethod
    def plan(
        cls, *, title: str, provider: str, mode: ProgrammeMode | str, serves: dict[str, int], hours: int,
        starts_on: date, ends_on: date, seats: int,
    ) -> TrainingProgramme:  # fmt: skip
        start, end = require_date(starts_on, "startsOn"), require_date(ends_on, "endsOn")
        if end < start:
            raise InvalidInput("a programme ends on or after its start", "endsOn")
        return cls._create(
            cls.Planned,
            title=require_text(title, "title", max_length=500),
            provider=require_text(provider, "provider"),
            mode=parse_enum(ProgrammeMode, mode, "mode").value,
            serves=check_levels(serves, "serves"),
            hours=_whole(hours, "hours", 1, MAX_JP),
            starts_on=start,
            ends_on=end,
            seats=_whole(seats, "seats", 1, MAX_SEATS),
        )

    def enroll(self, employee_id: UUID) -> None:
        """A seat for the employee: never more enrolled than seats."""
        who = _plain(employee_id)
        if who in self.enrolled:
            raise InvalidState("the employee is already enrolled", "employeeId")
        if len(self.enrolled) >= self.seats:
            raise InvalidState(f"all {self.seats} seats are taken", "programmeId")
        self.trigger_event(self.Enrolled, employee_id=who)

    def withdraw(self, employee_id: UUID, reason: str | None = None, *, completed: bool = False) -> None:
        """Frees the seat; a participant who completed cannot withdraw (`completed`, from the employee)."""
        who = _plain(employee_id)
        if who not in self.enrolled:
            raise InvalidState("the employee is not enrolled", "employeeId")
        if completed:
            raise InvalidState("the employee already completed the programme", "employeeId")
        self.trigger_event(
            self.Withdrawn, employee_id=who, reason=optional_text(reason, "reason", max_length=1000)
        )

    def check_completion(self, employee_id: UUID, completed_on: date) -> None:
        """An enrolled participant completes on or after the programme's start."""
        if _plain(employee_id) not in self.enrolled:
            raise InvalidState("only an enrolled participant completes a programme", "employeeId")
        if require_date(completed_on, "completedOn") < self.starts_on:
            raise InvalidInput(f"the programme starts on {self.starts_on}", "completedOn")

    def evaluate(
        self, *, employee_id: UUID, completed_on: date | None, evaluated_on: date, evaluator: str,
        ratings: dict[str, int], note: str | None = None,
    ) -> None:  # fmt: skip
        """The change at work after the programme, rated 1-4 for each competency it serves (all of them);
        only for a participant who completed (`completed_on`, from the employee), once, after completing."""
        who, day = _plain(employee_id), require_date(evaluated_on, "evaluatedOn")
        if completed_on is None:
            raise InvalidState("an evaluation comes after the participant's completion", "employeeId")
        if day < completed_on:
            raise InvalidInput(f"the participant completed on {completed_on}", "evaluatedOn")
        if who in self.evaluated:
            raise InvalidState("the participant's evaluation is already recorded", "employeeId")
        if not isinstance(ratings, dict) or set(ratings) != set(self.serves):
            raise InvalidInput(f"rate each competency served: {', '.join(sorted(self.serves))}", "ratings")
        rated = {code: _whole(r, "ratings", RATINGS.start, RATINGS.stop - 1) for code, r in ratings.items()}
        self.trigger_event(
            self.Evaluated, employee_id=who, evaluated_on=day, evaluator=require_text(evaluator, "evaluator"),
            ratings=dict(sorted(rated.items())), note=optional_text(note, "note", max_length=2000),
        )  # fmt: skip
