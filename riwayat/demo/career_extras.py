"""The career parts of a demo career added by issue 14: education at appointment, PPPK contracts and their
renewals (some part-time from 2025), salary steps (KGB) every 2 years since 2014, sanctions of every kind
of the regulation in force (and their effects: demotion and restoration, release from a post, dismissal,
a delayed KGB), and the posthumous promotion of a PNS who dies in service."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from riwayat.demo.model import DecreeRef
from riwayat.domain.checks import add_months, add_years
from riwayat.domain.discipline import SANCTIONS, Sanction, regulation_on
from riwayat.domain.enums import EmploymentType
from riwayat.domain.rank import Rank

# The `careers.Career` being built; not imported, as careers imports this module (no cycle).
Career = Any

KGB_FROM = date(2014, 1, 1)  # salary steps are on record from the SIMPEG cut-over
PART_TIME_FROM = date(2025, 1, 1)
_LEVELS = {
    "SLTA": ("SLTA",), "D-III": ("SLTA", "D_III"), "S1": ("SLTA", "S1"), "S2": ("S1", "S2"),
    "DOKTER": ("S1", "DOKTER"), "APOTEKER": ("S1", "APOTEKER"),
}  # fmt: skip
_SCHOOLS = {
    "medan": {"SLTA": ("SMA Negeri 1 Medan", "SMK Negeri 2 Medan", "MAN 2 Model Medan"),
              "HIGHER": ("Universitas Sumatera Utara", "Universitas Negeri Medan", "UIN Sumatera Utara",
                         "Poltekkes Kemenkes Medan", "Universitas Muhammadiyah Sumatera Utara")},
    "dumai": {"SLTA": ("SMA Negeri 1 Dumai", "SMK Negeri 1 Dumai", "MAN Dumai"),
              "HIGHER": ("Universitas Riau", "UIN Sultan Syarif Kasim Riau", "Politeknik Kesehatan Riau",
                         "Universitas Islam Riau", "Sekolah Tinggi Ilmu Ekonomi Dumai")},
}  # fmt: skip
_MAJORS = {"D_III": "Keperawatan", "S1": "Administrasi Publik", "S2": "Magister Manajemen",
           "DOKTER": "Pendidikan Dokter", "APOTEKER": "Profesi Apoteker"}  # fmt: skip


def education(c: Career) -> None:
    """The diplomas a person holds at appointment: SLTA, and the degree the post needs."""
    schools = _SCHOOLS["dumai" if c.t.issuer.endswith("RIAU") else "medan"]
    levels = _LEVELS[c.p.diploma]
    for i, level in enumerate(levels):
        if level == "SLTA":
            graduated = date(c.p.birth_date.year + 18, 6, 15)
        else:
            before = c.p.tmt - timedelta(days=c.rng.randint(200, 900) + 730 * (len(levels) - 1 - i))
            graduated = date(before.year, before.month, 15)
        school = c.rng.choice(schools["SLTA" if level == "SLTA" else "HIGHER"])
        number = f"DN-{graduated.year}-{c.rng.randint(10000, 99999)}"
        c.emit(c.p.tmt, "record_education", level=level, institution=school, graduated_on=graduated,
               major=_MAJORS.get(level), diploma_number=number)  # fmt: skip


def sign_contract(c: Career, start: date, *, renewal: bool) -> None:
    """A PPPK contract from `start`: 5 years first (to the planned contract end when there is one), then
    renewals of 1-5 years, some part-time (1 year) from 2025. Each carries its own NI PPPK."""
    count = c.contract[1] + 1 if c.contract else int(c.p.nip[13])
    part_time = renewal and start >= PART_TIME_FROM and c.rng.random() < 0.3
    years = 1 if part_time else 5 if not renewal else c.rng.choice((2, 3, 5, 5))
    end = add_years(start, years) - timedelta(days=1)
    if c.contract_end is not None:
        end = min(end, c.contract_end - timedelta(days=1))
    ni = c.p.nip[:13] + str(min(count, 9)) + c.p.nip[14:]
    c.emit(start, "renew_contract" if renewal else "sign_contract", start_on=start, end_on=end,
           work_time="PART_TIME" if part_time else "FULL_TIME", ni_pppk=ni,
           decree=DecreeRef("contract", start - timedelta(days=c.rng.randint(10, 40))))  # fmt: skip
    c.contract = (end, count)


def month(c: Career, day: date) -> None:
    """Renewals when a contract has run out, the salary step when due, the rank back after a demotion."""
    if c.contract is not None and day > c.contract[0] and c.contract_end is None:
        sign_contract(c, day, renewal=True)
    due = add_months(c.kgb_last, 24 + c.kgb_delay)
    if day >= due:
        if day >= KGB_FROM:
            c.emit(day, "grant_salary_step", effective_on=day,
                   decree=DecreeRef("kgb", day - timedelta(days=c.rng.randint(10, 40))))  # fmt: skip
        c.kgb_last, c.kgb_delay = day, 0
    if c.restore is not None and day >= c.restore[1]:
        c.emit(day, "restore_rank", effective_on=day, decree=DecreeRef("restore", day - timedelta(days=7)))
        c.rank, c.restore = c.restore[0], None


def pick_sanction(c: Career, on: date) -> Sanction:
    """Every kind of the regulation in force takes its turn across the tenant's sanctioned people."""
    regulation = regulation_on(on)
    lowest = Rank.parse(c.rank, EmploymentType.PNS).index == 0
    kinds = [s for s in SANCTIONS.values() if s.regulation == regulation and not (s.demotes and lowest)]
    return kinds[(c.p.index + c.rng.randrange(2)) % len(kinds)]


def after_sanction(c: Career, sanction: Sanction, on: date, months: int | None) -> None:
    if months and sanction.level != "RINGAN":
        c.sanctions.append((on, add_months(on, months)))
    if sanction.demotes and months:
        lower = Rank.all(EmploymentType.PNS)[Rank.parse(c.rank, EmploymentType.PNS).index - 1].code
        c.restore, c.rank = (c.rank, add_months(on, months)), lower
    if sanction.delays_salary_step:
        c.kgb_delay += 12
    released = {"RELEASE_TO_PELAKSANA", "RELEASE_FROM_POSITION", "TRANSFER_TO_LOWER_POSITION"}
    if sanction.kind in released and c.stage > 0:
        c.demote_to_pelaksana(on)
    if sanction.kind in {"HONOURABLE_DISMISSAL", "DISHONOURABLE_DISMISSAL"}:
        c.dismiss_on = add_months(date(on.year, on.month, 1), c.rng.randint(1, 3))
        c.dismissal = sanction.kind


def posthumous(c: Career, day: date) -> None:
    """KP anumerta: one rank up, TMT the date of death (PP 99/2000 art. 22-23)."""
    if not c.pns or c.status != "ACTIVE" or day <= c.rank_since:
        return
    following = Rank.parse(c.rank, EmploymentType.PNS).next()
    if following is not None:
        decree = DecreeRef("promotion", day + timedelta(days=c.rng.randint(20, 60)))
        c.emit(day, "promote_employee", to_rank=following.code, effective_on=day, kind="POSTHUMOUS",
               reason="KP anumerta", decree=decree)  # fmt: skip
