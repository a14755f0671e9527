"""Hand-written civil-service reference data, in one place so rules and reports share it.

Sources are in ../shared/DOMAIN.md. Values marked UNCONFIRMED could not be checked against a primary
legal text: they are plain module constants so a deployment can adjust them, and no rule may treat
them as settled law without a test that names the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")

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

# How long a sanction recorded by level only (no kind: events stored before sanctions were recorded as
# decided, and callers that still give only the level) stays "in effect", in months. A sanction recorded
# with its kind takes its term from the decree (`discipline.SANCTIONS`), never from this table.
DISCIPLINE_EFFECT_MONTHS: dict[str, int] = {
    "RINGAN": 6,
    "SEDANG": 12,
    "BERAT": 12,
}

# UNCONFIRMED: digit 14 of an NI PPPK counts the contracts (1–9).
PPPK_CONTRACT_COUNT_DIGITS = "123456789"

# Appraisal years the ledger accepts at all (a sanity range, not law).
APPRAISAL_YEAR_RANGE = (1950, 2100)


# ---- careers (issue 14): dated reference data -----------------------------------------------------------


@dataclass(frozen=True)
class Dated(Generic[T]):
    """A value in force from `since` (inclusive) until the next entry of its table, with its legal source."""

    since: date
    value: T
    source: str


def in_force(table: tuple[Dated[T], ...], on: date) -> Dated[T]:
    """The entry of `table` (sorted by `since`) in force on `on`; the first one for earlier dates."""
    found = table[0]
    for entry in table:
        if entry.since <= on:
            found = entry
    return found


# BUP by kind of position (and jenjang for jabatan fungsional). Keys: a PositionKind value, or
# "FUNGSIONAL:<JENJANG>". UU 5/2014 art. 90 set 58/60; PP 11/2017 art. 239 spells them out.
RETIREMENT_AGES: tuple[Dated[dict[str, int]], ...] = (
    Dated(date(2014, 1, 15), {
        "JPT_UTAMA": 60, "JPT_MADYA": 60, "JPT_PRATAMA": 60,
        "ADMINISTRATOR": 58, "PENGAWAS": 58, "PELAKSANA": 58,
        "FUNGSIONAL:AHLI_PERTAMA": 58, "FUNGSIONAL:AHLI_MUDA": 58, "FUNGSIONAL:AHLI_MADYA": 60,
        "FUNGSIONAL:AHLI_UTAMA": 65, "FUNGSIONAL:PEMULA": 58, "FUNGSIONAL:TERAMPIL": 58,
        "FUNGSIONAL:MAHIR": 58, "FUNGSIONAL:PENYELIA": 58,
    }, "UU 5/2014 art. 90; PP 11/2017 art. 239"),
)  # fmt: skip

# Ages set by statute, kept by PP 11/2017 art. 240: they replace the table above for these positions.
STATUTORY_RETIREMENT_AGES: tuple[Dated[dict[str, int]], ...] = (
    Dated(date(2005, 12, 30), {"GURU": 60, "DOSEN": 65}, "UU 14/2005 art. 30 (guru), art. 67 (dosen)"),
)

# Early retirement at own request with pension (APS): minimum age and years of service.
EARLY_RETIREMENT: tuple[Dated[tuple[int, int]], ...] = (
    Dated(date(1969, 11, 1), (45, 20), "UU 11/1969 art. 9; PP 11/2017 art. 241"),
)

# Education level → (starting rank, highest rank by regular promotion). The first part of DOMAIN.md and its
# correction (SLTP Kejuruan, SGPLB). PP 99/2000 jo PP 12/2002 art. 18; Perka BKN 12/2002.
EDUCATION_RANKS: tuple[Dated[dict[str, tuple[str, str]]], ...] = (
    Dated(date(2002, 4, 17), {
        "SD": ("I/a", "II/a"), "SLTP": ("I/c", "II/c"), "SLTP_KEJURUAN": ("I/c", "II/d"),
        "SLTA": ("II/a", "III/b"), "D_I": ("II/a", "III/b"), "SGPLB": ("II/b", "III/c"),
        "D_II": ("II/b", "III/b"), "D_III": ("II/c", "III/c"), "S1": ("III/a", "III/d"),
        "D_IV": ("III/a", "III/d"), "S2": ("III/b", "IV/a"), "DOKTER": ("III/b", "IV/a"),
        "APOTEKER": ("III/b", "IV/a"), "S3": ("III/c", "IV/b"),
    }, "PP 99/2000 jo PP 12/2002 art. 18"),
)  # fmt: skip

# Discipline: the regulation in force on the decision date. Decisions before PP 53/2010 (PP 30/1980) are
# read as PP 53/2010: its kinds cover the old ones closely enough for a record (not modelled separately).
DISCIPLINE_REGULATIONS: tuple[Dated[str], ...] = (
    Dated(date(2010, 6, 6), "PP_53_2010", "PP 53/2010"),
    Dated(date(2021, 8, 31), "PP_94_2021", "PP 94/2021"),
)
# UNCONFIRMED (DOMAIN.md): whether a light sanction delays promotion. Default: no; configurable.
LIGHT_SANCTION_BLOCKS_PROMOTION = False

# PPPK contracts: 1–5 years (PP 49/2018 art. 37); part-time PPPK one year (KepmenPANRB 16/2025).
PPPK_CONTRACT_MONTHS: tuple[Dated[dict[str, tuple[int, int]]], ...] = (
    Dated(date(2018, 11, 28), {"FULL_TIME": (12, 60), "PART_TIME": (12, 12)},
          "PP 49/2018 art. 37; KepmenPANRB 16/2025 (part-time)"),
)  # fmt: skip

# Salary step (KGB) every 2 years of masa kerja golongan (PP 7/1977 as amended, art. 8; PP 49/2018 for PPPK);
# a PP 53/2010 medium sanction delays the next one by a year.
SALARY_STEP_MONTHS: tuple[Dated[int], ...] = (Dated(date(1977, 3, 1), 24, "PP 7/1977 art. 8"),)
SALARY_STEP_DELAY_MONTHS = 12
