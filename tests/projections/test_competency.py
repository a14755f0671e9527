"""The competency read models from real commands: standards by date, gaps (employee, unit, AKPK), a
programme's impact, the JP shortfall; rebuilt equal to inline; and a TrainingCompleted of class version 1."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from riwayat.application import Application, CommandContext
from riwayat.domain.employee import Employee
from riwayat.domain.errors import DomainError
from riwayat.domain.values import Decree
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.tenants import Tenant
from riwayat.projections.competency_gaps import (
    competency_gaps,
    training_needs,
    training_shortfall,
    unit_competency_gaps,
    unit_gaps_sql,
)
from riwayat.projections.programme_impact import programme_impact
from riwayat.projections.rebuild import rebuild
from riwayat.projections.training_hours import hours_by_keys
from tests.projections.ledger import META, dump, nip

SK = Decree("800/1/BKPSDM/2015", date(2015, 4, 20))
COMPETENCY_TABLES = (
    "competency_standards", "technical_competencies", "competency_assessments", "training_programmes",
    "programme_competencies", "programme_enrolments", "programme_evaluations", "competency_latest",
)  # fmt: skip
TODAY = date(2026, 6, 1)


class Office:
    """A unit with two catalogued positions (job class 9 and 7) and their holders."""

    def __init__(self, app: Application, ctx: CommandContext) -> None:
        self.app, self.ctx = app, ctx

    async def setup(self) -> None:
        app, ctx = self.app, self.ctx
        self.unit = (await app.establish_org_unit(ctx, code="BKD", name="BKPSDM")).stream_id
        self.head, self.analyst = [
            (await app.catalogue_position(ctx, name=name, kind="PELAKSANA" if jc == 7 else "ADMINISTRATOR",
                                          unit_id=self.unit, job_class=jc, seats=3,
                                          effective_on=date(2020, 1, 1))).stream_id
            for name, jc in (("Kepala Bidang", 9), ("Analis SDM", 7))
        ]  # fmt: skip
        self.people = [await self.hire(i, self.head if i == 0 else self.analyst) for i in range(3)]
        self.pppk = await self.hire(3, None, pppk=True)

    async def hire(self, i: int, position: UUID | None, pppk: bool = False) -> UUID:
        born = date(1985, 1 + i, 10)
        return (await self.app.hire_employee(
            self.ctx, nip=nip(born, date(2015, 5, 1), False, i + 1, pppk), name=f"Pegawai {i}", gender="MALE",
            birth_date=born, employment_type="PPPK" if pppk else "PNS", rank="IX" if pppk else "III/a",
            position="Analis", unit_id=self.unit, effective_on=date(2015, 5, 1), decree=SK,
            position_id=position,
        )).stream_id  # fmt: skip

    async def standard(self, position: UUID, on: date, **levels: int) -> None:
        await self.app.set_competency_standard(self.ctx, position_id=position, effective_on=on, levels=levels)

    async def assess(self, who: UUID, on: date, **levels: int) -> None:
        await self.app.record_competency_assessment(
            self.ctx, employee_id=who, assessed_on=on, method="ASSESSMENT_CENTRE", assessor="UPT Penilaian",
            levels=levels,
        )  # fmt: skip

    async def programme(self, seats: int = 3, **serves: int) -> UUID:
        return (await self.app.plan_training_programme(
            self.ctx, title="Pelayanan prima", provider="BPSDM Sumut", mode="BLENDED", serves=serves,
            hours=24, starts_on=date(2025, 5, 5), ends_on=date(2025, 5, 9), seats=seats,
        )).stream_id  # fmt: skip


@pytest.fixture
async def office(store: EventStore, ptenant: Tenant) -> Office:
    ctx = CommandContext(tenant=ptenant, actor="hr-1", roles=("hr",), request_id="r")
    o = Office(Application(store), ctx)
    await o.setup()
    return o


async def test_gaps_are_judged_against_the_standard_in_force_on_the_assessment_date(
    office: Office, pool: Any, ptenant: Tenant
) -> None:
    # Given a standard revised in 2025, and an assessment of 2024 (before the revision)
    a = office.people[1]
    await office.standard(office.analyst, date(2020, 1, 1), INTEGRITAS=3, KOMUNIKASI=3)
    await office.standard(office.analyst, date(2025, 1, 1), INTEGRITAS=4, KOMUNIKASI=3, PELAYANAN_PUBLIK=3)
    await office.assess(a, date(2024, 3, 1), INTEGRITAS=3, KOMUNIKASI=2)
    gaps = await competency_gaps(pool, ptenant.schema, a, TODAY)
    assert gaps is not None
    assert [(g.competency, g.required, g.held, g.gap) for g in gaps.gaps] == [
        ("INTEGRITAS", 3, 3, 0), ("KOMUNIKASI", 3, 2, 1),
    ]  # fmt: skip
    assert (str(gaps.match_percent), gaps.band) == ("83.33", "FAIRLY_OPTIMAL")
    # When they are assessed again after the revision, the new version applies
    await office.assess(a, date(2025, 6, 1), PELAYANAN_PUBLIK=1)
    gaps = await competency_gaps(pool, ptenant.schema, a, TODAY)
    assert gaps is not None
    assert [(g.competency, g.required, g.held) for g in gaps.gaps] == [
        ("INTEGRITAS", 4, 3), ("KOMUNIKASI", 3, 2), ("PELAYANAN_PUBLIK", 3, 1),
    ]  # fmt: skip
    assert (str(gaps.match_percent), gaps.band) == ("60.00", "NOT_OPTIMAL")
    assert await competency_gaps(pool, ptenant.schema, office.pppk, TODAY) is None  # no catalogued position


async def test_unit_gaps_and_the_akpk_list_the_largest_gaps_first_then_the_higher_job_class(
    office: Office, pool: Any, ptenant: Tenant
) -> None:
    head, a, b = office.people
    await office.standard(office.head, date(2020, 1, 1), INTEGRITAS=4, PENGAMBILAN_KEPUTUSAN=4)
    await office.standard(office.analyst, date(2020, 1, 1), INTEGRITAS=3)
    await office.assess(head, date(2024, 3, 1), INTEGRITAS=2, PENGAMBILAN_KEPUTUSAN=4)
    await office.assess(a, date(2024, 3, 1), INTEGRITAS=1)
    # b is never assessed: held 0
    unit = {r["competency"]: (r["people"], r["below"], str(r["mean_gap"]))
            for r in await unit_competency_gaps(pool, ptenant.schema, office.unit, TODAY)}  # fmt: skip
    assert unit == {"INTEGRITAS": (3, 3, "2.33"), "PENGAMBILAN_KEPUTUSAN": (1, 0, "0.00")}
    needs = await training_needs(pool, ptenant.schema, office.unit, 2025)
    assert [(r["employee_id"], r["competency"], r["gap"]) for r in needs] == [
        (b, "INTEGRITAS", 3), (head, "INTEGRITAS", 2), (a, "INTEGRITAS", 2),
    ]  # fmt: skip
    # Before any assessment (the 2023 analysis) the whole standard is the gap: 4s first, the head first
    early = await training_needs(pool, ptenant.schema, office.unit, 2023)
    assert [(r["employee_id"], r["competency"], r["gap"]) for r in early] == [
        (head, "INTEGRITAS", 4), (head, "PENGAMBILAN_KEPUTUSAN", 4),
        (a, "INTEGRITAS", 3), (b, "INTEGRITAS", 3),
    ]  # fmt: skip


async def test_a_programme_that_serves_a_gap_shows_it_closed_for_the_reassessed_participant(
    office: Office, pool: Any, ptenant: Tenant
) -> None:
    head, a, b = office.people
    await office.standard(office.analyst, date(2020, 1, 1), PELAYANAN_PUBLIK=3)
    await office.assess(a, date(2025, 3, 1), PELAYANAN_PUBLIK=1)
    await office.assess(b, date(2025, 3, 1), PELAYANAN_PUBLIK=2)
    p = await office.programme(seats=2, PELAYANAN_PUBLIK=3)
    app, ctx = office.app, office.ctx
    for who in (a, b):
        await app.enroll_in_programme(ctx, programme_id=p, employee_id=who)
    with pytest.raises(DomainError, match="seats"):
        await app.enroll_in_programme(ctx, programme_id=p, employee_id=head)
    with pytest.raises(DomainError, match="after"):
        await app.record_training_evaluation(
            ctx, programme_id=p, employee_id=a, evaluator="Kabid", evaluated_on=date(2025, 9, 1),
            ratings={"PELAYANAN_PUBLIK": 3},
        )  # fmt: skip
    for who in (a, b):
        await app.record_programme_completion(
            ctx, programme_id=p, employee_id=who, completed_on=date(2025, 5, 9)
        )
    await app.record_training_evaluation(ctx, programme_id=p, employee_id=a, evaluated_on=date(2025, 9, 1),
                                         evaluator="Kabid", ratings={"PELAYANAN_PUBLIK": 3},
                                         note="lebih ramah")  # fmt: skip
    await office.assess(a, date(2025, 11, 1), PELAYANAN_PUBLIK=3)
    impact = await programme_impact(pool, ptenant.schema, p)
    assert impact is not None
    assert (impact.enrolled, impact.completed, impact.evaluated) == (2, 2, 1)
    assert (str(impact.completion_rate), str(impact.response_rate)) == ("100.0", "50.0")
    [served] = impact.competencies
    assert (served.competency, str(served.mean_rating), served.reassessed) == ("PELAYANAN_PUBLIK", "3.00", 1)
    assert (str(served.mean_gap_before), str(served.mean_gap_after), served.closed) == ("2.00", "0.00", 1)
    hours = await hours_by_keys(pool, ptenant.schema, [(a, 2025), (b, 2025)])
    assert hours == {(a, 2025): 24, (b, 2025): 24}  # the completion is the employee's JP


async def test_the_shortfall_lists_pns_below_20_jp_and_pppk_above_24_jp(
    office: Office, pool: Any, ptenant: Tenant
) -> None:
    head, a, b = office.people
    app, ctx = office.app, office.ctx
    await app.record_training(ctx, employee_id=head, title="Diklat PIM", kind="CLASSROOM", hours=30,
                              completed_on=date(2025, 3, 1))  # fmt: skip
    await app.record_training(ctx, employee_id=a, title="Bimtek", kind="WORKSHOP", hours=8,
                              completed_on=date(2025, 3, 1))  # fmt: skip
    await app.record_training(ctx, employee_id=office.pppk, title="Bimtek", kind="WORKSHOP", hours=30,
                              completed_on=date(2025, 3, 1))  # fmt: skip
    rows = await training_shortfall(pool, ptenant.schema, 2025, office.unit)
    assert [(r["employee_id"], r["employment_type"], r["hours"]) for r in rows] == sorted(
        [(a, "PNS", 8), (b, "PNS", 0)], key=lambda t: ["Pegawai 1", "Pegawai 2"][[a, b].index(t[0])]
    ) + [(office.pppk, "PPPK", 30)]


async def test_every_competency_read_model_rebuilt_equals_the_inline_rows(
    office: Office, store: EventStore, db: Database, ptenant: Tenant
) -> None:
    head, a, b = office.people
    app, ctx = office.app, office.ctx
    await app.define_technical_competency(ctx, code="MANAJEMEN_ASN", name="Manajemen ASN", job_family="SDM",
                                          levels=[f"level {n}" for n in range(1, 6)])  # fmt: skip
    await office.standard(office.analyst, date(2020, 1, 1), MANAJEMEN_ASN=3, INTEGRITAS=3)
    await office.standard(office.analyst, date(2025, 1, 1), MANAJEMEN_ASN=4, INTEGRITAS=3)
    await office.assess(a, date(2025, 3, 1), MANAJEMEN_ASN=2, INTEGRITAS=3)
    await office.assess(a, date(2025, 12, 1), MANAJEMEN_ASN=4)
    p = await office.programme(MANAJEMEN_ASN=4)
    for who in (a, b, head):
        await app.enroll_in_programme(ctx, programme_id=p, employee_id=who)
    await app.withdraw_from_programme(ctx, programme_id=p, employee_id=head, reason="tugas luar")
    await app.record_programme_completion(ctx, programme_id=p, employee_id=a, completed_on=date(2025, 5, 9))
    await app.record_training_evaluation(ctx, programme_id=p, employee_id=a, evaluated_on=date(2025, 9, 1),
                                         evaluator="Kabid", ratings={"MANAJEMEN_ASN": 4})  # fmt: skip
    before = await dump(db, ptenant)
    for table in COMPETENCY_TABLES:
        assert before[table], table
    await rebuild(store, ptenant)
    assert await dump(db, ptenant) == before


async def test_a_training_completed_of_class_version_1_loads_and_rebuilds_without_a_programme(
    db: Database,
    store: EventStore,
    office: Office,
    ptenant: Tenant,
    pool: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a training stored by the code before issue 15 (no programme_id, class version 1)
    who = office.people[2]
    plain = EventStore(db)
    records = await plain.read_stream(ptenant, who)
    e = Employee.fold([plain.decode(r) for r in records])
    e.record_training("Latsar", "LATSAR", 40, date(2016, 2, 1))
    [event] = e.collect_events()
    old = object.__new__(type(event))
    old.__dict__.update({k: v for k, v in event.__dict__.items() if k != "programme_id"})
    with monkeypatch.context() as patch:
        patch.setattr(Employee.TrainingCompleted, "class_version", 1)
        await plain.append(ptenant, [old], metadata=META)
    stored = (await plain.read_stream(ptenant, who))[-1]
    assert "programme_id" not in stored.data and "class_version" not in stored.data
    # When it is decoded and the projections rebuilt from it
    decoded = plain.decode(stored)
    await rebuild(store, ptenant)
    # Then it names no programme, and its JP still count
    assert decoded.programme_id is None and decoded.hours == 40
    assert await hours_by_keys(pool, ptenant.schema, [(who, 2016)]) == {(who, 2016): 40}


async def test_unit_gaps_from_the_levels_held_now_equal_the_history_and_a_past_day_still_answers(
    office: Office, pool: Any, ptenant: Tenant
) -> None:
    # Given a revised standard, an assessment, a later one, and a back-dated one that must not count
    head, a, b = office.people
    await office.standard(office.analyst, date(2020, 1, 1), INTEGRITAS=3, KOMUNIKASI=3)
    await office.standard(office.analyst, date(2025, 1, 1), INTEGRITAS=4, KOMUNIKASI=3)
    await office.standard(office.head, date(2020, 1, 1), INTEGRITAS=4)
    await office.assess(a, date(2024, 3, 1), INTEGRITAS=2, KOMUNIKASI=1)
    await office.assess(a, date(2025, 6, 1), INTEGRITAS=4)
    await office.assess(a, date(2024, 9, 1), INTEGRITAS=1, KOMUNIKASI=3)  # back-dated: only KOMUNIKASI
    await office.assess(b, date(2024, 3, 1), INTEGRITAS=3, KOMUNIKASI=3)
    # Then today's answer (read model) is the 2025 version for a, the 2020 one for b, the head unassessed
    unit = {r["competency"]: (r["people"], r["below"], str(r["mean_gap"]))
            for r in await unit_competency_gaps(pool, ptenant.schema, office.unit, TODAY)}  # fmt: skip
    assert unit == {"INTEGRITAS": (3, 1, "1.33"), "KOMUNIKASI": (2, 0, "0.00")}
    history = await pool.fetch(unit_gaps_sql(ptenant.schema, held_now=False), office.unit, TODAY)
    assert [tuple(r) for r in history] == [
        tuple(r) for r in await unit_competency_gaps(pool, ptenant.schema, office.unit, TODAY)
    ]
    # And a day before the later assessments is judged from the history (a held INTEGRITAS 2 then)
    rows = await unit_competency_gaps(pool, ptenant.schema, office.unit, date(2024, 6, 1))
    past = {r["competency"]: (r["people"], r["below"], str(r["mean_gap"])) for r in rows}
    assert past == {"INTEGRITAS": (3, 2, "1.67"), "KOMUNIKASI": (2, 1, "1.00")}
