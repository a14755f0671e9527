"""Who the demo employees are: unit, job, diploma, sex, birth date, appointment TMT, NIP and name.

NIP (PNS): birth date YYYYMMDD · TMT CPNS YYYYMM · sex 1/2 · sequence. NI PPPK: birth date · year of
appointment · 2 · contract count · sex · sequence. Sequences start at 001 and step up on a clash, so
every number is unique in the tenant and agrees with the person it is issued to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from riwayat.demo.names import person_name
from riwayat.demo.positions import JOBS, Job
from riwayat.demo.units import UnitSpec
from riwayat.domain.checks import add_years

# Appointments fall between 30 and 5 years before the demo's horizon (1 Nov 2026).
PNS_TMT_YEARS: dict[int, int] = {
    **{year: 4 for year in range(1997, 2011)},
    2011: 1,
    2013: 2,
    2014: 3,
    2017: 1,
    2018: 3,
    2019: 5,
    2020: 2,
    2021: 4,
}
PPPK_TMTS = (date(2020, 1, 1), date(2020, 7, 1), date(2021, 1, 1), date(2021, 3, 1), date(2021, 10, 1))
HIRE_AGE = {
    "SLTA": (19, 28),
    "D-III": (21, 30),
    "S1": (22, 35),
    "S2": (26, 35),
    "DOKTER": (25, 34),
    "APOTEKER": (24, 33),
}
FEMALE_SHARE = {"teacher": 0.65, "nurse": 0.75, "midwife": 1.0, "doctor": 0.6, "dentist": 0.7, "fire": 0.08}
PPPK_SHARE = {"medan": 0.25, "dumai": 0.30}


@dataclass
class Identity:
    index: int
    role: str | None  # "head" / "asisten" for the unit leaders
    home: UnitSpec  # the unit led (leaders) or first placed in
    unit: UnitSpec
    job: Job
    diploma: str
    employment_type: str
    gender: str
    birth_date: date
    tmt: date
    nip: str = ""
    name: str = ""
    sanctioned: bool = False  # certain to face one disciplinary case
    stays: bool = False  # careers (issue 14): in service at the horizon (no random death or resignation)


@dataclass
class Census:
    """Tenant-wide state while people are drawn: issued numbers and each year's CPNS intake months."""

    profile: str
    units: tuple[UnitSpec, ...]
    rng: random.Random
    nips: set[str] = field(default_factory=set)
    intake_months: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def months_of(self, year: int) -> tuple[int, ...]:
        if year not in self.intake_months:
            months = sorted(self.rng.sample([1, 2, 3, 4, 6, 10, 12], 2))
            self.intake_months[year] = tuple(m for m in months if year < 2021 or m <= 10) or (3,)
        return self.intake_months[year]


def leader(census: Census, rng: random.Random, index: int, role: str, unit: UnitSpec) -> Identity:
    """A future head of `unit` (or the Asisten of the Setda): appointed young, 1997–2001, with a degree."""
    born_year = rng.randint(1970, 1976)
    tmt_year = rng.randint(max(1997, born_year + 22), min(2001, born_year + 28))
    tmt = date(tmt_year, rng.choice(census.months_of(tmt_year)), 1)
    start = unit if rng.random() < 0.5 else _weighted_unit(rng, census.units, general=True)
    jobs = [
        j
        for j in JOBS[start.kind]
        if j.structural_eligible and (j.title is None or any(d in {"S1", "S2"} for d, _ in j.diplomas))
    ]
    job = rng.choice(jobs)
    diploma = "S2" if rng.random() < 0.3 else "S1"
    gender = "FEMALE" if rng.random() < 0.35 else "MALE"
    birth = _birth(rng, tmt, tmt_year - born_year, tmt_year - born_year)
    person = Identity(index, role, unit, start, job, diploma, "PNS", gender, birth, tmt)
    return _named(census, rng, person)


def staff(census: Census, rng: random.Random, index: int, kind: str | None = None) -> Identity:
    """A civil servant drawn from the tenant's mix. `kind` "senior" is a PNS appointed in 1997–1999 at
    33–35 (so retired by the horizon); "sanctioned" a PNS appointed by 2018 who will face a sanction."""
    pppk = kind is None and rng.random() < PPPK_SHARE.get(census.profile, 0.25)
    unit = _weighted_unit(rng, census.units, general=False, pppk=pppk)
    if kind in RETIRING:  # careers (issue 14): a teacher (BUP 60) and a pelaksana (BUP 58)
        wanted = "EDUCATION" if kind == "retiring_guru" else "SETDA"
        unit = next(u for u in census.units if u.kind == wanted)
    jobs = JOBS[unit.kind]
    # PPPK are mostly appointed to functional posts (teachers, health workers)
    weights = [j.weight * (3 if pppk and j.title else 1) for j in jobs]
    job = rng.choices(jobs, weights=weights)[0]
    if kind in RETIRING:
        job = next(j for j in jobs if j.title == ("Guru" if kind == "retiring_guru" else None))
    diploma = _pick(rng, job.diplomas)
    gender = "FEMALE" if rng.random() < FEMALE_SHARE.get(job.field or "", 0.45) else "MALE"
    if unit.kind in {"ORDER", "FIRE"} and rng.random() < 0.6:
        gender = "MALE"
    if pppk:
        tmt = rng.choice(PPPK_TMTS)
    else:
        years = tuple((y, w) for y, w in PNS_TMT_YEARS.items() if kind is None or y <= 2018)
        year = rng.randint(1997, 1999) if kind == "senior" else _pick(rng, years)
        tmt = date(year, rng.choice(census.months_of(year)), 1)
    low, high = (33, 35) if kind == "senior" else HIRE_AGE[diploma]
    birth = _birth(rng, tmt, low, high)
    if kind in RETIRING:
        # Retiring within the year after the horizon (1 Nov 2026): the BUP birthday month in 2027.
        bup = 60 if kind == "retiring_guru" else 58
        birth = date(2027 - bup, rng.randint(1, 9), rng.randint(1, 28))
        tmt = date(max(1997, birth.year + 26), rng.choice(census.months_of(max(1997, birth.year + 26))), 1)
    person = Identity(index, None, unit, unit, job, diploma, "PPPK" if pppk else "PNS", gender, birth, tmt)
    person.sanctioned = kind == "sanctioned"
    person.stays = kind in RETIRING
    return _named(census, rng, person)


RETIRING = ("retiring", "retiring_guru")


def _named(census: Census, rng: random.Random, person: Identity) -> Identity:
    person.nip = _issue_nip(census, rng, person)
    person.name = person_name(rng, census.profile, person.gender, person.diploma, person.job.field)
    return person


def _issue_nip(census: Census, rng: random.Random, p: Identity) -> str:
    sex = "1" if p.gender == "MALE" else "2"
    if p.employment_type == "PNS":
        head = f"{p.birth_date:%Y%m%d}{p.tmt:%Y%m}{sex}"
    else:
        head = f"{p.birth_date:%Y%m%d}{p.tmt:%Y}21{sex}"
    sequence = 1 if rng.random() < 0.7 else rng.randint(2, 9)
    while f"{head}{sequence:03d}" in census.nips:
        sequence += 1
    if sequence > 999:
        raise RuntimeError(f"no NIP sequence left for {head}")
    nip = f"{head}{sequence:03d}"
    census.nips.add(nip)
    return nip


def _birth(rng: random.Random, tmt: date, low: int, high: int) -> date:
    """A birth date making the person `low`–`high` years old (whole years) on the TMT."""
    age = rng.randint(low, high)
    return add_years(tmt, -age) - timedelta(days=rng.randint(1, 364))


def _weighted_unit(
    rng: random.Random, units: tuple[UnitSpec, ...], *, general: bool, pppk: bool = False
) -> UnitSpec:
    if general:
        pool = [u for u in units if u.kind not in {"EDUCATION", "HEALTH", "HOSPITAL"}]
        return rng.choices(pool, weights=[u.weight for u in pool])[0]
    boost = {"EDUCATION": 2.0, "HEALTH": 1.5, "HOSPITAL": 1.5} if pppk else {}
    return rng.choices(units, weights=[u.weight * boost.get(u.kind, 1.0) for u in units])[0]


def _pick(rng: random.Random, weighted: tuple[tuple, ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]
