"""The demo's performance cycle: 2025 plans with quarterly reviews and 360° feedback for part of the
staff, annual ratings, objections (upheld and rejected), coaching for the weak, numeric 2020 SKP, and
Satyalancana Karya Satya and regional awards.

Planned from the careers already drawn: a chosen employee's 2025 final SKP step (and, for some, the 2020
one) is taken out of their career and recorded through the cycle instead, with the same ratings, so the
careers' promotions stay as they were. Runs after the employees are loaded: plans are named by
(employee, year), coaching cases by their plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from riwayat.demo.model import EmployeePlan, Step
from riwayat.domain.appraisal import predikat
from riwayat.domain.award import service_years
from riwayat.domain.coaching import case_id
from riwayat.domain.performance import plan_id
from riwayat.domain.performance_rules import REGIONAL_HEAD, SATYALANCANA_YEARS, WEAK
from riwayat.domain.values import Decree

YEAR = 2025
SHARE = 0.2  # of the employees in service, at least MIN_PLANS
MIN_PLANS = 6
_LOWER = {"ABOVE": "MEETS", "MEETS": "BELOW", "BELOW": "BELOW"}
_UPHELD = ("ABOVE", "ABOVE")  # the corrected rating of the demo's upheld objection: SANGAT_BAIK
_TARGETS = (
    ("Pelayanan administrasi selesai tepat waktu", "permohonan selesai sesuai SOP", "95%"),
    ("Laporan kinerja triwulan disampaikan", "laporan diterima Bappeda", "4 laporan"),
    ("Data kepegawaian dimutakhirkan di SIASN", "berkas dimutakhirkan", "100%"),
    ("Pengaduan masyarakat ditindaklanjuti", "aduan dijawab <= 5 hari kerja", "90%"),
    ("Kegiatan bidang terlaksana sesuai DPA", "realisasi anggaran", "92%"),
)
_VALUES = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


@dataclass
class PerformanceScript:
    """Commands about one employee, run in order once the employee exists. `plan_year` in the args
    becomes that year's plan id, `case_year` the id of that plan's coaching case."""

    employee: int
    steps: list[Step] = field(default_factory=list)

    def emit(self, on: date, command: str, **args: Any) -> None:
        self.steps.append(Step(on, command, args))


def plan_performance(
    rng: random.Random, people: list[EmployeePlan], sekda: str | None, region: str
) -> list[PerformanceScript]:
    """Chooses the cycle's employees, moves their 2025 (and some 2020) SKP out of their careers, and
    writes their scripts; then the awards."""
    rated = {e.index: _appraisal_step(e, YEAR) for e in people if not e.separated}
    rated = {i: s for i, s in rated.items() if s is not None}
    weak = [i for i, s in rated.items() if predikat(s.args["work_result"], s.args["behaviour"]) in WEAK]
    others = [i for i in rated if i not in weak]
    rng.shuffle(others)
    wanted = max(MIN_PLANS, int(len(rated) * SHARE))
    # The weak first: the first (weak quarters) is coached, the second objects and is upheld, the third
    # objects, is rejected and is left due coaching (so `coachingDue` answers something).
    chosen = weak[: wanted // 2] + others[: wanted - min(len(weak), wanted // 2)]
    by_index = {e.index: e for e in people}
    nips = [e.nip for e in people if not e.separated]
    scripts = []
    for n, index in enumerate(chosen):
        person, step = by_index[index], rated[index]
        person.steps.remove(step)
        script = PerformanceScript(index)
        _year(rng, script, person, step, sekda, nips, n)
        if n % 3 == 0:
            _historical(rng, script, person)
        scripts.append(script)
    scripts.extend(_awards(rng, people, region, scripts))
    return scripts


def _appraisal_step(person: EmployeePlan, year: int) -> Step | None:
    return next((s for s in person.steps if s.command == "record_appraisal" and s.args["year"] == year), None)


def _superior(appraiser: str, sekda: str | None, employee: str) -> str:
    if sekda is None or appraiser in (sekda, REGIONAL_HEAD) or employee == sekda:
        return REGIONAL_HEAD
    return sekda


def _year(
    rng: random.Random,
    script: PerformanceScript,
    person: EmployeePlan,
    final: Step,
    sekda: str | None,
    nips: list[str],
    n: int,
) -> None:
    appraiser, work, behaviour = (
        final.args["appraiser_nip"],
        final.args["work_result"],
        final.args["behaviour"],
    )
    superior = _superior(appraiser, sekda, person.nip)
    targets = [dict(zip(("text", "indicator", "target"), t, strict=True)) for t in rng.sample(_TARGETS, 3)]
    script.emit(
        date(YEAR, 1, 15),
        "open_performance_plan",
        employee_id=None,
        year=YEAR,
        appraiser=appraiser,
        superior=superior,
        targets=targets,
    )
    if n % 4 == 1:
        revised = targets[:2] + [dict(zip(("text", "indicator", "target"), _TARGETS[4], strict=True))]
        script.emit(
            date(YEAR, 7, 7),
            "revise_performance_targets",
            plan_year=YEAR,
            targets=revised,
            reason="penyesuaian dengan perubahan anggaran (APBD-P)",
            revised_on=date(YEAR, 7, 7),
        )
    weak_quarters = n in (0, 2)  # two weak quarters running, whatever the annual rating
    for quarter in range(1, 5):
        q_work = "BELOW" if weak_quarters and quarter in (2, 3) else work
        q_behaviour = behaviour if rng.random() < 0.8 else _LOWER[behaviour]
        script.emit(
            date(YEAR, 3 * quarter, 26),
            "record_periodic_review",
            plan_year=YEAR,
            kind="QUARTER",
            number=quarter,
            work_result=q_work,
            behaviour=q_behaviour,
            reviewed_on=date(YEAR, 3 * quarter, 26),
            dialogue_notes=f"Dialog kinerja triwulan {quarter}: capaian dibahas bersama pejabat penilai",
        )
    givers = rng.sample([x for x in nips if x not in (person.nip, appraiser)], k=min(3, len(nips) - 2))
    for giver, role in zip(givers, ("PEER", "SUBORDINATE", "PEER"), strict=False):
        scores = {v: max(1, min(5, rng.choice((3, 4, 4, 5)) - (behaviour == "BELOW"))) for v in _VALUES}
        script.emit(
            date(YEAR, 11, 20), "give_360_feedback", plan_year=YEAR, giver_nip=giver, role=role, scores=scores
        )
    rated_on = date(YEAR + 1, 1, rng.randint(6, 16))
    script.emit(
        rated_on,
        "rate_annual_performance",
        plan_year=YEAR,
        work_result=work,
        behaviour=behaviour,
        appraiser_nip=appraiser,
        rated_on=rated_on,
    )
    annual = predikat(work, behaviour).value
    if n in (1, 2):  # one objection upheld, one rejected
        filed = date(rated_on.year, rated_on.month, rated_on.day + 7)
        script.emit(
            filed,
            "file_appraisal_objection",
            plan_year=YEAR,
            filed_on=filed,
            reason="Capaian hasil kerja triwulan IV belum diperhitungkan dalam penilaian",
        )
        upheld = n == 1
        script.emit(
            date(YEAR + 1, 2, 3),
            "decide_appraisal_objection",
            plan_year=YEAR,
            decider_nip=superior,
            decision="UPHELD" if upheld else "REJECTED",
            decided_on=date(YEAR + 1, 2, 3),
            work_result=_UPHELD[0] if upheld else None,
            behaviour=_UPHELD[1] if upheld else None,
            note="Bukti capaian diterima" if upheld else "Penilaian sudah sesuai bukti kinerja",
        )
        annual = predikat(*_UPHELD).value if upheld else annual
    if (annual in WEAK or weak_quarters) and n != 2:
        coach = superior if superior != REGIONAL_HEAD else appraiser
        if coach in (REGIONAL_HEAD, person.nip):
            return
        opened = date(YEAR + 1, 2, 16)
        script.emit(
            opened,
            "open_coaching",
            plan_year=YEAR,
            coach_nip=coach,
            opened_on=opened,
            plan="Pendampingan bulanan: rencana perbaikan kinerja dan target antara per bulan",
        )
        for month in (3, 4):
            script.emit(
                date(YEAR + 1, month, 10),
                "record_coaching_session",
                case_year=YEAR,
                held_on=date(YEAR + 1, month, 10),
                notes=f"Sesi pendampingan bulan ke-{month - 2}",
            )
        if n % 2 == 0:
            script.emit(
                date(YEAR + 1, 6, 30),
                "close_coaching",
                case_year=YEAR,
                outcome="IMPROVED",
                closed_on=date(YEAR + 1, 6, 30),
                note="Target antara tercapai",
            )


def _historical(rng: random.Random, script: PerformanceScript, person: EmployeePlan) -> None:
    """The 2020 SKP as the PP 46/2011 score it was, instead of the two ratings the careers drew."""
    step = _appraisal_step(person, 2020)
    if step is None:
        return
    person.steps.remove(step)
    band = predikat(step.args["work_result"], step.args["behaviour"]).value
    low, high = {"SANGAT_BAIK": (91, 98), "BAIK": (76, 90), "BUTUH_PERBAIKAN": (61, 75)}.get(band, (51, 60))
    score = f"{rng.randint(low, high - 1)}.{rng.randint(0, 99):02d}"
    script.steps.insert(
        0,
        Step(
            date(2021, 1, 20),
            "record_historical_appraisal",
            {"employee_id": None, "year": 2020, "score": score, "appraiser_nip": step.args["appraiser_nip"]},
        ),
    )


def _hired_on(person: EmployeePlan) -> date:
    return person.steps[0].args["effective_on"]


def _awards(
    rng: random.Random, people: list[EmployeePlan], region: str, scripts: list[PerformanceScript]
) -> list[PerformanceScript]:
    """Satyalancana Karya Satya on 17 August 2025 for about two thirds of those due it (the rest stay
    due: `awardEligibility` lists them), and the region's own award for the first planned employee."""
    result: list[PerformanceScript] = []
    granted_on = date(YEAR, 8, 17)
    keppres = Decree(f"{rng.randint(50, 99)}/TK/Tahun {YEAR}", date(YEAR, 8, 5))
    for person in people:
        sanctioned = any(
            s.command == "impose_discipline" and s.args["level"] in ("SEDANG", "BERAT") for s in person.steps
        )
        if person.separated or person.employment_type != "PNS" or sanctioned or rng.random() > 0.66:
            continue
        served = service_years(_hired_on(person), granted_on)
        classes = [c for c, years in SATYALANCANA_YEARS.items() if served >= years]
        if classes:
            script = PerformanceScript(person.index)
            script.emit(
                granted_on,
                "grant_award",
                employee_id=None,
                award_class=classes[-1],
                decree=keppres,
                granted_on=granted_on,
            )
            result.append(script)
    if scripts:
        decree = Decree(f"800/{rng.randint(100, 999)}/BKPSDM/{YEAR}", date(YEAR, 12, 10))
        best = scripts[-1]
        best.emit(
            date(YEAR, 12, 12),
            "grant_award",
            employee_id=None,
            award_class="REGIONAL",
            decree=decree,
            granted_on=date(YEAR, 12, 12),
            name=f"ASN Berprestasi {region}",
        )
    return result


async def load_performance(loader: Any, scripts: list[PerformanceScript]) -> None:
    """Runs the scripts through the application (the loader's `_call`), one employee at a time per script."""
    for number, script in enumerate(scripts):
        employee_id = loader.employee_ids[script.employee]
        ctx = loader.ctx(f"performance-{number:04d}")
        for step in sorted(script.steps, key=lambda s: s.on):
            args = dict(step.args)
            if "employee_id" in args:
                args["employee_id"] = employee_id
            if "plan_year" in args:
                args["plan_id"] = plan_id(employee_id, args.pop("plan_year"))
            if "case_year" in args:
                args["case_id"] = case_id(plan_id(employee_id, args.pop("case_year")))
            await loader._call(ctx, step.command, args, f"performance of employee {script.employee}")
