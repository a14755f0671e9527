"""The levels held now: the latest assessment of each competency of each employee, kept at write time, so a
unit's gaps are one join of its people to their standards and one GROUP BY, instead of a DISTINCT ON over
every assessment ever made.

One row per competency record (the stream, one per employee): the date of the employee's latest assessment
(it picks the standard version their gaps are judged against), and two JSON objects: competency -> date
of the assessment that counts (what the handler compares a back-dated one with) and competency -> level
held. One row per employee rather than per (employee, competency): the unit query reads the level with
`levels::jsonb ->> competency` and needs no second join (whose
estimate let the planner choose a nested loop of 20,000 index probes). The rule is the domain's
(`CompetencyRecord.Assessed.apply`): a later or same-day assessment replaces the held level. The table
answers "as of today"; a day before some assessment is judged from the history (`competency_gaps`)."""

from __future__ import annotations

import json
from uuid import UUID

from riwayat.domain.competency_record import CompetencyRecord
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

LATEST = Table(
    "competency_latest",
    (("record_id", "uuid"), ("employee_id", "uuid NOT NULL"), ("last_assessed_on", "date NOT NULL"),
     ("assessed_on", "text NOT NULL"), ("levels", "text NOT NULL")),
    key=("record_id",),
    indexes=(("employee_idx", "(employee_id) INCLUDE (last_assessed_on)"),),
)  # fmt: skip


class CompetencyHeld(Projection):
    name = "competency_held"
    version = 1
    tables = (LATEST,)

    @handles(CompetencyRecord.Assessed, reads=LATEST)
    def assessed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        day = stored.day(d["assessed_on"])
        row = w.get(LATEST, (stream_id,))
        dates: dict[str, str] = json.loads(row["assessed_on"]) if row else {}
        levels: dict[str, int] = json.loads(row["levels"]) if row else {}
        on = day.isoformat()
        for code, level in d["levels"].items():
            if dates.get(code, "") <= on:  # else back-dated: a later assessment of it is held
                dates[code], levels[code] = on, level
        w.put(LATEST, {"record_id": stream_id, "employee_id": stored.uuid(d["employee_id"]),
                       "last_assessed_on": max(row["last_assessed_on"], day) if row else day,
                       "assessed_on": json.dumps(dates, sort_keys=True),
                       "levels": json.dumps(levels, sort_keys=True)})  # fmt: skip
