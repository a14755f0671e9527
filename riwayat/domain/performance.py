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

from datetime import date, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain import performance_rules as rules
from riwayat.domain.appraisal import predikat
from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text, require_uuid
from riwayat.domain.employee_rules import check_appraisal_year
from riwayat.domain.enums import Expectation
from riwayat.domain.errors import DuplicateAppraisal, InvalidInput, InvalidState
from riwayat.domain.nip import Nip
from riwayat.domain.performance_rules import (
    DuplicateFeedback,
    DuplicateReview,
    NotAppraisersSuperior,
    ObjectionTooLate,
    OutsidePeriod,
    SelfFeedback,
)

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/performance-plan")


def plan_id(employee_id: UUID, year: int) -> UUID:
    """The stream id of an employee's plan for a year: the same inputs always give the same id."""
    return uuid5(_NAMESPACE, f"{employee_id}:{year}")


def _ratings(work_result: object, behaviour: object) -> dict[str, str]:
    work = parse_enum(Expectation, work_result, "workResult")
    conduct = parse_enum(Expectation, behaviour, "behaviour")
    return {"work_result": work.value, "behaviour": conduct.value, "predikat": predikat(work, conduct).value}


class PerformancePlan(Aggregate):
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
        year = _plan_year(year)
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

    @classmethod
    def record_historical(
        cls, *, employee_id: UUID, employee_nip: str, year: int, score: object, appraiser: str | None = None
    ) -> PerformancePlan:
        """A pre-2022 numeric SKP (PP 46/2011), with its band and the predikat it counts as."""
        employee = require_uuid(employee_id, "employeeId")
        year = check_appraisal_year(year)
        low, high = rules.PP46_YEARS
        if not low <= year <= high:
            raise InvalidInput(f"a numeric SKP is of {low}-{high}; later years use the two ratings", "year")
        value = rules.pp46_score(score)
        band = rules.pp46_band(value)
        who = None if appraiser is None else rules.official(appraiser, "appraiserNip")
        if who == employee_nip:
            raise InvalidInput("an employee cannot appraise themselves", "appraiserNip")
        return cls._create(
            cls.HistoricalRecorded,
            id=plan_id(employee, year),
            employee_id=employee,
            employee_nip=employee_nip,
            year=year,
            score=str(value),
            band=band.name,
            predikat=band.predikat,
            appraiser=who,
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
        rated = _ratings(work_result, behaviour)
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
        code = "YEAR" if period is None else _feedback_period(period, self.cadence)
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
        rated = _ratings(work_result, behaviour)
        fields = dict(employee_id=self.employee_id, year=self.year, rated_on=day, appraiser=who, **rated)
        self.trigger_event(self.AnnualRated, **fields)
        if rated["predikat"] in rules.WEAK:
            self._needs_coaching(rules.CoachingGrounds.WEAK_ANNUAL)

    def file_objection(self, *, filed_on: date, reason: str) -> None:
        """Keberatan: the employee objects to the annual rating within 14 days (PP 30/2019)."""
        if self.annual is None or self.annual["rated_on"] is None:
            raise InvalidState("only a given annual rating can be objected to", "planId")
        if self.objection is not None:
            raise InvalidState("an objection to this rating is already filed", "planId")
        day = require_date(filed_on, "filedOn")
        rated_on = self.annual["rated_on"]
        if day < rated_on:
            raise InvalidInput(f"an objection follows the rating of {rated_on}", "filedOn")
        if day > rated_on + timedelta(days=rules.OBJECTION_DAYS):
            limit = rated_on + timedelta(days=rules.OBJECTION_DAYS)
            raise ObjectionTooLate(f"the objection period ended on {limit}", "filedOn")
        self.trigger_event(
            self.ObjectionFiled, filed_on=day, reason=require_text(reason, "reason", max_length=5000)
        )

    def decide_objection(
        self, *, decider: str, decision: object, decided_on: date, work_result: object = None,
        behaviour: object = None, note: str | None = None,
    ) -> None:  # fmt: skip
        """The appraiser's superior decides, finally: upheld with the corrected rating, or rejected."""
        if self.objection is None or self.objection["decision"] is not None:
            raise InvalidState("there is no undecided objection", "planId")
        who = rules.official(decider, "deciderNip")
        if who != self.superior:
            raise NotAppraisersSuperior("only the appraiser's superior decides the objection", "deciderNip")
        day = require_date(decided_on, "decidedOn")
        if day < self.objection["filed_on"]:
            raise InvalidInput("a decision follows the objection", "decidedOn")
        verdict = parse_enum(rules.ObjectionDecision, decision, "decision")
        corrected: dict[str, Any] = {"work_result": None, "behaviour": None, "predikat": None}
        if verdict is rules.ObjectionDecision.UPHELD:
            if work_result is None or behaviour is None:
                raise InvalidInput("an upheld objection gives the corrected ratings", "workResult")
            corrected = _ratings(work_result, behaviour)
        elif work_result is not None or behaviour is not None:
            raise InvalidInput("a rejected objection leaves the rating as it was", "workResult")
        self.trigger_event(
            self.ObjectionDecided,
            employee_id=self.employee_id,
            year=self.year,
            decision=verdict.value,
            decider=who,
            decided_on=day,
            note=optional_text(note, "note", max_length=5000),
            previous_predikat=self.annual["predikat"],
            **corrected,
        )
        if corrected["predikat"] in rules.WEAK:
            self._needs_coaching(rules.CoachingGrounds.WEAK_ANNUAL)
        elif corrected["predikat"] is not None and self.coaching_grounds == rules.CoachingGrounds.WEAK_ANNUAL:
            # WEAK_ANNUAL grounds mean no two weak periods ran (those would have been the grounds first):
            # with the weak annual corrected away, nothing is left to coach.
            self.trigger_event(self.CoachingNoLongerNeeded, employee_id=self.employee_id, year=self.year)

    def _needs_coaching(self, grounds: rules.CoachingGrounds) -> None:
        if self.coaching_grounds is None:
            self.trigger_event(
                self.CoachingNeeded, employee_id=self.employee_id, year=self.year, grounds=grounds.value
            )

    @property
    def predikat(self) -> str | None:
        """The annual predikat in force: the corrected one after an upheld objection."""
        return None if self.annual is None else self.annual["predikat"]


def _plan_year(year: object) -> int:
    year = check_appraisal_year(year)
    if year < rules.SKP_2022_FROM:
        raise InvalidInput(
            f"plans start with the {rules.SKP_2022_FROM} SKP; record older years as historical", "year"
        )
    return year


def _feedback_period(period: str, cadence: str) -> str:
    """A review period code ("Q2", "M05", "H1") that fits the plan's cadence, or "YEAR"."""
    text = str(period).strip().upper()
    if text == "YEAR":
        return text
    kinds = {"Q": "QUARTER", "M": "MONTH", "H": "HALF"}
    if len(text) < 2 or text[0] not in kinds or not text[1:].isdigit():
        raise InvalidInput("a period is YEAR, Q1-Q4, M01-M12 or H1-H2", "period")
    return rules.period_code(kinds[text[0]], int(text[1:]), cadence)
