"""Competency standards per catalogued position, every version (one row per version and competency), and
the tenant's technical competencies: what gaps are judged against."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from riwayat.domain.competency import CompetencyStandard
from riwayat.domain.competency_dictionary import TechnicalCompetency
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

STANDARDS = Table(
    "competency_standards",
    (
        ("position_id", "uuid"),
        ("effective_on", "date"),
        ("competency", "text"),
        ("level", "integer NOT NULL"),
    ),
    key=("position_id", "effective_on", "competency"),
)
TECHNICAL = Table(
    "technical_competencies",
    (
        ("code", "text"),
        ("name", "text NOT NULL"),
        ("job_family", "text NOT NULL"),
        ("levels", "text NOT NULL"),
    ),
    key=("code",),
)


class CompetencyStandards(Projection):
    name = "competency_standards"
    version = 1
    tables = (STANDARDS, TECHNICAL)

    @handles(CompetencyStandard.Set, CompetencyStandard.Revised)
    def standard_version(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        position, day = stored.uuid(d["position_id"]), stored.day(d["effective_on"])
        for code, level in d["levels"].items():
            w.put(
                STANDARDS, {"position_id": position, "effective_on": day, "competency": code, "level": level}
            )

    @handles(TechnicalCompetency.Defined)
    def technical_defined(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.put(TECHNICAL, {"code": d["code"], "name": d["name"], "job_family": d["job_family"],
                          "levels": json.dumps(list(d["levels"]))})  # fmt: skip


async def standard_versions(pool_or_con: Any, schema: str, position_id: UUID) -> dict[Any, dict[str, int]]:
    """effective date -> competency -> required level, oldest first."""
    rows = await pool_or_con.fetch(
        f"SELECT effective_on, competency, level FROM {schema}.competency_standards WHERE position_id = $1"
        " ORDER BY effective_on, competency",
        position_id,
    )
    versions: dict[Any, dict[str, int]] = {}
    for r in rows:
        versions.setdefault(r["effective_on"], {})[r["competency"]] = r["level"]
    return versions


async def technical_competencies(pool_or_con: Any, schema: str) -> list[Any]:
    return await pool_or_con.fetch(
        f"SELECT code, name, job_family, levels FROM {schema}.technical_competencies"
        " ORDER BY job_family, code"
    )
