"""The competency dictionary (kamus kompetensi): what a position standard and an assessment may name.

Managerial and socio-cultural competencies are shipped as dated reference data with their legal source
(PermenPANRB 38/2017, Standar Kompetensi Jabatan ASN); technical ones are the tenant's own, per job family
(`TechnicalCompetency`). Every competency has five levels. The level descriptions shipped here are short
paraphrases of the regulation's level headings (**unconfirmed** wording): a deployment may replace them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import require_text
from riwayat.domain.errors import InvalidInput

LEVELS = range(1, 6)
SOURCE = "PermenPANRB 38/2017 (Standar Kompetensi Jabatan ASN)"
IN_FORCE_FROM = date(2017, 7, 19)  # the regulation's date of enactment (unconfirmed: as cited by BKN)


class CompetencyGroup(StrEnum):
    MANAGERIAL = "MANAGERIAL"
    SOCIO_CULTURAL = "SOCIO_CULTURAL"
    TECHNICAL = "TECHNICAL"


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    group: CompetencyGroup
    levels: tuple[str, ...]  # descriptions of levels 1..5
    job_family: str | None = None
    source: str | None = SOURCE
    in_force_from: date | None = IN_FORCE_FROM


_GENERIC = (
    "1 - dasar: understands and applies it with guidance",
    "2 - cakap: applies it on their own in their work",
    "3 - mampu: applies it and guides colleagues",
    "4 - mahir: develops it within the unit",
    "5 - ahli: shapes it across the organisation",
)
_MANAGERIAL = (
    ("INTEGRITAS", "Integritas"),
    ("KERJA_SAMA", "Kerja sama"),
    ("KOMUNIKASI", "Komunikasi"),
    ("ORIENTASI_PADA_HASIL", "Orientasi pada hasil"),
    ("PELAYANAN_PUBLIK", "Pelayanan publik"),
    ("PENGEMBANGAN_DIRI_DAN_ORANG_LAIN", "Pengembangan diri dan orang lain"),
    ("MENGELOLA_PERUBAHAN", "Mengelola perubahan"),
    ("PENGAMBILAN_KEPUTUSAN", "Pengambilan keputusan"),
)
SHIPPED: dict[str, Competency] = {
    code: Competency(code, name, CompetencyGroup.MANAGERIAL, _GENERIC) for code, name in _MANAGERIAL
} | {
    "PEREKAT_BANGSA": Competency(
        "PEREKAT_BANGSA", "Perekat bangsa", CompetencyGroup.SOCIO_CULTURAL, _GENERIC
    ),
}
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")
_NAMESPACE = uuid5(NAMESPACE_URL, "https://riwayat.example/technical-competency")


def technical_id(code: str) -> UUID:
    """One stream per technical competency code: a second definition of a code is the same stream."""
    return uuid5(_NAMESPACE, code)


def check_code(code: object) -> str:
    if not isinstance(code, str) or not _CODE.match(code):
        raise InvalidInput("a competency code is A-Z, 0-9 and _ (2-64 characters)", "competency")
    return code


def check_level(level: object, field: str = "level") -> int:
    if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
        raise InvalidInput("a competency level is 1-5", field)
    return level


def check_levels(levels: object, field: str = "levels") -> dict[str, int]:
    """Competency code -> level 1-5, at least one, no code twice (the caller passes a mapping)."""
    if not isinstance(levels, dict) or not levels:
        raise InvalidInput("name at least one competency and its level", field)
    return {check_code(code): check_level(level, field) for code, level in sorted(levels.items())}


class TechnicalCompetency(Aggregate):
    """A technical competency the tenant defines for a job family, with its five level descriptions."""

    class Defined(Aggregate.Created):
        code: str
        name: str
        job_family: str
        levels: list[str]

        def apply(self, c: Any) -> None:
            c.code, c.name, c.job_family, c.levels = self.code, self.name, self.job_family, self.levels

    @classmethod
    def define(cls, *, code: str, name: str, job_family: str, levels: list[str]) -> TechnicalCompetency:
        known = check_code(code)
        if known in SHIPPED:
            raise InvalidInput(f"{known} is a shipped competency", "code")
        if not isinstance(levels, list) or len(levels) != len(LEVELS):
            raise InvalidInput("describe each of the five levels", "levels")
        return cls._create(
            cls.Defined,
            id=technical_id(known),
            code=known,
            name=require_text(name, "name"),
            job_family=require_text(job_family, "jobFamily"),
            levels=[require_text(text, "levels", max_length=500) for text in levels],
        )

    def as_competency(self) -> Competency:
        return Competency(
            self.code, self.name, CompetencyGroup.TECHNICAL, tuple(self.levels), self.job_family, None, None
        )
