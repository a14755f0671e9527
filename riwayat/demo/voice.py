"""The public's voice in the demo: quarterly SKM surveys of the service units (Disdukcapil, the RSUDs,
Dinas Kesehatan, two kecamatan) with element means that look like published IKM reports (completion time
and complaint handling lowest, cost highest where the service is free), and two open forums per tenant
with commitments, some followed up."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from riwayat.application.runner import CommandOptions
from riwayat.demo.units import UNITS
from riwayat.domain.ikm import krejcie_morgan

# Quarters of the demo year: Q4 2025 to Q3 2026, responses on working weekdays of each quarter.
QUARTERS = ((2025, 10), (2026, 1), (2026, 4), (2026, 7))


@dataclass(frozen=True)
class SurveySpec:
    unit: str
    service: str
    population: int  # served per year
    means: tuple[float, ...]  # target element means (plan only: answers are integers)


# requirements, procedure, completion time, cost, product, competence, conduct, complaint handling, facilities
_PROFILES = {
    "SERVICE": (3.3, 3.2, 2.9, 3.8, 3.4, 3.3, 3.2, 3.0, 3.1),
    "HOSPITAL": (3.2, 3.1, 2.8, 3.3, 3.3, 3.5, 3.1, 2.9, 3.2),
    "HEALTH": (3.4, 3.3, 3.1, 3.7, 3.4, 3.4, 3.4, 3.1, 3.0),
    "KECAMATAN": (3.3, 3.3, 3.2, 3.8, 3.3, 3.2, 3.3, 3.0, 2.9),
}
_SERVICES = {
    "SERVICE": (("KTP-el", 40_000), ("Akta Kelahiran", 18_000)),
    "HOSPITAL": (("Rawat Jalan", 60_000),),
    "HEALTH": (("Layanan Puskesmas", 90_000),),
    "KECAMATAN": (("PATEN (pelayanan administrasi terpadu kecamatan)", 6_000),),
}
FORUMS = (
    ("Antrean pelayanan", "Jam layanan", ("Menambah loket pada jam sibuk", "Membuka layanan Sabtu pagi")),
    (
        "Informasi persyaratan",
        "Biaya tidak resmi",
        (
            "Memasang papan persyaratan dan biaya",
            "Menyediakan kanal pengaduan SMS di setiap loket",
            "Sosialisasi layanan daring",
        ),
    ),
)


def survey_specs(units: dict[str, str]) -> list[SurveySpec]:
    """`units`: code → kind. At most two kecamatan, so the demo stays small."""
    specs, kecamatan = [], 0
    for code, kind in units.items():
        if kind not in _SERVICES or (kind == "KECAMATAN" and (kecamatan := kecamatan + 1) > 2):
            continue
        for service, population in _SERVICES[kind]:
            specs.append(SurveySpec(code, service, population, _PROFILES[kind]))
    return specs


def answers_for(rng: random.Random, means: tuple[float, ...], drift: float) -> list[int]:
    return [max(1, min(4, round(rng.gauss(m + drift, 0.55)))) for m in means]


def _day(rng: random.Random, year: int, month: int) -> date:
    while True:
        d = date(year, month + rng.randint(0, 2), rng.randint(1, 28))
        if d.weekday() < 5:
            return d


async def load_voice(loader: Any, profile: str, rng: random.Random, employees: int) -> None:
    """Surveys and forums of one tenant, after its units and complaints (`loader` is the demo's)."""
    app, ctx = loader.app, loader.ctx("voice")
    unit_kinds = {u.code: u.kind for u in UNITS[profile]}
    for spec in survey_specs(unit_kinds):
        unit_id = loader.unit_ids[spec.unit]
        opened = await loader._call(
            ctx,
            "open_survey",
            {"unit_id": unit_id, "service": spec.service, "population_served": spec.population},
            f"survey {spec.unit} {spec.service}",
        )
        minimum = krejcie_morgan(spec.population // 4)
        for q, (year, month) in enumerate(QUARTERS):
            # Most quarters reach the minimum sample; a small demo answers fewer (it stays fast).
            count = min(minimum + rng.randint(-40, 25), max(30, 2 * employees))
            drift = 0.05 * q - 0.1  # services improve a little over the year
            rows = [
                {
                    "responded_on": _day(rng, year, month),
                    "answers": answers_for(rng, spec.means, drift),
                    "age_band": rng.choice(
                        ("FROM_20_TO_29", "FROM_30_TO_39", "FROM_40_TO_49", "FROM_50_TO_59", None)
                    ),
                    "sex": rng.choice(("MALE", "FEMALE", None)),
                    "education": rng.choice(("SMA", "S1", "SMP", None)),
                }
                for _ in range(count)
            ]
            key = f"demo-skm-{spec.unit}-{spec.service}-{year}-{month}"
            await app.import_survey_responses(
                ctx, survey_id=opened.stream_id, responses=rows, options=CommandOptions(idempotency_key=key)
            )
    forum_units = [code for code, kind in unit_kinds.items() if kind in ("SERVICE", "HOSPITAL")][:1]
    forum_units += [code for code, kind in unit_kinds.items() if kind == "KECAMATAN"][:1]
    for n, (code, (t1, t2, commitments)) in enumerate(zip(forum_units, FORUMS, strict=False)):
        held = date(2026, 3 + 4 * n, 12)
        forum = await loader._call(
            ctx,
            "record_public_forum",
            {
                "unit_id": loader.unit_ids[code],
                "held_on": held,
                "participants": rng.randint(40, 120),
                "topics": [t1, t2],
                "commitments": list(commitments),
            },
            f"forum {code}",
        )
        await app.record_forum_follow_up(
            ctx,
            forum_id=forum.stream_id,
            commitment=1,
            status="DONE",
            on=date(2026, 6 + 4 * n, 1) if n == 0 else date(2026, 10, 15),
            note="Telah dilaksanakan dan diumumkan di papan informasi.",
        )
        await app.record_forum_follow_up(
            ctx,
            forum_id=forum.stream_id,
            commitment=2,
            status="IN_PROGRESS",
            on=date(2026, 8 + 2 * n, 3),
            note="Anggaran diajukan pada perubahan APBD.",
        )
