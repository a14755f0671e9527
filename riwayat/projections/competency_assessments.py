"""Every competency assessment, one row per assessed competency: the latest per competency is the level held
(`held`), the earlier ones are the "before" of a training programme's impact."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.competency_record import CompetencyRecord
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

ASSESSMENTS = Table(
    "competency_assessments",
    (("employee_id", "uuid"), ("seq", "integer"), ("competency", "text"), ("assessed_on", "date NOT NULL"),
     ("level", "integer NOT NULL"), ("method", "text NOT NULL")),
    key=("employee_id", "seq", "competency"),
    indexes=(("latest_idx", "(employee_id, competency, assessed_on DESC, seq DESC)"),),
)  # fmt: skip


class CompetencyAssessments(Projection):
    name = "competency_assessments"
    version = 1
    tables = (ASSESSMENTS,)

    @handles(CompetencyRecord.Assessed)
    def assessed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        who, day = stored.uuid(d["employee_id"]), stored.day(d["assessed_on"])
        for code, level in d["levels"].items():
            w.put(ASSESSMENTS, {"employee_id": who, "seq": version, "competency": code, "assessed_on": day,
                                "level": level, "method": d["method"]})  # fmt: skip


async def assessments_of(pool_or_con: Any, schema: str, employee_ids: list[UUID]) -> list[Any]:
    """(employee_id, competency, assessed_on, level), oldest first: each employee's history."""
    where, key = keyed.match("employee_id", employee_ids, "uuid")
    return await pool_or_con.fetch(
        f"SELECT employee_id, competency, assessed_on, level FROM {schema}.competency_assessments"
        f" WHERE {where} ORDER BY employee_id, assessed_on, seq",
        key,
    )


def held_on(history: list[Any], on: date | None = None) -> dict[str, tuple[date, int]]:
    """competency -> (date, level) of the latest assessment on or before `on` (all, without a date)."""
    held: dict[str, tuple[date, int]] = {}
    for r in history:
        if on is None or r["assessed_on"] <= on:
            held[r["competency"]] = (r["assessed_on"], r["level"])
    return held
