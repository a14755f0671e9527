"""Demo competency data: a standard for every catalogued position (managerial and perekat bangsa by job
class, one technical competency per job family), assessments for about 60% of the position holders, and a
dozen 2025 programmes per tenant serving the commonest gaps, with enrolments, a withdrawal or two,
completions, evaluations and re-assessments — so gaps, AKPK needs and programme impact answer real data."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from riwayat.domain.competency_dictionary import SHIPPED

STANDARD_FROM = date(2024, 1, 1)
PROGRAMMES = (
    ("Pelatihan Pelayanan Publik Prima", "PELAYANAN_PUBLIK", "CLASSROOM", 32),
    ("Pelatihan Integritas dan Antikorupsi", "INTEGRITAS", "BLENDED", 24),
    ("Coaching Pengambilan Keputusan", "PENGAMBILAN_KEPUTUSAN", "COACHING", 16),
    ("Pelatihan Komunikasi Efektif", "KOMUNIKASI", "CLASSROOM", 24),
    ("E-Learning Orientasi pada Hasil", "ORIENTASI_PADA_HASIL", "E_LEARNING", 20),
    ("Pelatihan Kerja Sama Tim", "KERJA_SAMA", "CLASSROOM", 16),
    ("Mentoring Pengembangan Diri dan Orang Lain", "PENGEMBANGAN_DIRI_DAN_ORANG_LAIN", "MENTORING", 12),
    ("Pelatihan Manajemen Perubahan", "MENGELOLA_PERUBAHAN", "BLENDED", 32),
    ("Pelatihan Wawasan Kebangsaan", "PEREKAT_BANGSA", "CLASSROOM", 20),
    ("Magang Pelayanan Publik di KemenPANRB", "PELAYANAN_PUBLIK", "INTERNSHIP", 40),
    ("E-Learning Integritas ASN", "INTEGRITAS", "E_LEARNING", 12),
    ("Coaching Komunikasi Publik", "KOMUNIKASI", "COACHING", 8),
)
PROVIDERS = ("BPSDM Provinsi", "LAN RI", "BKPSDM", "Pusdiklat KemenPANRB")


def _technical(family: str) -> str:
    return "TEKNIS_" + re.sub(r"[^A-Z0-9]+", "_", family.upper()).strip("_")[:50]


async def load_competency(loader: Any, rng: random.Random) -> None:
    call, schema = loader._call, loader.tenant.schema
    pool = await loader.app.store.db.pool_for_tenant(loader.tenant.slug)
    ctx = loader.ctx("competency")
    positions = await pool.fetch(f"SELECT id, job_class, job_family FROM {schema}.positions ORDER BY id")
    families = sorted({p["job_family"] for p in positions if p["job_family"]})
    for family in families:
        await call(ctx, "define_technical_competency", dict(
            code=_technical(family), name=f"Kompetensi teknis {family}", job_family=family,
            levels=[f"{family}: level {n}" for n in range(1, 6)],
        ), f"technical competency {family}")  # fmt: skip
    required: dict[UUID, dict[str, int]] = {}
    for p in positions:
        base = min(5, max(1, 1 + p["job_class"] // 4))
        levels = {code: min(5, max(1, base + rng.choice((-1, 0, 0, 0, 1)))) for code in SHIPPED}
        if p["job_family"]:
            levels[_technical(p["job_family"])] = min(5, base + 1)
        required[p["id"]] = levels
        await call(ctx, "set_competency_standard", dict(position_id=p["id"], effective_on=STANDARD_FROM,
                                                        levels=levels), "competency standard")  # fmt: skip
    holders = await pool.fetch(
        f"SELECT h.employee_id, h.position_id FROM {schema}.position_holders h"
        f" JOIN {schema}.employees e ON e.id = h.employee_id WHERE e.hired_on <= $1 ORDER BY h.employee_id",
        date(2024, 1, 1),
    )
    held: dict[UUID, dict[str, int]] = {}
    for h in holders:
        if rng.random() >= 0.6:
            continue
        levels = {
            c: min(5, max(1, r + rng.choice((-2, -1, -1, 0, 0, 1))))
            for c, r in required[h["position_id"]].items()
        }
        held[h["employee_id"]] = levels
        await call(ctx, "record_competency_assessment", dict(
            employee_id=h["employee_id"], assessed_on=date(2024, rng.randint(2, 11), rng.randint(1, 28)),
            method=rng.choice(("ASSESSMENT_CENTRE", "CAT", "FEEDBACK_360", "PORTFOLIO")),
            assessor="UPT Penilaian Kompetensi BKPSDM", levels=levels,
        ), "competency assessment")  # fmt: skip
    position_of = {h["employee_id"]: h["position_id"] for h in holders}
    for number, (title, code, mode, hours) in enumerate(PROGRAMMES):
        starts = date(2025, 2 + number % 8, 3 + number)
        ends = starts + timedelta(days=4)
        planned = await call(ctx, "plan_training_programme", dict(
            title=title, provider=rng.choice(PROVIDERS), mode=mode, serves={code: 4}, hours=hours,
            starts_on=starts, ends_on=ends, seats=20,
        ), f"programme {title}")  # fmt: skip
        pid = planned.stream_id
        needing = [e for e, lv in held.items() if lv.get(code, 5) < required[position_of[e]].get(code, 0)]
        chosen = rng.sample(needing, min(len(needing), rng.randint(8, 16)))
        for who in chosen:
            await call(ctx, "enroll_in_programme", dict(programme_id=pid, employee_id=who), "enrolment")
        for i, who in enumerate(chosen):
            if i == 0 and len(chosen) > 8:
                withdrawal = dict(programme_id=pid, employee_id=who, reason="tugas kedinasan")
                await call(ctx, "withdraw_from_programme", withdrawal, "withdrawal")
                continue
            if rng.random() < 0.15:
                continue  # did not complete (yet)
            await call(ctx, "record_programme_completion", dict(programme_id=pid, employee_id=who,
                                                                completed_on=ends), "completion")  # fmt: skip
            if rng.random() < 0.7:
                await call(ctx, "record_training_evaluation", dict(
                    programme_id=pid, employee_id=who, evaluated_on=ends + timedelta(days=90),
                    evaluator="Atasan langsung", ratings={code: rng.choice((2, 3, 3, 4))},
                    note="perubahan perilaku kerja diamati atasan",
                ), "evaluation")  # fmt: skip
            if rng.random() < 0.5:
                raised = min(5, held[who][code] + rng.choice((1, 1, 2)))
                await call(ctx, "record_competency_assessment", dict(
                    employee_id=who, assessed_on=ends + timedelta(days=150), method="FEEDBACK_360",
                    assessor="UPT Penilaian Kompetensi BKPSDM", levels={code: raised},
                ), "re-assessment")  # fmt: skip
