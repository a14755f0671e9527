"""`riwayat demo`: deterministic plans of valid careers, loaded through the application service."""

from __future__ import annotations

import io
import uuid
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from riwayat.demo import DemoTenant, build_plan, count_employees, load_demo_into
from riwayat.demo.careers import HORIZON
from riwayat.domain.nip import Nip
from riwayat.domain.values import Decree
from riwayat.infra.audit import verify_tenant
from riwayat.infra.auth import ROLES, verify_token
from riwayat.infra.ledger import LogFilter
from riwayat.infra.settings import Settings
from riwayat.services import services

MAIN_EVENT_TYPES = {
    "OrgUnit.Established",
    "Employee.Hired",
    "Employee.ProbationCompleted",
    "Employee.RankPromoted",
    "Employee.PositionAssigned",
    "Employee.TrainingCompleted",
    "Employee.AppraisalRecorded",
    "Employee.DisciplineImposed",
    "Employee.Separated",
    "Complaint.Filed",
    "Complaint.Triaged",
    "Complaint.Resolved",
    "Complaint.Reopened",
    "Complaint.Closed",
}


# ---- the plan (no database) ---------------------------------------------------------------------------


def test_the_same_seed_plans_the_same_tenant_and_another_seed_does_not() -> None:
    first = build_plan("medan", "Pemerintah Kota Medan", "medan", 40, seed=7)
    again = build_plan("medan", "Pemerintah Kota Medan", "medan", 40, seed=7)
    other = build_plan("medan", "Pemerintah Kota Medan", "medan", 40, seed=8)

    assert first == again
    assert [e.nip for e in first.employees] != [e.nip for e in other.employees]


@pytest.mark.parametrize("profile", ["medan", "dumai"])
def test_every_nip_is_unique_and_agrees_with_the_person_and_the_appointment(profile: str) -> None:
    plan = build_plan(profile, profile, profile, 200, seed=1275)

    nips = [e.nip for e in plan.employees]
    assert len(set(nips)) == len(nips) == 200
    for employee in plan.employees:
        hire = employee.steps[0]
        assert hire.command == "hire_employee"
        nip = Nip.parse(employee.nip)
        tmt = hire.args["effective_on"]
        assert nip.birth_date == employee.birth_date == hire.args["birth_date"]
        assert nip.gender.value == employee.gender
        assert nip.employment_type.value == employee.employment_type
        assert nip.appointment_year == tmt.year and tmt.day == 1
        if employee.employment_type == "PNS":
            assert nip.appointment_month == tmt.month
        born = employee.birth_date
        age = tmt.year - born.year - ((tmt.month, tmt.day) < (born.month, born.day))
        assert 18 <= age <= 35


def test_careers_stay_in_date_order_before_the_horizon_and_decrees_are_numbered() -> None:
    plan = build_plan("dumai", "Pemerintah Kota Dumai", "dumai", 120, seed=3)

    for employee in plan.employees:
        dates = [s.on for s in employee.steps]
        assert dates == sorted(dates) and dates[-1] <= HORIZON
        assert 5 <= (HORIZON - dates[0]).days / 365.25 <= 30
        for step in employee.steps:
            decree = step.args.get("decree")
            if decree is not None:
                assert isinstance(decree, Decree) and decree.date <= HORIZON
                assert decree.number.endswith(f"/{decree.date.year}")
            if step.command == "record_appraisal":
                assert step.args["appraiser_nip"] != employee.nip
            if step.command == "promote_employee":
                assert step.on.day == 1


# ---- loading (real PostgreSQL) ------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def svc(settings: Settings) -> AsyncIterator:
    async with services(settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def demo_tenants() -> tuple[DemoTenant, DemoTenant]:
    suffix = uuid.uuid4().hex[:8]
    return (
        DemoTenant(f"dmedan{suffix}", "Pemerintah Kota Medan (test)", "medan"),
        DemoTenant(f"ddumai{suffix}", "Pemerintah Kota Dumai (test)", "dumai"),
    )


@pytest.fixture(scope="module")
async def loaded(svc, demo_tenants) -> str:
    out = io.StringIO()
    code = await load_demo_into(
        svc, employees=30, seed=11, tenants=demo_tenants, out=out, show_progress=False
    )
    assert code == 0
    return out.getvalue()


async def _event_types(svc, tenant) -> Counter:
    pool = await svc.store.db.pool_for_tenant(tenant.slug)
    rows = await pool.fetch(
        f"SELECT split_part(topic, ':', 2) AS type, count(*) FROM {tenant.schema}.events GROUP BY 1"
    )
    return Counter({r["type"]: r["count"] for r in rows})


async def test_the_loader_fills_each_tenant_with_every_kind_of_event_through_the_application(
    svc, demo_tenants, loaded
) -> None:
    for spec in demo_tenants:
        tenant = await svc.tenants.require(spec.slug)
        types = await _event_types(svc, tenant)

        assert await count_employees(svc.store, tenant) == 30
        assert not MAIN_EVENT_TYPES - set(types)
        assert types["Complaint.Filed"] == 3
        actors = {r.metadata["actor"] for r in await svc.store.read_log(tenant, limit=500)}
        assert actors == {"demo-loader"}


async def test_loaded_nips_are_valid_unique_and_match_the_hired_person(svc, demo_tenants, loaded) -> None:
    tenant = await svc.tenants.require(demo_tenants[0].slug)
    records = await svc.store.read_log(tenant, limit=1000, log_filter=LogFilter(types=["Employee.Hired"]))
    hired = [svc.store.decode(r) for r in records]

    nips = [h.nip for h in hired]
    assert len(set(nips)) == len(nips) == 30
    for h in hired:
        nip = Nip.parse(h.nip)
        assert nip.birth_date == h.birth_date and nip.gender.value == h.gender
        assert nip.employment_type.value == h.employment_type
        assert nip.appointment_year == h.effective_on.year


async def test_the_loaded_ledgers_verify(svc, demo_tenants, loaded) -> None:
    for spec in demo_tenants:
        report = await verify_tenant(svc.store, await svc.tenants.require(spec.slug))
        assert report.ok and report.checked_events > 500


async def test_running_the_loader_again_adds_nothing(svc, demo_tenants, loaded) -> None:
    tenants = [await svc.tenants.require(spec.slug) for spec in demo_tenants]
    heads = [await svc.store.head(t) for t in tenants]
    out = io.StringIO()

    code = await load_demo_into(
        svc, employees=30, seed=11, tenants=demo_tenants, out=out, show_progress=False
    )

    assert code == 0
    assert [await svc.store.head(t) for t in tenants] == heads
    assert "already loaded" in out.getvalue()


async def test_the_loader_prints_a_token_per_role_and_tenant_and_how_to_call_the_api(
    settings, demo_tenants, loaded
) -> None:
    tokens = {}
    for line in loaded.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].rstrip(":") in ROLES:
            tokens[(parts[0], parts[1].rstrip(":"))] = parts[2]

    roles = [r for r in ROLES if r != "employee"]  # employee tokens name a person (leave, issue 17)
    assert set(tokens) == {(t.slug, role) for t in demo_tenants for role in roles}
    for (slug, role), token in tokens.items():
        principal = verify_token(settings, token)
        assert principal.tenant == slug and principal.roles == frozenset({role})
    people = [p for p in map(str.split, loaded.splitlines()) if p[1:2] in (["superior"], ["employee"])]
    first = sorted(p[1] for p in people if p[0] == demo_tenants[0].slug)
    assert first == ["employee", "employee", "superior"]
    for slug, _, nip, token in people:
        principal = verify_token(settings, token)
        assert principal.tenant == slug and principal.subject == nip.rstrip(":")
        assert principal.roles == frozenset({"employee"})
    assert "http://127.0.0.1:8000/graphql" in loaded and "curl" in loaded
