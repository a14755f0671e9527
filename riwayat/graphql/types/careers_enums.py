"""The career enums of the API (issue 14), made from the domain's so their values can never differ (the
schema-contract test checks every enum of `ALL_ENUMS` against `riwayat.domain.enums` all the same)."""

from __future__ import annotations

from enum import Enum

import strawberry

from riwayat.domain import enums as domain


def _mirror(source: type[Enum], description: str) -> type[Enum]:
    return strawberry.enum(Enum(source.__name__, {m.name: m.value for m in source}), description=description)  # type: ignore[misc]


PositionKind = _mirror(domain.PositionKind, "kind of jabatan (UU 20/2023)")
Jenjang = _mirror(domain.Jenjang, "level of a jabatan fungsional")
Statute = _mirror(domain.Statute, "a position whose retirement age a statute sets (guru 60, dosen 65)")
EducationLevel = _mirror(domain.EducationLevel, "education level of a diploma")
Regulation = _mirror(domain.Regulation, "the discipline regulation of a decision")
SanctionKind = _mirror(domain.SanctionKind, "a sanction of PP 94/2021 or PP 53/2010")
PromotionKind = _mirror(domain.PromotionKind, "kind of kenaikan pangkat")
WorkTime = _mirror(domain.WorkTime, "working time of a PPPK contract")

CAREER_ENUMS = (
    PositionKind,
    Jenjang,
    Statute,
    EducationLevel,
    Regulation,
    SanctionKind,
    PromotionKind,
    WorkTime,
)
