"""A career, month by month from the appointment TMT to retirement or the demo horizon (1 Nov 2026).

Every step respects the rules the commands enforce (probation of a year before anything a PNS-only
decree needs, one rank step at a time on the 1st of an allowed month, nothing after separation) and the
ones they only report: promotion about every four years with SKP at least BAIK in the two previous
years and no sanction running, capped by diploma (structural officials may go further by KP pilihan),
about 20 JP of training a year, retirement at the BUP of the position held.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from riwayat.demo import career_extras as extra
from riwayat.demo import conduct, trainings
from riwayat.demo import positions as pos
from riwayat.demo.model import DecreeRef, EmployeePlan, Step
from riwayat.demo.people import Identity
from riwayat.demo.units import UnitSpec
from riwayat.domain import reference
from riwayat.domain.appraisal import predikat
from riwayat.domain.checks import add_months, add_years
from riwayat.domain.enums import EmploymentType
from riwayat.domain.rank import Rank

HORIZON = date(2026, 11, 1)  # nothing in the demo takes effect after this date
APPRAISALS_FROM = 2014  # SKP (PP 46/2011) replaced the DP3 from 2014
LAST_APPRAISAL_YEAR = 2025
PPPK_GOLONGAN = {"SLTA": "V", "D-III": "VII", "S1": "IX", "S2": "X", "DOKTER": "X", "APOTEKER": "X"}
_PNS = EmploymentType.PNS
_GOOD = {"SANGAT_BAIK", "BAIK"}
_ANALIS_KEBIJAKAN = pos.Job("Analis Kebijakan", None, 0, (("S1", 1),))


@dataclass
class Tenancy:
    """What a career needs to know about the rest of the tenant."""

    units: tuple[UnitSpec, ...]
    issuer: str  # the provincial training agency on certificates
    heads: dict[str, str]  # unit code → NIP of its head
    sekda: str | None
    asisten: str | None

    def appraiser(self, nip: str, unit: str, role: str | None) -> str | None:
        """The superior who signs the SKP: the unit head, the Sekda for heads, the Asisten for the Sekda."""
        if role is None:
            chain = [self.heads.get(unit), self.sekda, self.asisten]
        elif role == "head" and self.heads.get("SETDA") != nip:
            chain = [self.sekda, self.asisten]
        else:
            chain = [self.asisten, self.sekda]
        return next((n for n in chain if n and n != nip), None)


class Career:
    def __init__(self, tenancy: Tenancy, person: Identity, rng: random.Random) -> None:
        self.t, self.p, self.rng = tenancy, person, rng
        self.plan = EmployeePlan(
            person.index,
            person.nip,
            person.name,
            person.gender,
            person.birth_date,
            person.employment_type,
            person.diploma,
            person.role,
        )
        self.pns = person.employment_type == "PNS"
        self.unit, self.job, self.stage = person.unit, person.job, 0
        self.rank = reference.DIPLOMA_RANKS[person.diploma][0] if self.pns else PPPK_GOLONGAN[person.diploma]
        self.rank_since, self.next_due = person.tmt, add_years(person.tmt, 4)
        self.credit_points = rng.random() < 0.5
        self.cap = self._cap()
        self.status = "CANDIDATE" if self.pns else "ACTIVE"
        self.probation_on = add_months(person.tmt, 12 + rng.choice((0, 0, 1, 2, 3, 6)))
        self.structural = person.role is not None or (
            self.pns
            and person.job.structural_eligible
            and person.diploma in {"S1", "S2"}
            and rng.random() < 0.12
        )
        self.stage_since = person.tmt
        self.leader_dates = self._leader_dates() if person.role else []
        self.position = self._staff_title()
        self.sanctions: list[tuple[date, date]] = []
        self.ratings: dict[int, str] = {}
        self.pending: list[trainings.Completed] = []
        self.discipline_on = self._draw_discipline()
        self.dismiss_on: date | None = None
        self.dismissal = "DISMISSAL"
        self.contract_end = add_years(person.tmt, 5) if not self.pns and rng.random() < 0.1 else None
        self.separated = False
        self.retirements: dict[int, date] = {}
        # careers (issue 14): contracts, salary steps, demotions
        self.contract: tuple[date, int] | None = None  # (end of the current contract, its count)
        self.kgb_last, self.kgb_delay = person.tmt, 0
        self.restore: tuple[str, date] | None = None  # (rank to return to, from when)

    # ---- the run -------------------------------------------------------------------------------------

    def run(self) -> EmployeePlan:
        p = self.p
        decree = DecreeRef(
            "hire_pns" if self.pns else "hire_pppk", p.tmt - timedelta(days=self.rng.randint(5, 45))
        )
        self.emit(
            p.tmt,
            "hire_employee",
            nip=p.nip,
            name=p.name,
            gender=p.gender,
            birth_date=p.birth_date,
            employment_type=p.employment_type,
            rank=self.rank,
            position=self.position,
            unit_id=self.unit.code,
            effective_on=p.tmt,
            decree=decree,
        )
        if self.pns:
            self.pending.append(trainings.latsar(self.rng, p.tmt, self.rank, self.t.issuer))
        extra.education(self)  # careers (issue 14)
        if not self.pns:
            extra.sign_contract(self, p.tmt, renewal=False)
        day = p.tmt
        while day <= HORIZON and not self.separated:
            self.month(day)
            day = _next_month(day)
        self.plan.steps.sort(key=lambda s: s.on)  # stable: same-day steps keep their order
        return self.plan

    def month(self, day: date) -> None:
        if self._separation(day):
            return
        if day.month == 1 or day == self.p.tmt:
            self._plan_trainings(day)
        if self.status == "CANDIDATE" and day >= self.probation_on:
            decree = DecreeRef("probation", day - timedelta(days=self.rng.randint(3, 40)))
            self.emit(day, "complete_probation", effective_on=day, decree=decree)
            self.status = "ACTIVE"
        self._discipline(day)
        extra.month(self, day)  # careers (issue 14): contract renewals, salary steps, rank restored
        self._promotion(day)
        self._structural(day)
        self._move(day)
        following = _next_month(day)
        for course in [c for c in self.pending if c.on < following]:
            self.pending.remove(course)
            if course.on < HORIZON:
                self.emit(
                    course.on,
                    "record_training",
                    title=course.title,
                    kind=course.kind,
                    hours=course.hours,
                    completed_on=course.on,
                    certificate_number=course.certificate,
                )
        if day.month == 12:
            self._appraisal(day.year)

    def emit(self, on: date, command: str, **args: object) -> None:
        self.plan.steps.append(Step(on, command, args))

    # ---- separation ----------------------------------------------------------------------------------

    def _separation(self, day: date) -> bool:
        reason = None
        if day >= self._retirement(pos.bup_age(self.position)):
            reason = "RETIREMENT"
        elif self.contract_end is not None and day >= self.contract_end and self.contract_ended(day):
            reason = "CONTRACT_END"
        elif self.dismiss_on is not None and day >= self.dismiss_on:
            reason = self.dismissal
        elif self.p.role is None and not self.p.stays and day > self.probation_on:
            draw = self.rng.random()
            reason = "DEATH" if draw < 0.00012 else "RESIGNATION" if draw < 0.00022 else None
            if reason == "DEATH" and self.unit.kind == "FIRE":
                reason = "DEATH_ON_DUTY"
        if reason is None:
            return False
        notice = (60, 150) if reason in {"RETIREMENT", "CONTRACT_END"} else (5, 30)
        action = "retirement" if reason == "RETIREMENT" else "separation"
        decree = DecreeRef(action, day - timedelta(days=self.rng.randint(*notice)))
        self.emit(day, "separate_employee", reason=reason, effective_on=day, decree=decree)
        self.separated = True
        if reason.startswith("DEATH"):
            extra.posthumous(self, day)  # careers (issue 14): KP anumerta
        return True

    # ---- rank and position ---------------------------------------------------------------------------

    def _promotion(self, day: date) -> None:
        if not self.pns or self.status != "ACTIVE" or day < self.next_due:
            return
        if not reference.is_promotion_period(day) or self._sanctioned(day) or not self._skp_ok(day.year):
            return
        following = Rank.parse(self.rank, _PNS).next()
        if following is None or following.index > self.cap or self.rng.random() > 0.7:
            return
        beyond = following.index > Rank.parse(reference.DIPLOMA_RANKS[self.p.diploma][1], _PNS).index
        track = "jabatan struktural" if self.stage > 0 else "jabatan fungsional"
        reason = f"KP pilihan: {track}" if beyond else "KP reguler"
        decree = DecreeRef("promotion", day - timedelta(days=self.rng.randint(14, 75)))
        self.emit(
            day, "promote_employee", to_rank=following.code, effective_on=day, decree=decree, reason=reason
        )
        self.rank, self.rank_since, self.next_due = following.code, day, add_years(day, 4)
        if self.stage == 0:
            title = pos.level_title(self.job, self.p.diploma, self.rank, "PNS")
            if title and title != self.position:
                self._assign(day, title, self.unit, "PROMOTION", "jenjang")

    def _structural(self, day: date) -> None:
        if not self.structural or self.status != "ACTIVE":
            return
        if self.p.role is not None:
            if self.stage < len(self.leader_dates) and day >= self.leader_dates[self.stage]:
                self._advance(day)
            return
        if day == date(2022, 1, 1) and self.stage == 1 and self.unit.kind not in {"KECAMATAN", "HOSPITAL"}:
            # Penyederhanaan birokrasi: pengawas posts became jabatan fungsional.
            self.job, self.stage, self.structural = _ANALIS_KEBIJAKAN, 0, False
            self._assign(day, "Analis Kebijakan Ahli Muda", self.unit, "ROTATION", "penyetaraan")
            self.cap = self._cap()
            return
        rank = Rank.parse(self.rank, _PNS).index
        if self.stage == 0 and rank >= 9 and day.year <= 2021 and day >= add_years(self.p.tmt, 8):
            if self.rng.random() < 0.02:
                self._advance(day)
        elif (
            self.stage == 1
            and rank >= 11
            and day >= add_years(self.stage_since, 4)
            and self.rng.random() < 0.015
        ):
            self._advance(day)

    def _advance(self, day: date) -> None:
        """The next structural post: pengawas, administrator, then (leaders) the head of their unit."""
        self.stage += 1
        pick = self.rng.randrange(1000)
        unit, level = self.unit, ("pengawas", "administrator", "jpt")[min(self.stage, 3) - 1]
        if self.stage == 1:
            title = pos.section_title(unit.kind, pick)
        elif self.stage == 2:
            title = pos.division_title(unit.kind, unit.name, pick)
        else:
            unit = self.p.home
            title = unit.head if self.p.role == "head" else "Asisten Pemerintahan dan Kesejahteraan Rakyat"
            level = "jpt" if pos.is_jpt(title) else "administrator"
        self.stage_since = day
        self._assign(day, title, unit, "PROMOTION", "structural")
        self.pending.append(trainings.leadership(self.rng, level, day, self.t.issuer))
        self.cap = self._cap()

    def _move(self, day: date) -> None:
        """Mutasi to another unit now and then; rotation within the unit for pelaksana and officials."""
        if self.p.role is not None or not self.pns or self.status != "ACTIVE" or not self.job.mobile:
            return
        draw = self.rng.random()
        if draw < 0.003:
            target = self._transfer_target()
            if target is not None:
                self._assign(day, self._title_in(target), target, "TRANSFER", "transfer")
        elif draw < 0.005 and (self.stage > 0 or self.job.title is None):
            title = self._title_in(self.unit)
            if title != self.position:
                self._assign(day, title, self.unit, "ROTATION", "rotation")

    def _assign(self, day: date, title: str, unit: UnitSpec, change: str, action: str) -> None:
        decree = DecreeRef(action, day - timedelta(days=self.rng.randint(0, 21)))
        self.emit(
            day,
            "assign_position",
            position=title,
            unit_id=unit.code,
            change=change,
            effective_on=day,
            decree=decree,
        )
        self.position, self.unit = title, unit

    def _transfer_target(self) -> UnitSpec | None:
        kinds = pos.TRANSFER_KINDS.get(self.unit.kind, pos.GENERAL_KINDS)
        fits = [
            u
            for u in self.t.units
            if u.kind in kinds
            and u.code != self.unit.code
            and (
                self.job.title is None
                or self.stage > 0
                or any(j.title == self.job.title for j in pos.JOBS[u.kind])
            )
        ]
        return self.rng.choices(fits, weights=[u.weight for u in fits])[0] if fits else None

    def _title_in(self, unit: UnitSpec) -> str:
        pick = self.rng.randrange(1000)
        if self.stage == 1:
            return pos.section_title(unit.kind, pick)
        if self.stage >= 2:
            return pos.division_title(unit.kind, unit.name, pick)
        return self._staff_title(pick)

    def _staff_title(self, pick: int | None = None) -> str:
        title = pos.level_title(self.job, self.p.diploma, self.rank, self.p.employment_type)
        return title or pos.pelaksana_title(
            self.p.diploma, self.rng.randrange(1000) if pick is None else pick
        )

    def _cap(self) -> int:
        top = reference.DIPLOMA_RANKS[self.p.diploma][1]
        if self.stage >= 3 or (self.p.role and self.stage >= 2):
            top = "IV/c" if self.stage >= 3 and pos.is_jpt(self.position) else "IV/b"
        elif self.stage >= 1:
            top = max(top, "IV/a", key=lambda r: Rank.parse(r, _PNS).index)
        elif self.job.title is not None and self.credit_points:
            # A JF holder with enough angka kredit rises past the diploma's cap: to Ahli Madya or Penyelia.
            expert = self.p.diploma in pos.EXPERT_DIPLOMAS
            top = max(top, "IV/b" if expert else "III/d", key=lambda r: Rank.parse(r, _PNS).index)
        return Rank.parse(top, _PNS).index if self.pns else 0

    def _retirement(self, age: int) -> date:
        """BUP takes effect on the 1st of the month after the birthday month in which the age is reached."""
        if age not in self.retirements:
            born = self.p.birth_date
            self.retirements[age] = add_months(date(born.year + age, born.month, 1), 1)
        return self.retirements[age]

    def _leader_dates(self) -> list[date]:
        tmt, rng = self.p.tmt, self.rng
        first = add_months(tmt, rng.randint(72, 96))
        second = add_months(first, rng.randint(54, 72))
        head = max(add_months(second, rng.randint(36, 60)), date(2012, 1, 1))
        return [first, second, min(head, date(2023, 1, 1))]

    # ---- appraisal, discipline, training -------------------------------------------------------------

    def _appraisal(self, year: int) -> None:
        if not APPRAISALS_FROM <= year <= LAST_APPRAISAL_YEAR or date(year, 7, 1) < self.p.tmt:
            return
        appraiser = self.t.appraiser(self.p.nip, self.unit.code, self.p.role)
        if appraiser is None:
            return
        work, behaviour = conduct.skp_ratings(self.rng)
        if any(start.year <= year <= end.year for start, end in self.sanctions):
            behaviour = "BELOW"
        self.ratings[year] = predikat(work, behaviour).value
        self.emit(
            date(year, 12, 31),
            "record_appraisal",
            year=year,
            work_result=work,
            behaviour=behaviour,
            appraiser_nip=appraiser,
        )

    def _skp_ok(self, year: int) -> bool:
        return all(self.ratings.get(y, "BAIK") in _GOOD for y in (year - 2, year - 1))

    def _sanctioned(self, day: date) -> bool:
        return any(start <= day < end for start, end in self.sanctions)

    def _draw_discipline(self) -> date | None:
        drawn = self.rng.random() < 0.12
        if not self.pns or self.p.role is not None or not (drawn or self.p.sanctioned):
            return None
        earliest = add_years(self.p.tmt, 2)
        span = (HORIZON - earliest).days
        return earliest + timedelta(days=self.rng.randrange(span)) if span > 60 else None

    def _discipline(self, day: date) -> None:
        on = self.discipline_on
        if on is None or (on.year, on.month) != (day.year, day.month):
            return
        self.discipline_on = None
        sanction = extra.pick_sanction(self, on)
        description = conduct.sanction_text(self.rng, sanction.level, self.stage > 0)
        decree = DecreeRef("discipline", on - timedelta(days=self.rng.randint(0, 10)))
        months = sanction.terms[self.rng.randrange(len(sanction.terms))] if sanction.terms else None
        self.emit(
            on, "impose_discipline", level=sanction.level, kind=sanction.kind, months=months,
            description=description, effective_on=on, decree=decree,
        )  # fmt: skip
        extra.after_sanction(self, sanction, on, months)

    def demote_to_pelaksana(self, on: date) -> None:
        """Released from a structural post (a heavy sanction): a pelaksana post in the same unit."""
        self.stage, self.structural, self.job = 0, False, pos.Job(None, None, 0, ((self.p.diploma, 1),))
        title = pos.pelaksana_title(self.p.diploma, self.rng.randrange(9))
        self._assign(on, title, self.unit, "DEMOTION", "discipline")
        self.cap = self._cap()

    def contract_ended(self, day: date) -> bool:
        return self.contract is None or day > self.contract[0]

    def _plan_trainings(self, day: date) -> None:
        self.pending.extend(
            trainings.yearly(
                self.rng,
                day.year,
                self.job.field,
                self.p.employment_type,
                max(day, self.p.tmt),
                HORIZON,
                self.t.issuer,
            )
        )


def _next_month(day: date) -> date:
    """The 1st of the following month, for a date that is a 1st (cheaper than `add_months`)."""
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
