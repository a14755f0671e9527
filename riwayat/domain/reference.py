"""Hand-written civil-service reference data, in one place so rules and reports share it.

Sources are in ../shared/DOMAIN.md. Values marked UNCONFIRMED could not be checked against a primary
legal text: they are plain module constants so a deployment can adjust them, and no rule may treat
them as settled law without a test that names the source.
"""

from __future__ import annotations

from datetime import date

# PNS golongan/ruang in order, with pangkat names (PP 99/2000 jo PP 12/2002).
PNS_RANKS: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
PANGKAT: dict[str, str] = dict(PNS_RANKS)
HIGHEST_PNS_RANK = PNS_RANKS[-1][0]

# PPPK golongan I … XVII: no ruang, no pangkat, no promotion.
PPPK_GOLONGAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

# Starting rank by diploma → the highest rank reachable by regular promotion.
DIPLOMA_RANKS: dict[str, tuple[str, str]] = {
    "SD": ("I/a", "II/a"),
    "SLTP": ("I/c", "II/c"),
    "SLTA": ("II/a", "III/b"),
    "D-I": ("II/a", "III/b"),
    "D-II": ("II/b", "III/b"),
    "D-III": ("II/c", "III/c"),
    "S1": ("III/a", "III/d"),
    "D-IV": ("III/a", "III/d"),
    "S2": ("III/b", "IV/a"),
    "DOKTER": ("III/b", "IV/a"),
    "APOTEKER": ("III/b", "IV/a"),
    "S3": ("III/c", "IV/b"),
}

# Regular promotion (KP reguler): years in rank, and the predikat required in each previous year.
REGULAR_PROMOTION_YEARS_IN_RANK = 4
REGULAR_PROMOTION_APPRAISAL_YEARS = 2
REGULAR_PROMOTION_MIN_PREDIKAT = "BAIK"

# CPNS probation before the PNS decree.
PROBATION_YEARS = 1

# Months in which a KP may take effect (always on the 1st), by the date the period starts
# (Peraturan BKN 4/2023, 4/2025). Reported, not enforced: historical records predate these rules.
PROMOTION_TMT_MONTHS: tuple[tuple[date, frozenset[int]], ...] = (
    (date(1900, 1, 1), frozenset({4, 10})),
    (date(2024, 1, 1), frozenset({2, 4, 6, 8, 10, 12})),
    (date(2025, 10, 1), frozenset(range(1, 13))),
)


def is_promotion_period(effective_on: date) -> bool:
    """True when a KP may take effect on this date under the period rules in force then."""
    months = next(m for start, m in reversed(PROMOTION_TMT_MONTHS) if effective_on >= start)
    return effective_on.day == 1 and effective_on.month in months


# Retirement age (BUP, PP 11/2017 art. 239) by kind of position. Retirement takes effect on the 1st of
# the month after the birthday month in which the age is reached.
BUP_AGES: dict[str, int] = {
    "ADMINISTRASI": 58,
    "AHLI_PERTAMA": 58,
    "AHLI_MUDA": 58,
    "KETERAMPILAN": 58,
    "AHLI_MADYA": 60,
    "JPT": 60,
    "AHLI_UTAMA": 65,
}
DEFAULT_BUP_AGE = 58

# Minimum training per PNS per year, in JP (PP 17/2020): reported, never blocking.
MIN_TRAINING_JP_PER_YEAR = 20
MAX_TRAINING_HOURS = 1000

# How long a disciplinary sanction stays "in effect" (blocking regular promotion), in months.
# UNCONFIRMED: PP 94/2021 gives 6, 9 or 12 months for SEDANG and 12 for BERAT; the decree's own term
# is not an input yet, so SEDANG takes the longest term, and RINGAN's blocking period is a guess.
DISCIPLINE_EFFECT_MONTHS: dict[str, int] = {
    "RINGAN": 6,
    "SEDANG": 12,
    "BERAT": 12,
}

# UNCONFIRMED: digit 14 of an NI PPPK counts the contracts (1–9).
PPPK_CONTRACT_COUNT_DIGITS = "123456789"

# Appraisal years the ledger accepts at all (a sanity range, not law).
APPRAISAL_YEAR_RANGE = (1950, 2100)
