"""The whole plan of one demo tenant: its units, its people and their careers, its complaints.

Deterministic: every random draw comes from a `random.Random` seeded with the seed plus the tenant's
offset (and, per person, the person's index), never from the global generator.
"""

from __future__ import annotations

import random

from riwayat.demo.careers import Career, Tenancy
from riwayat.demo.catalogue import catalogue
from riwayat.demo.complaints import plan_complaints
from riwayat.demo.decrees import number_decrees
from riwayat.demo.model import TenantPlan
from riwayat.demo.people import Census, Identity, leader, staff
from riwayat.demo.performance import plan_performance
from riwayat.demo.units import UNITS, UnitSpec

ISSUERS = {"medan": "BPSDM-SUMUT", "dumai": "BPSDM-RIAU"}
MIN_EMPLOYEES = 10


def build_plan(slug: str, name: str, profile: str, employees: int, seed: int, offset: int = 0) -> TenantPlan:
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"the demo needs at least {MIN_EMPLOYEES} employees per tenant")
    units = UNITS[profile]
    base = seed + offset
    census = Census(profile, units, random.Random(base))
    people = _people(census, units, employees, base)
    heads = {p.home.code: p.nip for p in people if p.role == "head"}
    asisten = next((p.nip for p in people if p.role == "asisten"), None)
    tenancy = Tenancy(units, ISSUERS.get(profile, "BPSDM"), heads, heads.get("SETDA"), asisten)
    plans = [Career(tenancy, p, random.Random(f"{base}:career:{p.index}")).run() for p in people]
    complaints = plan_complaints(random.Random(f"{base}:complaints"), profile, units, plans, employees // 10)
    region = name.removeprefix("Pemerintah ").split(" (")[0]
    performance = plan_performance(random.Random(f"{base}:performance"), plans, tenancy.sekda, region)
    steps = (((e.index, i), s) for e in plans for i, s in enumerate(e.steps))
    number_decrees(profile, steps, random.Random(f"{base}:decrees"))
    units_named = [(u.code, u.name) for u in units]
    positions = catalogue(units, plans, random.Random(f"{base}:positions"))  # careers (issue 14)
    return TenantPlan(slug, name, profile, units_named, plans, complaints, performance, positions)


def _people(census: Census, units: tuple[UnitSpec, ...], count: int, base: int) -> list[Identity]:
    """Unit heads first (the Setda's, then the largest units'), the Asisten, then the staff."""
    ranked = sorted(units, key=lambda u: (u.code != "SETDA", -u.weight))
    led = ranked[: min(len(units), max(1, count // 20))]
    people: list[Identity] = []
    for unit in led:
        people.append(leader(census, _rng(base, len(people)), len(people), "head", unit))
    setda = next((u for u in units if u.code == "SETDA"), units[0])
    people.append(leader(census, _rng(base, len(people)), len(people), "asisten", setda))
    # However small the tenant, someone has retired and someone has faced a disciplinary case.
    for kind in ("senior", "sanctioned", "retiring", "retiring_guru"):  # careers (issue 14): retiring
        people.append(staff(census, _rng(base, len(people)), len(people), kind))
    while len(people) < count:
        people.append(staff(census, _rng(base, len(people)), len(people)))
    return people


def _rng(base: int, index: int) -> random.Random:
    return random.Random(f"{base}:person:{index}")
