"""`PerformancePlan`: one employee's appraisal period (a calendar year), from planning to the final rating.

PermenPANRB 6/2022: targets agreed with the appraiser, periodic reviews (monthly or quarterly, and the
six-monthly review some agencies hold) with the notes of the performance dialogue, 360° feedback on the
BerAKHLAK values, the annual rating from the same two-rating matrix, and an objection to the appraiser's
superior within 14 days (PP 30/2019), whose decision is final. A pre-2022 numeric SKP is the other way a
year's stream starts (`record_historical`), so imports carry it.

One stream per employee and year: its id is derived (`plan_id`), so a second plan for the same year
collides with the first instead of living beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain import performance_rules as rules
from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text, require_uuid
from riwayat.domain.errors import DuplicateAppraisal, InvalidInput, InvalidState
from riwayat.domain.nip import Nip
from riwayat.domain.performance_rules import (
    DuplicateFeedback,
    DuplicateReview,
    OutsidePeriod,
    SelfFeedback,
)
from riwayat.domain.performance_steps import (
    HistoricalAppraisal,
    ObjectionSteps,
    feedback_period,
    plan_id,
    plan_year,
    ratings,
)

__all__ = ["PerformancePlan", "plan_id"]


class PerformancePlan(HistoricalAppraisal, ObjectionSteps, Aggregate):
    """State is plain values, as in the events. `annual` is the rating in force (corrected or not)."""

    class Opened(Aggregate.Created):
        employee_id: UUID
        employee_nip: str
        year: int
        appraiser: str
        superior: str
        cadence: str
        targets: list[dict[str, str]]

        def apply(self, plan: Any) -> None:
            plan.employee_id, plan.employee_nip, plan.year = self.employee_id, self.employee_nip, self.year
            plan.appraiser, plan.superior, plan.cadence = self.appraiser, self.superior, self.cadence
            plan.targets, plan.historical = list(self.targets), None
            plan.reviews, plan.feedback = {}, set()
            plan.annual = plan.objection = plan.coaching_grounds = None

    class HistoricalRecorded(Aggregate.Created):
        employee_id: UUID
        employee_nip: str
        year: int
        score: str  # a decimal as text: events carry no floats
        band: str
        predikat: str
        appraiser: str | None

        def apply(self, plan: Any) -> None:
            plan.employee_id, plan.employee_nip, plan.year = self.employee_id, self.employee_nip, self.year
            plan.appraiser, plan.superior, plan.cadence, plan.targets = self.appraiser, None, None, []
            plan.historical = {"score": self.score, "band": self.band}
            plan.reviews, plan.feedback = {}, set()
            plan.annual = {"predikat": self.predikat, "rated_on": None}
            plan.objection = plan.coaching_grounds = None

    class TargetsRevised(Aggregate.Event):
        targets: list[dict[str, str]]
        reason: str
        revised_on: date

        def apply(self, plan: Any) -> None:
            plan.targets = list(self.targets)

    class ReviewRecorded(Aggregate.Event):
        period: str
        work_result: str
        behaviour: str
        predikat: str
        reviewed_on: date
        dialogue_notes: str | None

        def apply(self, plan: Any) -> None:
            plan.reviews[self.period] = self.predikat

    class FeedbackGiven(Aggregate.Event):
        giver_nip: str
        role: str
        period: str
        scores: dict[str, int]
        comment: str | None

        def apply(self, plan: Any) -> None:
            plan.feedback.add((self.giver_nip, self.period))

    class AnnualRated(Aggregate.Event):
        employee_id: UUID
        year: int
        work_result: str
        behaviour: str
        predikat: str
        rated_on: date
        appraiser: str

        def apply(self, plan: Any) -> None:
            plan.annual = {"predikat": self.predikat, "rated_on": self.rated_on}

    class ObjectionFiled(Aggregate.Event):
        filed_on: date
        reason: str

        def apply(self, plan: Any) -> None:
            plan.objection = {"filed_on": self.filed_on, "decision": None}

    class ObjectionDecided(Aggregate.Event):
        employee_id: UUID
        year: int
        decision: str
        decider: str
        decided_on: date
        note: str | None
        previous_predikat: str
        # The corrected rating when UPHELD, else None.
        work_result: str | None
        behaviour: str | None
        predikat: str | None

        def apply(self, plan: Any) -> None:
            plan.objection["decision"] = self.decision
            if self.predikat is not None:
                plan.annual = dict(plan.annual, predikat=self.predikat)

    class CoachingNeeded(Aggregate.Event):
        employee_id: UUID
        year: int
        grounds: str

        def apply(self, plan: Any) -> None:
            plan.coaching_grounds = self.grounds

    class CoachingNoLongerNeeded(Aggregate.Event):
        """An upheld objection lifted the only weak result the grounds rested on."""

        employee_id: UUID
        year: int

        def apply(self, plan: Any) -> None:
            plan.coaching_grounds = None

    # ---- starting a year --------------------------------------------------------------------------

    @classmethod
    def open(
        cls, *, employee_id: UUID, employee_nip: str, year: int, appraiser: str, superior: str,
        cadence: rules.ReviewCadence | str, targets: list[Any],
    ) -> PerformancePlan:  # fmt: skip
        """Planning: the appraiser, the appraiser's superior and the agreed targets."""
        employee = require_uuid(employee_id, "employeeId")
        year = plan_year(year)
        who, above = rules.official(appraiser, "appraiser"), rules.official(superior, "superior")
        if employee_nip in (who, above):
            raise InvalidInput("an employee can be neither their own appraiser nor its superior", "appraiser")
        if who == above and who != rules.REGIONAL_HEAD:
            raise InvalidInput("the appraiser's superior is someone other than the appraiser", "superior")
        return cls._create(
            cls.Opened,
            id=plan_id(employee, year),
            employee_id=employee,
            employee_nip=employee_nip,
            year=year,
            appraiser=who,
            superior=above,
            cadence=parse_enum(rules.ReviewCadence, cadence, "cadence").value,
            targets=rules.targets(targets),
        )

    # ---- during the year ----------------------------------------------------------------------------

    @property
    def period_end(self) -> date:
        return date(self.year, 12, 31)

    def _require_open(self, field: str) -> None:
        if self.historical is not None:
            raise InvalidState("a historical appraisal has no plan to change", field)
        if self.annual is not None:
            raise InvalidState(f"the {self.year} annual rating is given: the plan is closed", field)

    def _in_year(self, day: object, field: str) -> date:
        value = require_date(day, field)
        if value.year != self.year:
            raise OutsidePeriod(f"{field} {value} is outside the {self.year} appraisal period", field)
        return value

    def revise_targets(self, targets: list[Any], reason: str, revised_on: date) -> None:
        """Targets change with the work, before the period ends, and always with a reason."""
        self._require_open("targets")
        day = self._in_year(revised_on, "revisedOn")
        self.trigger_event(
            self.TargetsRevised,
            targets=rules.targets(targets),
            reason=require_text(reason, "reason", max_length=1000),
            revised_on=day,
        )

    def record_review(
        self, *, kind: str, number: int, work_result: object, behaviour: object, reviewed_on: date,
        dialogue_notes: str | None = None,
    ) -> None:  # fmt: skip
        """A periodic evaluation: the same matrix as the annual rating, for one month, quarter or half."""
        self._require_open("period")
        code = rules.period_code(str(kind).upper(), number, self.cadence)
        day = self._in_year(reviewed_on, "reviewedOn")
        if day < rules.period_start(code, self.year):
            raise OutsidePeriod(f"{code} {self.year} has not begun on {day}", "reviewedOn")
        if code in self.reviews:
            raise DuplicateReview(f"{code} {self.year} is already reviewed", "period")
        rated = ratings(work_result, behaviour)
        notes = optional_text(dialogue_notes, "dialogueNotes", max_length=5000)
        self.trigger_event(self.ReviewRecorded, period=code, reviewed_on=day, dialogue_notes=notes, **rated)
        weak_neighbour = any(self.reviews.get(n) in rules.WEAK for n in rules.neighbours(code))
        if rated["predikat"] in rules.WEAK and weak_neighbour:
            self._needs_coaching(rules.CoachingGrounds.WEAK_PERIODS)

    def give_feedback(
        self, *, giver_nip: str, role: object, scores: object, period: str | None = None,
        comment: str | None = None,
    ) -> None:  # fmt: skip
        """360° feedback from a superior, peer or subordinate; once per giver and period, never on oneself."""
        self._require_open("giverNip")
        giver = Nip.parse(giver_nip, field="giverNip").digits
        if giver == self.employee_nip:
            raise SelfFeedback("nobody gives feedback on themselves", "giverNip")
        code = "YEAR" if period is None else feedback_period(period, self.cadence)
        if (giver, code) in self.feedback:
            raise DuplicateFeedback(f"this giver has given feedback for {code} {self.year}", "giverNip")
        self.trigger_event(
            self.FeedbackGiven,
            giver_nip=giver,
            role=parse_enum(rules.FeedbackRole, role, "role").value,
            period=code,
            scores=rules.scores(scores),
            comment=optional_text(comment, "comment", max_length=2000),
        )

    # ---- the annual rating and the objection ------------------------------------------------------

    def rate_annual(self, *, work_result: object, behaviour: object, rated_on: date, appraiser: str) -> None:
        """The annual evaluation, by the plan's appraiser, at the end of the year or in the next one."""
        if self.annual is not None:
            raise DuplicateAppraisal(f"the {self.year} SKP is already recorded", "year")
        day = require_date(rated_on, "ratedOn")
        if day < date(self.year, 1, 1):
            raise OutsidePeriod(f"the {self.year} rating cannot be given on {day}", "ratedOn")
        who = rules.official(appraiser, "appraiserNip")
        if who != self.appraiser:
            raise InvalidInput(f"the plan's appraiser is {self.appraiser}", "appraiserNip")
        rated = ratings(work_result, behaviour)
        fields = dict(employee_id=self.employee_id, year=self.year, rated_on=day, appraiser=who, **rated)
        self.trigger_event(self.AnnualRated, **fields)
        if rated["predikat"] in rules.WEAK:
            self._needs_coaching(rules.CoachingGrounds.WEAK_ANNUAL)

    def _needs_coaching(self, grounds: rules.CoachingGrounds) -> None:
        if self.coaching_grounds is None:
            self.trigger_event(
                self.CoachingNeeded, employee_id=self.employee_id, year=self.year, grounds=grounds.value
            )

    @property
    def predikat(self) -> str | None:
        """The annual predikat in force: the corrected one after an upheld objection."""
        return None if self.annual is None else self.annual["predikat"]
