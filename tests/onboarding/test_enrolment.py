"""Enrolling serving civil servants with their history, against a real PostgreSQL: what the directory,
the as-of view and the promotion candidates then answer, and what the rules refuse."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.errors import DomainError
from riwayat.domain.values import Decree
from riwayat.projections import employees as directory
from riwayat.projections.promotion import promotion_candidates
from tests.onboarding.conftest import NIP, SK, enrolment

OLD_SK = Decree("823/2016/BKD", date(2016, 3, 1))


async def code_of(call) -> str:
    with pytest.raises(DomainError) as refused:
        await call
    return refused.value.code


async def enrol_with_history(app, ctx, unit_id):
    result = await app.enroll_employee(ctx, **enrolment(unit_id))
    eid = result.stream_id
    rows = [
        # newest first: each rank is checked against the one held after it
        ("RANK", {"rank": "III/b", "effective_on": date(2016, 4, 1), "decree": OLD_SK}),
        ("RANK", {"rank": "III/a", "effective_on": date(2012, 4, 1), "decree": OLD_SK}),
        ("POSITION", {"position": "Pengadministrasi Umum", "unit_id": unit_id,
                      "effective_on": date(2012, 4, 1), "decree": OLD_SK}),
        ("APPRAISAL", {"year": 2022, "work_result": "MEETS", "behaviour": "MEETS",
                       "appraiser_nip": "197001012000031002"}),
        ("APPRAISAL", {"year": 2023, "work_result": "ABOVE", "behaviour": "ABOVE",
                       "appraiser_nip": "197001012000031002"}),
    ]  # fmt: skip
    for kind, row in rows:
        await app.import_history(ctx, employee_id=eid, kind=kind, row=row, source="siasn-import")
    return eid


async def test_an_enrolled_pns_shows_the_imported_rank_and_position_for_a_date_before_cut_over(
    app, ctx, unit_id, store
) -> None:
    eid = await enrol_with_history(app, ctx, unit_id)

    then = await app.employee_as_of(ctx.tenant, eid, effective_on=date(2017, 1, 1))
    assert (then.rank, then.rank_since, then.position, then.status) == (
        "III/b",
        date(2016, 4, 1),
        "Pengadministrasi Umum",
        "ACTIVE",
    )
    first_year = await app.employee_as_of(ctx.tenant, eid, effective_on=date(2012, 10, 1))
    assert (first_year.rank, first_year.status) == ("III/a", "CANDIDATE")  # PNS only from 2013-06
    now = await app.employee_as_of(ctx.tenant, eid, effective_on=date(2025, 1, 2))
    assert (now.rank, now.rank_since, now.position) == (
        "III/c",
        date(2020, 4, 1),
        "Analis Kepegawaian Ahli Muda",
    )

    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    row = (await directory.employees_by_ids(pool, ctx.tenant.schema, [eid]))[eid]
    assert (row.status, row.rank, row.rank_since, row.hired_on, row.source) == (
        "ACTIVE",
        "III/c",
        date(2020, 4, 1),
        date(2012, 4, 1),
        "siasn-import",
    )
    history = await store.read_stream(ctx.tenant, eid)
    assert [e.metadata.get("imported", {}).get("source") for e in history] == [None] + ["siasn-import"] * 5


async def test_promotion_candidates_count_years_in_rank_from_the_imported_rank_tmt(
    app, ctx, unit_id, store
) -> None:
    eid = await enrol_with_history(app, ctx, unit_id)
    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    due = [r.id for r in await promotion_candidates(pool, ctx.tenant.schema, date(2024, 4, 1))]
    not_yet = [r.id for r in await promotion_candidates(pool, ctx.tenant.schema, date(2024, 3, 1))]
    assert (eid in due, eid in not_yet) == (True, False)  # four years after 2020-04-01, SKP 2022-23 BAIK


async def test_the_hire_date_rule_does_not_apply_but_the_nip_rules_do(app, ctx, unit_id) -> None:
    # The case: NIP with TMT CPNS 2015-05, joining 2024-03-01 — refused as a hire, fine as enrolment.
    nip = "199001012015051003"
    joining = dict(
        nip=nip,
        name="Siti",
        gender="MALE",
        birth_date=date(1990, 1, 1),
        employment_type="PNS",
        rank="III/a",
        position="Staf",
        unit_id=unit_id,
        effective_on=date(2024, 3, 1),
        decree=SK,
    )
    assert await code_of(app.hire_employee(ctx, **joining)) == "INVALID_NIP"
    fields = enrolment(
        unit_id,
        nip=nip,
        birth_date=date(1990, 1, 1),
        tmt_cpns=date(2015, 5, 1),
        tmt_pns=date(2016, 5, 1),
        rank="III/a",
        rank_since=date(2015, 5, 1),
    )
    assert (await app.enroll_employee(ctx, **fields)).version == 1
    wrong = [
        enrolment(unit_id, tmt_cpns=date(2012, 5, 1)),  # NIP says 2012-04
        enrolment(unit_id, birth_date=date(1986, 9, 27)),
        enrolment(unit_id, gender="FEMALE"),
    ]
    for bad in wrong:
        assert await code_of(app.enroll_employee(ctx, **bad)) == "INVALID_NIP"
    assert await code_of(app.enroll_employee(ctx, **enrolment(unit_id, rank_since=date(2011, 1, 1)))) == (
        "DATE_BEFORE_HIRE"
    )


async def test_history_that_skips_a_rank_or_predates_the_tmt_cpns_is_refused_and_not_written(
    app, ctx, unit_id, store
) -> None:
    eid = (await app.enroll_employee(ctx, **enrolment(unit_id))).stream_id
    skipped = {"rank": "III/a", "effective_on": date(2016, 4, 1), "decree": OLD_SK}  # III/a → III/c
    early = {"rank": "III/b", "effective_on": date(2011, 4, 1), "decree": OLD_SK}
    after_cut = {"position": "X", "unit_id": unit_id, "effective_on": date(2025, 2, 1), "decree": OLD_SK}
    assert (
        await code_of(app.import_history(ctx, employee_id=eid, kind="RANK", row=skipped)) == "RANK_NOT_NEXT"
    )
    assert (
        await code_of(app.import_history(ctx, employee_id=eid, kind="RANK", row=early)) == "DATE_BEFORE_HIRE"
    )
    assert await code_of(app.import_history(ctx, employee_id=eid, kind="POSITION", row=after_cut)) == (
        "INVALID_INPUT"
    )
    assert len(await store.read_stream(ctx.tenant, eid)) == 1


async def test_a_decree_dated_on_or_before_separation_is_accepted_after_it(app, ctx, unit_id) -> None:
    eid = (await app.enroll_employee(ctx, **enrolment(unit_id))).stream_id
    await app.separate_employee(
        ctx, employee_id=eid, reason="RESIGNATION", effective_on=date(2025, 6, 1), decree=SK
    )
    # The promotion SK (TMT 2025-04-01) arrives after the separation SK: still recorded.
    promoted = await app.promote_employee(
        ctx, employee_id=eid, to_rank="III/d", effective_on=date(2025, 4, 1), decree=SK
    )
    assert promoted.version == 3
    later = app.promote_employee(
        ctx, employee_id=eid, to_rank="IV/a", effective_on=date(2025, 7, 1), decree=SK
    )
    assert await code_of(later) == "INVALID_STATE"
    again = app.separate_employee(
        ctx, employee_id=eid, reason="DEATH", effective_on=date(2025, 5, 1), decree=SK
    )
    assert await code_of(again) == "INVALID_STATE"
    emp = await app.employee_as_of(ctx.tenant, eid, effective_on=date(2025, 5, 1))
    assert emp.rank == "III/d"


async def test_transfer_out_releases_the_nip_for_a_return_but_never_for_another_person(
    app, ctx, unit_id, store
) -> None:
    first = (await app.enroll_employee(ctx, **enrolment(unit_id))).stream_id
    assert await code_of(app.enroll_employee(ctx, **enrolment(unit_id, source_id="B"))) == "DUPLICATE_NIP"
    await app.transfer_employee_out(
        ctx, employee_id=first, destination_tenant="dumai", effective_on=date(2025, 3, 1), decree=SK
    )
    pool = await store.db.pool_for_tenant(ctx.tenant.slug)
    active = directory.EmployeeFilter(status="ACTIVE")
    assert first not in [
        r.id for r in (await directory.list_employees(pool, ctx.tenant.schema, active, 50, None))[0]
    ]
    left = (await directory.employees_by_ids(pool, ctx.tenant.schema, [first]))[first]
    assert (left.status, left.separated_on) == ("TRANSFERRED_OUT", date(2025, 3, 1))

    # A new hire with that NIP (another person) is refused; the person's return is enrolled and linked.
    hire = dict(nip=NIP, name="Someone Else", gender="MALE", birth_date=date(1986, 9, 26),
                employment_type="PNS", rank="III/a", position="Staf", unit_id=unit_id,
                effective_on=date(2012, 4, 1), decree=SK)  # fmt: skip
    assert await code_of(app.hire_employee(ctx, **hire)) == "DUPLICATE_NIP"
    origin = {"tenant": "dumai"}
    returning = enrolment(unit_id, enrolled_on=date(2027, 1, 4), source="transfer", origin=origin)
    back = await app.enroll_employee(ctx, **returning)
    records = await store.read_stream(ctx.tenant, back.stream_id)
    assert store.decode(records[0]).previous_employee_id == first
    assert await code_of(app.enroll_employee(ctx, **enrolment(unit_id, source_id="C"))) == "DUPLICATE_NIP"
    assert await code_of(app.hire_employee(ctx, **hire)) == "DUPLICATE_NIP"


async def test_a_pppk_appointed_again_with_a_new_ni_is_linked_to_the_ended_contract(
    app, ctx, unit_id, store
) -> None:
    pppk = dict(employment_type="PPPK", tmt_pns=None, rank="IX", rank_since=date(2019, 3, 1),
                position="Guru Ahli Pertama", position_since=date(2019, 3, 1))  # fmt: skip
    old = await app.enroll_employee(
        ctx, **enrolment(unit_id, nip="199203042019212001", birth_date=date(1992, 3, 4), gender="FEMALE",
                         tmt_cpns=date(2019, 3, 1), **pppk)
    )  # fmt: skip
    new_fields = enrolment(
        unit_id,
        nip="199203042024212002",
        birth_date=date(1992, 3, 4),
        gender="FEMALE",
        tmt_cpns=date(2024, 3, 1),
        previous_employee_id=old.stream_id,
        **(pppk | {"rank_since": date(2024, 3, 1), "position_since": date(2024, 3, 1)}),
    )
    assert await code_of(app.enroll_employee(ctx, **new_fields)) == "INVALID_STATE"  # contract still running
    await app.separate_employee(ctx, employee_id=old.stream_id, reason="CONTRACT_END",
                                effective_on=date(2024, 2, 29), decree=SK)  # fmt: skip
    again = await app.enroll_employee(ctx, **new_fields)
    records = await store.read_stream(ctx.tenant, again.stream_id)
    assert store.decode(records[0]).previous_employee_id == old.stream_id
