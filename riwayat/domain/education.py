"""Education history: the levels (SD … S3, with SLTP Kejuruan and SGPLB) and the rank ceiling the highest
recognised diploma sets for regular promotion (`reference.EDUCATION_RANKS`, PP 99/2000 jo PP 12/2002)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from riwayat.domain import reference
from riwayat.domain.checks import optional_text, parse_enum, require_date, require_text
from riwayat.domain.enums import EducationLevel, EmploymentType
from riwayat.domain.rank import Rank

_PNS = EmploymentType.PNS

# How a level is written for people ("D-III", "SLTP Kejuruan").
LABELS = {
    "SLTP_KEJURUAN": "SLTP Kejuruan", "D_I": "D-I", "D_II": "D-II", "D_III": "D-III", "D_IV": "D-IV",
    "DOKTER": "dokter", "APOTEKER": "apoteker",
}  # fmt: skip


def label(level: str) -> str:
    return LABELS.get(level, level)


def ranks_for(level: str, on: date) -> tuple[str, str]:
    """(starting rank, ceiling by regular promotion) of a diploma, by the table in force on `on`."""
    return reference.in_force(reference.EDUCATION_RANKS, on).value[level]


def highest(levels: Iterable[str], on: date) -> str | None:
    """The recorded level with the highest ceiling (then the highest starting rank); None when none."""
    known = list(levels)
    if not known:
        return None

    def key(level: str) -> tuple[int, int]:
        start, cap = ranks_for(level, on)
        return Rank.parse(cap, _PNS).index, Rank.parse(start, _PNS).index

    return max(known, key=key)


def ceiling(levels: Iterable[str], on: date) -> tuple[str, str] | None:
    """(level, ceiling rank) for the highest recorded diploma, or None when no education is recorded."""
    top = highest(levels, on)
    return None if top is None else (top, ranks_for(top, on)[1])


def education_fields(
    level: object, institution: object, major: object, graduated_on: object, diploma_number: object
) -> dict[str, Any]:
    return {
        "level": parse_enum(EducationLevel, level, "level").value,
        "institution": require_text(institution, "institution"),
        "major": optional_text(major, "major"),
        "effective_on": require_date(graduated_on, "graduatedOn"),
        "diploma_number": optional_text(diploma_number, "diplomaNumber", max_length=100),
    }
