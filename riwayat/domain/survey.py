"""`SatisfactionSurvey`: a unit's public satisfaction survey (SKM, PermenPANRB 14/2017) for one service.

Nine elements, each answered 1–4 (`ELEMENTS`). A respondent is never named: the demographics are coarse
bands, all optional. The survey records the population served, from which the minimum sample follows by
the Krejcie–Morgan table (`krejcie_morgan`), unless the tenant sets its own minimum. The index itself is
arithmetic over the answers (`riwayat.domain.ikm`), computed on the read side.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import parse_enum, require_date, require_text, require_uuid
from riwayat.domain.errors import InvalidInput
from riwayat.domain.ikm import ELEMENTS, krejcie_morgan


class AgeBand(StrEnum):
    UNDER_20 = "UNDER_20"
    FROM_20_TO_29 = "FROM_20_TO_29"
    FROM_30_TO_39 = "FROM_30_TO_39"
    FROM_40_TO_49 = "FROM_40_TO_49"
    FROM_50_TO_59 = "FROM_50_TO_59"
    FROM_60 = "FROM_60"


class Sex(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"


class Education(StrEnum):
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    DIPLOMA = "DIPLOMA"
    S1 = "S1"
    S2_OR_HIGHER = "S2_OR_HIGHER"


def check_answers(answers: object) -> list[int]:
    """Nine integers, each 1–4, in the order of `ELEMENTS`."""
    if not isinstance(answers, list | tuple) or len(answers) != len(ELEMENTS):
        raise InvalidInput(f"answers are {len(ELEMENTS)} values, one per element", "answers")
    for i, a in enumerate(answers):
        if not isinstance(a, int) or isinstance(a, bool) or not 1 <= a <= 4:
            raise InvalidInput(f"answer {i + 1} ({ELEMENTS[i]}) must be 1–4, not {a!r}", "answers")
    return list(answers)


def _optional(enum_cls: Any, value: object, field: str) -> str | None:
    return None if value is None or value == "" else parse_enum(enum_cls, value, field).value


class SatisfactionSurvey(Aggregate):
    class Opened(Aggregate.Created):
        unit_id: UUID
        service: str
        population_served: int
        minimum_sample: int

        def apply(self, s: Any) -> None:
            s.unit_id, s.service = self.unit_id, self.service
            s.population_served, s.minimum_sample, s.respondents = (
                self.population_served,
                self.minimum_sample,
                0,
            )

    class ResponseRecorded(Aggregate.Event):
        responded_on: date
        answers: list[int]
        age_band: str | None
        sex: str | None
        education: str | None

        def apply(self, s: Any) -> None:
            s.respondents += 1

    @classmethod
    def open(
        cls, *, unit_id: UUID, service: str, population_served: int, minimum_sample: int | None = None
    ) -> SatisfactionSurvey:
        if not isinstance(population_served, int) or not 1 <= population_served <= 100_000_000:
            raise InvalidInput("populationServed is 1–100,000,000 people", "populationServed")
        if minimum_sample is None:
            minimum_sample = krejcie_morgan(population_served)
        elif not isinstance(minimum_sample, int) or not 1 <= minimum_sample <= population_served:
            raise InvalidInput("minimumSample is 1 to the population served", "minimumSample")
        return cls._create(
            cls.Opened,
            unit_id=require_uuid(unit_id, "unitId"),
            service=require_text(service, "service", max_length=200),
            population_served=population_served,
            minimum_sample=minimum_sample,
        )

    def record_response(
        self,
        *,
        responded_on: date,
        answers: list[int],
        age_band: str | None = None,
        sex: str | None = None,
        education: str | None = None,
    ) -> None:
        self.trigger_event(
            self.ResponseRecorded,
            responded_on=require_date(responded_on, "respondedOn"),
            answers=check_answers(answers),
            age_band=_optional(AgeBand, age_band, "ageBand"),
            sex=_optional(Sex, sex, "sex"),
            education=_optional(Education, education, "education"),
        )
