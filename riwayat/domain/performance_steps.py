"""Parts of `PerformancePlan` kept beside it: the pure input rules its commands share, the historical
(pre-2022) appraisal that starts a year's stream instead of a plan, and the objection steps (PP 30/2019).

The events stay nested in `PerformancePlan` (their topics are stored data); the classes here are mixins
whose methods trigger them through `self`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from riwayat.domain import performance_rules as rules
from riwayat.domain.appraisal import predikat
from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text, require_uuid
from riwayat.domain.employee_rules import check_appraisal_year
from riwayat.domain.enums import Expectation
from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.performance_rules import NotAppraisersSuperior, ObjectionTooLate

_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/performance-plan")


def plan_id(employee_id: UUID, year: int) -> UUID:
    """The stream id of an employee's plan for a year: the same inputs always give the same id."""
    return uuid5(_NAMESPACE, f"{employee_id}:{year}")


def ratings(work_result: object, behaviour: object) -> dict[str, str]:
    work = parse_enum(Expectation, work_result, "workResult")
    conduct = parse_enum(Expectation, behaviour, "behaviour")
    return {"work_result": work.value, "behaviour": conduct.value, "predikat": predikat(work, conduct).value}


def plan_year(year: object) -> int:
    year = check_appraisal_year(year)
    if year < rules.SKP_2022_FROM:
        raise InvalidInput(
            f"plans start with the {rules.SKP_2022_FROM} SKP; record older years as historical", "year"
        )
    return year


def feedback_period(period: str, cadence: str) -> str:
    """A review period code ("Q2", "M05", "H1") that fits the plan's cadence, or "YEAR"."""
    text = str(period).strip().upper()
    if text == "YEAR":
        return text
    kinds = {"Q": "QUARTER", "M": "MONTH", "H": "HALF"}
    if len(text) < 2 or text[0] not in kinds or not text[1:].isdigit():
        raise InvalidInput("a period is YEAR, Q1-Q4, M01-M12 or H1-H2", "period")
    return rules.period_code(kinds[text[0]], int(text[1:]), cadence)


class HistoricalAppraisal:
    """`PerformancePlan.record_historical`: a numeric SKP recorded as the year's appraisal."""

    @classmethod
    def record_historical(
        cls, *, employee_id: UUID, employee_nip: str, year: int, score: object, appraiser: str | None = None
    ) -> Any:
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


class ObjectionSteps:
    """Keberatan against the annual rating, and its final decision by the appraiser's superior."""

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
            corrected = ratings(work_result, behaviour)
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
