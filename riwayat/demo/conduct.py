"""Conduct: the yearly SKP ratings drawn for a career, and the wording of disciplinary sanctions.

Ratings are mostly BAIK (MEETS/MEETS), with some SANGAT_BAIK and a few BUTUH_PERBAIKAN or KURANG.
Sanctions follow PP 94/2021: RINGAN (reprimands, statement of dissatisfaction), SEDANG (a 25% cut of
the performance allowance for 6, 9 or 12 months), BERAT (release from a structural post for 12 months,
or honourable dismissal not at one's own request).
"""

from __future__ import annotations

import random

# (work result, behaviour) and weight: mostly BAIK, some SANGAT_BAIK, a few BUTUH_PERBAIKAN/KURANG.
SKP_DRAWS = (
    (("MEETS", "MEETS"), 116),
    (("ABOVE", "MEETS"), 24),
    (("MEETS", "ABOVE"), 20),
    (("ABOVE", "ABOVE"), 22),
    (("BELOW", "MEETS"), 5),
    (("BELOW", "ABOVE"), 1),
    (("MEETS", "BELOW"), 4),
    (("ABOVE", "BELOW"), 1),
)


def skp_ratings(rng: random.Random) -> tuple[str, str]:
    """(work result, behaviour) of one year's SKP."""
    draws, weights = zip(*SKP_DRAWS, strict=True)
    return rng.choices(draws, weights=weights)[0]


_RINGAN = (
    "Teguran lisan: terlambat masuk kerja berulang kali tanpa alasan yang sah",
    "Teguran tertulis: tidak masuk kerja tanpa alasan yang sah selama {n} hari kerja",
    "Pernyataan tidak puas secara tertulis: tidak mencapai target kinerja yang ditetapkan",
)
_SEDANG = (
    "Pemotongan tunjangan kinerja 25% selama {m} bulan: "
    "tidak masuk kerja tanpa alasan yang sah selama {n2} hari",
    "Pemotongan tunjangan kinerja 25% selama {m} bulan: "
    "menyalahgunakan kendaraan dinas untuk kepentingan pribadi",
)


def sanction_text(rng: random.Random, level: str, official: bool) -> str:
    values = {"n": rng.randint(3, 10), "n2": rng.randint(11, 20), "m": rng.choice((6, 9, 12))}
    if level == "RINGAN":
        return rng.choice(_RINGAN).format(**values)
    if level == "SEDANG":
        return rng.choice(_SEDANG).format(**values)
    if official:
        return "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan: pungutan di luar ketentuan"
    return (
        "Pemberhentian dengan hormat tidak atas permintaan sendiri: "
        "tidak masuk kerja tanpa alasan yang sah selama 28 hari kerja"
    )
