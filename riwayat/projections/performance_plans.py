"""Performance plans as the appraiser and HR read them: the plan, its periodic reviews, its 360° feedback.

Feedback rows keep the giver's NIP: the GraphQL edge shows it to auditors and admins only, and the
summary the appraiser reads (`feedback_summary`) carries counts and averages, never a giver.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from riwayat.domain.performance import PerformancePlan
from riwayat.domain.performance_rules import BERAKHLAK
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

PLANS = Table(
    "performance_plans",
    (("id", "uuid"), ("employee_id", "uuid NOT NULL"), ("year", "integer NOT NULL"),
     ("appraiser", "text NOT NULL"), ("superior", "text NOT NULL"), ("cadence", "text NOT NULL"),
     ("targets", "text NOT NULL"), ("revisions", "integer NOT NULL"), ("predikat", "text"),
     ("rated_on", "date"), ("objection", "text"), ("objection_filed_on", "date"),
     ("coaching_grounds", "text"), ("version", "integer NOT NULL")),
    key=("id",),
    indexes=(("employee_idx", "(employee_id, year)"), ("coaching_idx", "(coaching_grounds)")),
)  # fmt: skip
REVIEWS = Table(
    "performance_reviews",
    (("plan_id", "uuid"), ("period", "text"), ("work_result", "text NOT NULL"),
     ("behaviour", "text NOT NULL"), ("predikat", "text NOT NULL"), ("reviewed_on", "date NOT NULL"),
     ("dialogue_notes", "text")),
    key=("plan_id", "period"),
)  # fmt: skip
FEEDBACK = Table(
    "performance_feedback",
    (("plan_id", "uuid"), ("giver_nip", "text"), ("period", "text"), ("role", "text NOT NULL"),
     *((value, "integer NOT NULL") for value in BERAKHLAK), ("comment", "text")),
    key=("plan_id", "giver_nip", "period"),
)  # fmt: skip


def _targets(targets: list[dict[str, str]]) -> str:
    # Sorted keys: jsonb hands a rebuild the event's keys in its own order, the append in the domain's.
    return json.dumps(targets, ensure_ascii=False, sort_keys=True)


class PerformancePlans(Projection):
    name = "performance_plans"
    version = 1
    tables = (PLANS, REVIEWS, FEEDBACK)

    @handles(PerformancePlan.Opened)
    def performance_plan_opened(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "id": stream_id,
            "employee_id": stored.uuid(d["employee_id"]),
            "year": d["year"],
            "appraiser": d["appraiser"],
            "superior": d["superior"],
            "cadence": d["cadence"],
            "targets": _targets(d["targets"]),
            "revisions": 0,
            "predikat": None,
            "rated_on": None,
            "objection": None,
            "objection_filed_on": None,
            "coaching_grounds": None,
            "version": version,
        }
        w.put(PLANS, row)

    @handles(PerformancePlan.TargetsRevised)
    def performance_plan_targets_revised(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"targets": _targets(d["targets"]), "version": version}
        w.update(PLANS, (stream_id,), values, add={"revisions": 1})

    @handles(PerformancePlan.ReviewRecorded)
    def performance_plan_review_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "plan_id": stream_id,
            "period": d["period"],
            "work_result": d["work_result"],
            "behaviour": d["behaviour"],
            "predikat": d["predikat"],
            "reviewed_on": stored.day(d["reviewed_on"]),
            "dialogue_notes": d["dialogue_notes"],
        }
        w.put(REVIEWS, row)
        w.update(PLANS, (stream_id,), {"version": version})

    @handles(PerformancePlan.FeedbackGiven)
    def performance_plan_feedback_given(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {"plan_id": stream_id, "giver_nip": d["giver_nip"], "period": d["period"], "role": d["role"]}
        w.put(FEEDBACK, row | {v: d["scores"][v] for v in BERAKHLAK} | {"comment": d["comment"]})
        w.update(PLANS, (stream_id,), {"version": version})

    @handles(PerformancePlan.AnnualRated)
    def performance_plan_annual_rated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"predikat": d["predikat"], "rated_on": stored.day(d["rated_on"]), "version": version}
        w.update(PLANS, (stream_id,), values)

    @handles(PerformancePlan.ObjectionFiled)
    def performance_plan_objection_filed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"objection": "FILED", "objection_filed_on": stored.day(d["filed_on"]), "version": version}
        w.update(PLANS, (stream_id,), values)

    @handles(PerformancePlan.ObjectionDecided)
    def performance_plan_objection_decided(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {"objection": d["decision"], "version": version}
        if d["predikat"] is not None:
            values["predikat"] = d["predikat"]
        w.update(PLANS, (stream_id,), values)

    @handles(PerformancePlan.CoachingNeeded)
    def performance_plan_coaching_needed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(PLANS, (stream_id,), {"coaching_grounds": d["grounds"], "version": version})

    @handles(PerformancePlan.CoachingNoLongerNeeded)
    def performance_plan_coaching_no_longer_needed(
        self, w: Writer, stream_id: UUID, version: int, d: Data
    ) -> None:
        w.update(PLANS, (stream_id,), {"coaching_grounds": None, "version": version})


@dataclass(frozen=True)
class PlanRow:
    id: UUID
    employee_id: UUID
    year: int
    appraiser: str
    superior: str
    cadence: str
    targets: str
    revisions: int
    predikat: str | None
    rated_on: date | None
    objection: str | None
    objection_filed_on: date | None
    coaching_grounds: str | None
    version: int

    @property
    def target_list(self) -> list[dict[str, str]]:
        return json.loads(self.targets)


@dataclass(frozen=True)
class ReviewRow:
    plan_id: UUID
    period: str
    work_result: str
    behaviour: str
    predikat: str
    reviewed_on: date
    dialogue_notes: str | None


@dataclass(frozen=True)
class FeedbackRow:
    plan_id: UUID
    giver_nip: str
    period: str
    role: str
    scores: dict[str, int]
    comment: str | None


_PLAN = ", ".join(c for c, _ in PLANS.columns)
_REVIEW = ", ".join(c for c, _ in REVIEWS.columns)
_FEEDBACK = ", ".join(c for c, _ in FEEDBACK.columns)


async def plans_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, PlanRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_PLAN} FROM {schema}.performance_plans WHERE {where}", key)
    return {r["id"]: PlanRow(*r) for r in rows}


async def reviews_of(pool_or_con: Any, schema: str, plan_id: UUID) -> list[ReviewRow]:
    """In period order within each series (H1 after the quarters, as text sorts them)."""
    rows = await pool_or_con.fetch(
        f"SELECT {_REVIEW} FROM {schema}.performance_reviews WHERE plan_id = $1 ORDER BY reviewed_on, period",
        plan_id,
    )
    return [ReviewRow(*r) for r in rows]


async def feedback_of(pool_or_con: Any, schema: str, plan_id: UUID) -> list[FeedbackRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_FEEDBACK} FROM {schema}.performance_feedback WHERE plan_id = $1"
        " ORDER BY period, role, giver_nip",
        plan_id,
    )
    return [
        FeedbackRow(
            r["plan_id"], r["giver_nip"], r["period"], r["role"], {v: r[v] for v in BERAKHLAK}, r["comment"]
        )
        for r in rows
    ]


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    by_role: dict[str, int]
    averages: dict[str, str]  # BerAKHLAK value → mean score as a decimal string ("4.25")


def summarise(rows: list[FeedbackRow]) -> FeedbackSummary:
    """What the appraiser sees when rating behaviour: how many gave feedback in which role, and the mean
    score per value, to two decimals (exact decimal arithmetic, no floats)."""
    by_role: dict[str, int] = {}
    for row in rows:
        by_role[row.role] = by_role.get(row.role, 0) + 1
    averages = {}
    for value in BERAKHLAK:
        total = sum(row.scores[value] for row in rows)
        mean = Decimal(total) / Decimal(len(rows)) if rows else Decimal(0)
        averages[value] = str(mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return FeedbackSummary(len(rows), by_role, averages)
