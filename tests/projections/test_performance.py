"""The performance read models from real commands: plans, reviews, feedback, corrections, coaching, awards.

Every row comes from events the application appended through the store (inline projections); the last
test rebuilds them all and compares row for row.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from riwayat.application import Application, CommandContext
from riwayat.domain.errors import DomainError
from riwayat.domain.values import Decree
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections import appraisals, awards, coaching, performance_plans
from riwayat.projections.promotion import promotion_candidates, promotion_eligibility
from riwayat.projections.rebuild import rebuild
from tests.projections.ledger import dump, nip

APPRAISER, SUPERIOR, PEER = "197001011995031002", "196805121990031004", "198802142012122003"
TARGETS = [{"text": "Layanan kenaikan pangkat", "indicator": "usulan diproses tepat waktu", "target": "100%"}]
SCORES = dict.fromkeys(
    ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"), 4
)
SK = Decree("800/1/BKPSDM/2015", date(2015, 4, 20))
PERFORMANCE_TABLES = (
    "performance_plans", "performance_reviews", "performance_feedback", "coaching_cases", "awards",
)  # fmt: skip


class Year:
    """A tenant with one unit and PNS employees hired in May 2015, probation done in 2016."""

    def __init__(self, app: Application, ctx: CommandContext) -> None:
        self.app, self.ctx = app, ctx

    async def setup(self, count: int) -> list[UUID]:
        self.unit = (await self.app.establish_org_unit(self.ctx, code="BKPSDM", name="BKPSDM")).stream_id
        ids = []
        for i in range(count):
            born = date(1985, 1 + i, 10)
            hired = await self.app.hire_employee(
                self.ctx, nip=nip(born, date(2015, 5, 1), False, i + 1), name=f"Pegawai {i}", gender="MALE",
                birth_date=born, employment_type="PNS", rank="III/a", position="Analis", unit_id=self.unit,
                effective_on=date(2015, 5, 1), decree=SK,
            )  # fmt: skip
            await self.app.complete_probation(
                self.ctx, employee_id=hired.stream_id, effective_on=date(2016, 5, 1), decree=SK
            )
            ids.append(hired.stream_id)
        return ids

    async def plan(self, employee_id: UUID, year: int) -> UUID:
        opened = await self.app.open_performance_plan(
            self.ctx,
            employee_id=employee_id,
            year=year,
            appraiser=APPRAISER,
            superior=SUPERIOR,
            targets=TARGETS,
        )
        return opened.stream_id

    async def rate(
        self, plan_id: UUID, work: str, behaviour: str = "MEETS", on: date = date(2025, 1, 8)
    ) -> None:
        await self.app.rate_annual_performance(
            self.ctx,
            plan_id=plan_id,
            work_result=work,
            behaviour=behaviour,
            appraiser_nip=APPRAISER,
            rated_on=on,
        )


@pytest.fixture
def year(store: EventStore, ptenant: Tenant) -> Year:
    ctx = CommandContext(tenant=ptenant, actor="hr-1", roles=("hr",), request_id="r")
    return Year(Application(store), ctx)


async def test_an_upheld_objection_supersedes_the_rating_in_the_appraisals_and_the_promotion_query(
    year: Year, pool: Any, ptenant: Tenant
) -> None:
    # Given a PNS with a BAIK 2023 (the old final SKP) and a 2024 plan rated BUTUH_PERBAIKAN
    (employee,) = await year.setup(1)
    await year.app.record_appraisal(
        year.ctx,
        employee_id=employee,
        year=2023,
        work_result="MEETS",
        behaviour="MEETS",
        appraiser_nip=APPRAISER,
    )
    plan = await year.plan(employee, 2024)
    await year.rate(plan, "BELOW")
    assert await promotion_candidates(pool, ptenant.schema, date(2025, 4, 1)) == []
    (obstacle,) = await promotion_eligibility(pool, ptenant.schema, employee, date(2025, 4, 1))
    assert (obstacle.code, obstacle.message) == ("APPRAISAL", "SKP 2024 predikat BUTUH_PERBAIKAN, below BAIK")

    # When the objection is filed in time and upheld by the appraiser's superior with MEETS/MEETS
    await year.app.file_appraisal_objection(
        year.ctx, plan_id=plan, reason="capaian Q4", filed_on=date(2025, 1, 20)
    )
    await year.app.decide_appraisal_objection(
        year.ctx, plan_id=plan, decider_nip=SUPERIOR, decision="UPHELD", decided_on=date(2025, 2, 3),
        work_result="MEETS", behaviour="MEETS",
    )  # fmt: skip

    # Then the corrected BAIK is in force everywhere, the replaced rating kept beside it
    history = await appraisals.performance_history(pool, ptenant.schema, employee)
    assert [(h.year, h.predikat, h.source, h.original_predikat) for h in history] == [
        (2023, "BAIK", "SKP", None), (2024, "BAIK", "PLAN", "BUTUH_PERBAIKAN"),
    ]  # fmt: skip
    assert [e.id for e in await promotion_candidates(pool, ptenant.schema, date(2025, 4, 1))] == [employee]
    assert await promotion_eligibility(pool, ptenant.schema, employee, date(2025, 4, 1)) == []
    row = (await performance_plans.plans_by_ids(pool, ptenant.schema, [plan]))[plan]
    assert (row.predikat, row.objection, row.coaching_grounds) == ("BAIK", "UPHELD", None)  # grounds lifted


async def test_reviews_feedback_and_targets_are_read_back_with_a_summary_that_names_no_giver(
    year: Year, pool: Any, ptenant: Tenant
) -> None:
    (employee,) = await year.setup(1)
    plan = await year.plan(employee, 2025)
    for n in (1, 2):
        await year.app.record_periodic_review(
            year.ctx, plan_id=plan, kind="QUARTER", number=n, work_result="ABOVE", behaviour="MEETS",
            reviewed_on=date(2025, 3 * n + 1, 3), dialogue_notes=f"dialog Q{n}",
        )  # fmt: skip
    await year.app.give_360_feedback(year.ctx, plan_id=plan, giver_nip=PEER, role="PEER", scores=SCORES)
    await year.app.give_360_feedback(
        year.ctx, plan_id=plan, giver_nip=SUPERIOR, role="SUPERIOR", scores=SCORES | {"loyal": 5}
    )
    revised = TARGETS + [{"text": "Arsip", "indicator": "berkas", "target": "500"}]
    await year.app.revise_performance_targets(
        year.ctx, plan_id=plan, targets=revised, reason="tugas tambahan", revised_on=date(2025, 6, 1)
    )
    row = (await performance_plans.plans_by_ids(pool, ptenant.schema, [plan]))[plan]
    assert (row.revisions, len(row.target_list), row.version) == (1, 2, 6)
    reviews = await performance_plans.reviews_of(pool, ptenant.schema, plan)
    assert [(r.period, r.predikat, r.dialogue_notes) for r in reviews] == [
        ("Q1", "BAIK", "dialog Q1"),
        ("Q2", "BAIK", "dialog Q2"),
    ]
    feedback = await performance_plans.feedback_of(pool, ptenant.schema, plan)
    assert sorted(f.giver_nip for f in feedback) == sorted([PEER, SUPERIOR])
    summary = performance_plans.summarise(feedback)
    assert (summary.count, summary.by_role, summary.averages["loyal"], summary.averages["akuntabel"]) == (
        2, {"PEER": 1, "SUPERIOR": 1}, "4.50", "4.00",
    )  # fmt: skip


async def test_coaching_due_lists_weak_performers_until_a_case_is_opened(
    year: Year, pool: Any, ptenant: Tenant
) -> None:
    weak, strong = await year.setup(2)
    weak_plan, strong_plan = await year.plan(weak, 2024), await year.plan(strong, 2024)
    await year.rate(weak_plan, "BELOW", "BELOW")
    await year.rate(strong_plan, "ABOVE", "ABOVE")
    due = await coaching.coaching_due(pool, ptenant.schema, year.unit)
    assert [(d.employee_id, d.grounds, d.predikat) for d in due] == [(weak, "WEAK_ANNUAL", "SANGAT_KURANG")]
    with pytest.raises(DomainError) as refused:
        await year.app.open_coaching(
            year.ctx, plan_id=strong_plan, coach_nip=SUPERIOR, plan="x", opened_on=date(2025, 2, 1)
        )
    assert refused.value.code == "NO_COACHING_GROUNDS"

    case = await year.app.open_coaching(
        year.ctx,
        plan_id=weak_plan,
        coach_nip=SUPERIOR,
        plan="pendampingan bulanan",
        opened_on=date(2025, 2, 1),
    )
    await year.app.record_coaching_session(
        year.ctx, case_id=case.stream_id, held_on=date(2025, 3, 1), notes="sesi 1"
    )
    await year.app.close_coaching(
        year.ctx, case_id=case.stream_id, outcome="IMPROVED", closed_on=date(2025, 6, 30)
    )
    assert await coaching.coaching_due(pool, ptenant.schema, year.unit) == []
    (row,) = await coaching.cases_of_plan(pool, ptenant.schema, weak_plan)
    assert (row.sessions, row.outcome, row.closed_on) == (1, "IMPROVED", date(2025, 6, 30))


async def test_talent_distribution_and_award_eligibility_read_the_ratings_in_force(
    year: Year, pool: Any, ptenant: Tenant
) -> None:
    a, b, c = await year.setup(3)
    for employee, works in ((a, ("ABOVE", "ABOVE")), (b, ("MEETS", "BELOW")), (c, ("MEETS", "MEETS"))):
        await year.app.record_historical_appraisal(year.ctx, employee_id=employee, year=2021, score="92.5")
        for y, work in zip((2022, 2023), works, strict=True):
            await year.rate(
                await year.plan(employee, y), work, "ABOVE" if employee == a else "MEETS", date(y + 1, 1, 5)
            )
    await year.app.impose_discipline(
        year.ctx,
        employee_id=c,
        level="SEDANG",
        description="tidak masuk kerja",
        effective_on=date(2023, 3, 1),
        decree=SK,
    )
    assert await appraisals.talent_candidates(pool, ptenant.schema, 2023) == [a]
    assert set(await appraisals.talent_candidates(pool, ptenant.schema, 2022)) == {a, b, c}
    counts = {
        (r.predikat, r.count)
        for r in await appraisals.appraisal_distribution(pool, ptenant.schema, 2023, year.unit)
    }
    assert counts == {("SANGAT_BAIK", 1), ("BUTUH_PERBAIKAN", 1), ("BAIK", 1)}
    # a numeric 2021 SKP counts towards a 2023 promotion like any other (92.5: SANGAT_BAIK)
    assert await promotion_eligibility(pool, ptenant.schema, a, date(2023, 4, 1)) == []
    (old,) = [h for h in await appraisals.performance_history(pool, ptenant.schema, a) if h.year == 2021]
    assert (old.score, old.band, old.predikat, old.work_result) == (
        "92.5",
        "SANGAT_BAIK",
        "SANGAT_BAIK",
        None,
    )

    # Satyalancana X after ten years (May 2025), never for the one given a medium sanction, once per class
    due = await awards.award_eligibility(pool, ptenant.schema, date(2025, 6, 1))
    assert {(d.employee_id, d.award_class, d.service_years) for d in due} == {
        (a, "SATYALANCANA_KARYA_SATYA_X", 10), (b, "SATYALANCANA_KARYA_SATYA_X", 10),
    }  # fmt: skip
    grant = dict(award_class="SATYALANCANA_KARYA_SATYA_X", decree=SK, granted_on=date(2025, 8, 17))
    await year.app.grant_award(year.ctx, employee_id=a, **grant)
    with pytest.raises(DomainError) as twice:
        await year.app.grant_award(
            year.ctx, employee_id=a, **grant | {"decree": Decree("800/2", date(2025, 9, 1))}
        )
    assert twice.value.code == "DUPLICATE_AWARD"
    with pytest.raises(DomainError) as sanctioned:
        await year.app.grant_award(year.ctx, employee_id=c, **grant)
    assert sanctioned.value.code == "NOT_ELIGIBLE"
    due = await awards.award_eligibility(pool, ptenant.schema, date(2025, 9, 1))
    assert [d.employee_id for d in due] == [b]
    assert [r.name for r in await awards.awards_of(pool, ptenant.schema, a)] == ["Satyalancana Karya Satya X"]


async def test_every_performance_read_model_rebuilt_equals_the_inline_rows(
    year: Year, store: EventStore, db: Database, ptenant: Tenant
) -> None:
    # Given old SKP, a historical score, plans, reviews, feedback, objections, coaching and awards
    a, b = await year.setup(2)
    await year.app.record_appraisal(
        year.ctx, employee_id=a, year=2021, work_result="MEETS", behaviour="MEETS", appraiser_nip=APPRAISER
    )
    await year.app.record_historical_appraisal(year.ctx, employee_id=b, year=2021, score=70)
    for employee, work in ((a, "BELOW"), (b, "MEETS")):
        plan = await year.plan(employee, 2024)
        await year.app.record_periodic_review(
            year.ctx,
            plan_id=plan,
            kind="QUARTER",
            number=1,
            work_result=work,
            behaviour="MEETS",
            reviewed_on=date(2024, 4, 2),
        )
        await year.app.give_360_feedback(year.ctx, plan_id=plan, giver_nip=PEER, role="PEER", scores=SCORES)
        await year.rate(plan, work)
        await year.app.file_appraisal_objection(
            year.ctx, plan_id=plan, reason="keberatan", filed_on=date(2025, 1, 9)
        )
        upheld = employee == a
        await year.app.decide_appraisal_objection(
            year.ctx, plan_id=plan, decider_nip=SUPERIOR, decision="UPHELD" if upheld else "REJECTED",
            decided_on=date(2025, 1, 30), work_result="MEETS" if upheld else None,
            behaviour="MEETS" if upheld else None,
        )  # fmt: skip
    weak = await year.plan(b, 2025)
    await year.rate(weak, "BELOW", on=date(2026, 1, 6))
    case = await year.app.open_coaching(
        year.ctx, plan_id=weak, coach_nip=SUPERIOR, plan="rencana", opened_on=date(2026, 2, 1)
    )
    await year.app.record_coaching_session(
        year.ctx, case_id=case.stream_id, held_on=date(2026, 2, 20), notes="sesi"
    )
    await year.app.grant_award(
        year.ctx,
        employee_id=a,
        award_class="REGIONAL",
        name="ASN Berprestasi",
        decree=SK,
        granted_on=date(2025, 8, 17),
    )
    before = await dump(db, ptenant)
    for table in ("appraisals", *PERFORMANCE_TABLES):
        assert before[table], table

    # When everything is rebuilt from the ledger, then every table holds the same rows
    await rebuild(store, ptenant)
    assert await dump(db, ptenant) == before
