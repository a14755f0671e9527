"""The catalogue: every projection, once, and what needs only the list — the inline projector the store
runs, the tables a new tenant gets, which projections are stale, and their status.

A new projection is one line in `ALL_PROJECTIONS`. Rebuilding (and the start-up rebuild of stale
projections, `riwayat.projections.startup`) imports this module; this module imports neither."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import asyncpg

from riwayat.projections.appraisals import Appraisals
from riwayat.projections.awards import Awards
from riwayat.projections.base import InlineProjector, Projection, set_checkpoint
from riwayat.projections.coaching import Coaching
from riwayat.projections.competency_assessments import CompetencyAssessments
from riwayat.projections.competency_held import CompetencyHeld
from riwayat.projections.competency_standards import CompetencyStandards
from riwayat.projections.complaints import Complaints

# careers (issue 14)
from riwayat.projections.contracts import Contracts
from riwayat.projections.education import Education
from riwayat.projections.employees import Employees
from riwayat.projections.forums import Forums
from riwayat.projections.holiday_calendars import HolidayCalendars
from riwayat.projections.leave import Leave
from riwayat.projections.org_units import OrgUnits
from riwayat.projections.performance_plans import PerformancePlans
from riwayat.projections.positions import Positions
from riwayat.projections.promotion import Promotion
from riwayat.projections.retirements import Retirements
from riwayat.projections.salary_steps import SalarySteps
from riwayat.projections.surveys import Surveys
from riwayat.projections.training_hours import TrainingHours
from riwayat.projections.training_programmes import TrainingProgrammes

if TYPE_CHECKING:
    from riwayat.infra.codec import EventCodec

# Each projection reads only events and writes only its own tables, so any order works.
ALL_PROJECTIONS: tuple[Projection, ...] = (
    OrgUnits(), Employees(), TrainingHours(), Appraisals(), Complaints(), Promotion(),
    Positions(), Education(), Contracts(), SalarySteps(), Retirements(),  # careers (issue 14)
    HolidayCalendars(), Surveys(), Forums(),  # public voice
    PerformancePlans(), Coaching(), Awards(),  # the performance cycle
    CompetencyStandards(), CompetencyAssessments(), TrainingProgrammes(),  # competency (issue 15)
    Leave(),  # leave and self-service (issue 17)
    CompetencyHeld(),  # the levels held now (issue 15's unit gaps)
)  # fmt: skip
BY_NAME: dict[str, Projection] = {p.name: p for p in ALL_PROJECTIONS}


class UnknownProjection(ValueError):
    """A projection name that is not in `ALL_PROJECTIONS`."""


def select(names: Iterable[str] | None) -> list[Projection]:
    """The projections named (all when None), in `ALL_PROJECTIONS` order."""
    if names is None:
        return list(ALL_PROJECTIONS)
    wanted = set(names)
    unknown = sorted(wanted - BY_NAME.keys())
    if unknown:
        raise UnknownProjection(f"unknown projection {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    return [p for p in ALL_PROJECTIONS if p.name in wanted]


def make_projector(codec: EventCodec) -> InlineProjector:
    """The inline projector, given to the event store when it is built (with the store's codec)."""
    return InlineProjector(ALL_PROJECTIONS, codec)


async def provision(con: asyncpg.Connection, schema: str) -> None:
    """A `TenantRegistry` provisioner: every projection's tables, and a checkpoint for each that lacks one.

    A new checkpoint is current (position = head, code version) only when the tenant has no events yet;
    a projection added to a tenant with history starts at version 0 — stale — so
    `startup.ensure_current` rebuilds it (the inline projector moves positions but never the version)."""
    async with con.transaction():
        for projection in ALL_PROJECTIONS:
            await projection.create_tables(con, schema)
        head = await con.fetchval(f"SELECT position FROM {schema}.head")
        known = {r["name"] for r in await con.fetch(f"SELECT name FROM {schema}.projection_checkpoints")}
        missing = [p for p in ALL_PROJECTIONS if p.name not in known]
        if missing:
            await set_checkpoint(con, schema, missing, head if head == 0 else 0, version=head == 0)
            # the rows every append looks at: planned on what they are (migration 0007 says why)
            await con.execute(f"ANALYZE {schema}.projection_checkpoints")


async def stale(pool_or_con: Any, schema: str) -> list[str]:
    """The projections whose recorded version is not their code's version."""
    rows = await pool_or_con.fetch(f"SELECT name, version FROM {schema}.projection_checkpoints")
    recorded = {r["name"]: r["version"] for r in rows}
    return [p.name for p in ALL_PROJECTIONS if recorded.get(p.name) != p.version]


def checkpoints(schema: str) -> str:
    """The head's position (`head`) with each checkpoint's name and position, in one snapshot (read apart,
    a write committed between the two reads showed as a lag of -1). A NULL position is "at the head"
    (`base.move_checkpoints`): read as the head's. No checkpoints: one row, its name NULL."""
    return (
        f"SELECT h.position AS head, c.name, coalesce(c.position, h.position) AS position"
        f" FROM {schema}.head h LEFT JOIN {schema}.projection_checkpoints c ON true"
    )


@dataclass(frozen=True)
class ProjectionStatusRow:
    name: str
    position: int
    lag: int


async def projection_status(pool_or_con: Any, schema: str) -> list[ProjectionStatusRow]:
    """Each projection's checkpoint and how far it is behind the tenant's head (0 when current)."""
    return status_of(await pool_or_con.fetch(checkpoints(schema)))


def status_of(rows: list) -> list[ProjectionStatusRow]:
    """`projection_status` from the rows of `checkpoints`."""
    head = rows[0]["head"] if rows else 0
    positions = {r["name"]: r["position"] for r in rows if r["name"] is not None}
    return [
        ProjectionStatusRow(p.name, positions.get(p.name, 0), head - positions.get(p.name, 0))
        for p in ALL_PROJECTIONS
    ]
