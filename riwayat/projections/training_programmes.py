"""Training programmes: what each serves, who enrolled, withdrew and completed (the employee's
TrainingCompleted naming the programme), and the evaluations after it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.training_programme import TrainingProgramme
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

PROGRAMMES = Table(
    "training_programmes",
    (("id", "uuid"), ("title", "text NOT NULL"), ("provider", "text NOT NULL"), ("mode", "text NOT NULL"),
     ("hours", "integer NOT NULL"), ("starts_on", "date NOT NULL"), ("ends_on", "date NOT NULL"),
     ("seats", "integer NOT NULL")),
    key=("id",),
    indexes=(("start_idx", "(starts_on, id)"),),
)  # fmt: skip
SERVES = Table(
    "programme_competencies",
    (("programme_id", "uuid"), ("competency", "text"), ("target", "integer NOT NULL")),
    key=("programme_id", "competency"),
)
ENROLMENTS = Table(
    "programme_enrolments",
    (
        ("programme_id", "uuid"),
        ("employee_id", "uuid"),
        ("status", "text NOT NULL"),
        ("completed_on", "date"),
    ),
    key=("programme_id", "employee_id"),
    indexes=(("employee_idx", "(employee_id)"),),
)
EVALUATIONS = Table(
    "programme_evaluations",
    (("programme_id", "uuid"), ("employee_id", "uuid"), ("competency", "text"),
     ("rating", "integer NOT NULL"), ("evaluated_on", "date NOT NULL")),
    key=("programme_id", "employee_id", "competency"),
)  # fmt: skip


class TrainingProgrammes(Projection):
    name = "training_programmes"
    version = 1
    tables = (PROGRAMMES, SERVES, ENROLMENTS, EVALUATIONS)

    @handles(TrainingProgramme.Planned)
    def planned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.put(PROGRAMMES, {
            "id": stream_id, "title": d["title"], "provider": d["provider"], "mode": d["mode"],
            "hours": d["hours"], "starts_on": stored.day(d["starts_on"]), "ends_on": stored.day(d["ends_on"]),
            "seats": d["seats"],
        })  # fmt: skip
        for code, target in d["serves"].items():
            w.put(SERVES, {"programme_id": stream_id, "competency": code, "target": target})

    @handles(TrainingProgramme.Enrolled, TrainingProgramme.Withdrawn)
    def enrolment(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        status = "WITHDRAWN" if "reason" in d else "ENROLLED"
        w.put(ENROLMENTS, {"programme_id": stream_id, "employee_id": stored.uuid(d["employee_id"]),
                           "status": status, "completed_on": None})  # fmt: skip

    @handles(Employee.TrainingCompleted)
    def completed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        if d.get("programme_id") is not None:
            key = (stored.uuid(d["programme_id"]), stream_id)
            w.update(ENROLMENTS, key, {"status": "COMPLETED", "completed_on": stored.day(d["effective_on"])})

    @handles(TrainingProgramme.Evaluated)
    def evaluated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        who, day = stored.uuid(d["employee_id"]), stored.day(d["evaluated_on"])
        for code, rating in d["ratings"].items():
            w.put(EVALUATIONS, {"programme_id": stream_id, "employee_id": who, "competency": code,
                                "rating": rating, "evaluated_on": day})  # fmt: skip


async def programme(pool_or_con: Any, schema: str, programme_id: UUID) -> Any:
    return await pool_or_con.fetchrow(
        f"SELECT * FROM {schema}.training_programmes WHERE id = $1", programme_id
    )


async def programmes(pool_or_con: Any, schema: str, year: int | None = None) -> list[Any]:
    return await pool_or_con.fetch(
        f"SELECT * FROM {schema}.training_programmes"
        " WHERE $1::int IS NULL OR extract(year FROM starts_on) = $1 ORDER BY starts_on, title, id",
        year,
    )


async def serves(pool_or_con: Any, schema: str, programme_id: UUID) -> dict[str, int]:
    rows = await pool_or_con.fetch(
        f"SELECT competency, target FROM {schema}.programme_competencies WHERE programme_id = $1"
        " ORDER BY competency",
        programme_id,
    )
    return {r["competency"]: r["target"] for r in rows}


async def enrolments(pool_or_con: Any, schema: str, programme_id: UUID) -> list[Any]:
    return await pool_or_con.fetch(
        f"SELECT employee_id, status, completed_on FROM {schema}.programme_enrolments WHERE programme_id = $1"
        " ORDER BY employee_id",
        programme_id,
    )


async def evaluations(pool_or_con: Any, schema: str, programme_id: UUID) -> list[Any]:
    return await pool_or_con.fetch(
        f"SELECT employee_id, competency, rating FROM {schema}.programme_evaluations WHERE programme_id = $1",
        programme_id,
    )
