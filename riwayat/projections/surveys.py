"""SKM surveys and their responses, and the sums the satisfaction index is computed from.

A response row keeps the nine answers as integers and the coarse demographics; the index of a period is
one aggregate query (counts and sums) and the exact arithmetic of `riwayat.domain.ikm`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.ikm import Index, satisfaction_index
from riwayat.domain.survey import SatisfactionSurvey
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

_ANSWERS = tuple(f"a{i}" for i in range(1, 10))
SURVEYS = Table(
    "skm_surveys",
    (("id", "uuid"), ("unit_id", "uuid NOT NULL"), ("service", "text NOT NULL"),
     ("population_served", "integer NOT NULL"), ("minimum_sample", "integer NOT NULL"),
     ("respondents", "integer NOT NULL"), ("version", "integer NOT NULL")),
    key=("id",),
    indexes=(("unit_idx", "(unit_id, service)"),),
)  # fmt: skip
RESPONSES = Table(
    "skm_responses",
    (("survey_id", "uuid"), ("seq", "integer"), ("responded_on", "date NOT NULL"),
     *((a, "smallint NOT NULL") for a in _ANSWERS),
     ("age_band", "text"), ("sex", "text"), ("education", "text")),
    key=("survey_id", "seq"),
    indexes=(("day_idx", "(survey_id, responded_on)"),),
)  # fmt: skip


@dataclass(frozen=True)
class SurveyRow:
    id: UUID
    unit_id: UUID
    service: str
    population_served: int
    minimum_sample: int
    respondents: int
    version: int


class Surveys(Projection):
    name = "surveys"
    version = 1
    tables = (SURVEYS, RESPONSES)

    @handles(SatisfactionSurvey.Opened)
    def satisfaction_survey_opened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "id": stream_id, "unit_id": stored.uuid(d["unit_id"]), "service": d["service"],
            "population_served": d["population_served"], "minimum_sample": d["minimum_sample"],
            "respondents": 0, "version": version,
        }  # fmt: skip
        w.put(SURVEYS, row)

    @handles(SatisfactionSurvey.ResponseRecorded)
    def satisfaction_survey_response_recorded(
        self, w: Writer, stream_id: UUID, version: int, d: Data
    ) -> None:
        row = {"survey_id": stream_id, "seq": version, "responded_on": stored.day(d["responded_on"])}
        row.update(zip(_ANSWERS, d["answers"], strict=True))
        row.update(age_band=d["age_band"], sex=d["sex"], education=d["education"])
        w.put(RESPONSES, row)
        w.update(SURVEYS, (stream_id,), {"version": version}, add={"respondents": 1})


_SURVEY_SELECT = "id, unit_id, service, population_served, minimum_sample, respondents, version"


async def surveys_of_unit(pool_or_con: Any, schema: str, unit_id: UUID) -> list[SurveyRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_SURVEY_SELECT} FROM {schema}.skm_surveys WHERE unit_id = $1 ORDER BY service", unit_id
    )
    return [SurveyRow(*r) for r in rows]


async def survey_by_id(pool_or_con: Any, schema: str, survey_id: UUID) -> SurveyRow | None:
    row = await pool_or_con.fetchrow(
        f"SELECT {_SURVEY_SELECT} FROM {schema}.skm_surveys WHERE id = $1", survey_id
    )
    return None if row is None else SurveyRow(*row)


@dataclass(frozen=True)
class PeriodIndex:
    survey: SurveyRow
    index: Index | None  # None: nobody answered in the period

    @property
    def sample_reached(self) -> bool:
        return self.index is not None and self.index.respondents >= self.survey.minimum_sample


async def satisfaction_in_period(
    pool_or_con: Any, schema: str, unit_id: UUID, service: str | None, start: date, end: date
) -> list[PeriodIndex]:
    """The index of each of the unit's surveys (of one service, or all) over responses in [start, end]."""
    sums = ", ".join(f"coalesce(sum(r.{a}), 0)::int" for a in _ANSWERS)
    rows = await pool_or_con.fetch(
        f"SELECT s.id, count(r.seq)::int AS n, {sums} FROM {schema}.skm_surveys s"
        f" LEFT JOIN {schema}.skm_responses r ON r.survey_id = s.id AND r.responded_on BETWEEN $3 AND $4"
        " WHERE s.unit_id = $1 AND ($2::text IS NULL OR s.service = $2) GROUP BY s.id",
        unit_id,
        service,
        start,
        end,
    )
    surveys = {s.id: s for s in await surveys_of_unit(pool_or_con, schema, unit_id)}
    return [
        PeriodIndex(surveys[r["id"]], satisfaction_index([r[i] for i in range(2, 11)], r["n"]))
        for r in sorted(rows, key=lambda r: surveys[r["id"]].service)
    ]
