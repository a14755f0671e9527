"""Disciplinary sanctions as decided: the kind of each regulation, its level, its term, and its effects.

PP 94/2021 governs decisions from 31 Aug 2021, PP 53/2010 those before (DOMAIN.md "Discipline, as
decided"). A sanction's term comes from its decree where the regulation lets it vary (the 25% allowance cut:
6, 9 or 12 months), else from the regulation. A sanction with a term blocks regular promotion for it (a
light one only when `reference.LIGHT_SANCTION_BLOCKS_PROMOTION`, unconfirmed); a demotion lowers the rank
for the term; a PP 53/2010 salary-step delay pushes the next KGB back a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from riwayat.domain import reference
from riwayat.domain.checks import add_months, parse_enum, require_text
from riwayat.domain.enums import DisciplineLevel, Regulation, SanctionKind
from riwayat.domain.errors import InvalidInput
from riwayat.domain.rank import Rank

_94, _53 = Regulation.PP_94_2021.value, Regulation.PP_53_2010.value
_R, _S, _B = DisciplineLevel.RINGAN.value, DisciplineLevel.SEDANG.value, DisciplineLevel.BERAT.value


@dataclass(frozen=True)
class Sanction:
    """One kind of sanction under one regulation: its level and the terms (months) a decree may set."""

    kind: str
    regulation: str
    level: str
    terms: tuple[int, ...] = ()  # empty: no term (reprimands, dismissals)
    demotes: bool = False
    delays_salary_step: bool = False


def _s(kind: SanctionKind, regulation: str, level: str, *terms: int, **effects: bool) -> Sanction:
    return Sanction(kind.value, regulation, level, terms, **effects)


K = SanctionKind
SANCTIONS: dict[tuple[str, str], Sanction] = {
    (s.regulation, s.kind): s
    for s in (
        # PP 94/2021 art. 8
        _s(K.VERBAL_REPRIMAND, _94, _R),
        _s(K.WRITTEN_REPRIMAND, _94, _R),
        _s(K.WRITTEN_DISSATISFACTION, _94, _R),
        _s(K.ALLOWANCE_CUT_25, _94, _S, 6, 9, 12),
        _s(K.DEMOTION_ONE_LEVEL, _94, _B, 12, demotes=True),
        _s(K.RELEASE_TO_PELAKSANA, _94, _B, 12),
        _s(K.HONOURABLE_DISMISSAL, _94, _B),
        # PP 53/2010 art. 7
        _s(K.VERBAL_REPRIMAND, _53, _R),
        _s(K.WRITTEN_REPRIMAND, _53, _R),
        _s(K.WRITTEN_DISSATISFACTION, _53, _R),
        _s(K.SALARY_STEP_DELAY, _53, _S, 12, delays_salary_step=True),
        _s(K.PROMOTION_DELAY, _53, _S, 12),
        _s(K.DEMOTION_ONE_RANK_1Y, _53, _S, 12, demotes=True),
        _s(K.DEMOTION_ONE_RANK_3Y, _53, _B, 36, demotes=True),
        _s(K.TRANSFER_TO_LOWER_POSITION, _53, _B),
        _s(K.RELEASE_FROM_POSITION, _53, _B),
        _s(K.HONOURABLE_DISMISSAL, _53, _B),
        _s(K.DISHONOURABLE_DISMISSAL, _53, _B),
    )
}


def regulation_on(decided_on: date) -> str:
    return reference.in_force(reference.DISCIPLINE_REGULATIONS, decided_on).value


def blocks_promotion(level: str, months: int | None) -> bool:
    """A sanction with a term blocks regular promotion for it; a light one only if configured so."""
    if not months:
        return False
    return level != _R or reference.LIGHT_SANCTION_BLOCKS_PROMOTION


def discipline_fields(
    level: object, kind: object, months: object, description: object, effective_on: date, rank: str
) -> dict[str, Any]:
    """The stored fields of a DisciplineImposed (class_version 2). Without a kind (the old level-only
    form), the level's legacy term applies and the kind stays unknown (None)."""
    text = require_text(description, "description", max_length=2000)
    regulation = regulation_on(effective_on)
    if kind is None:
        known = parse_enum(DisciplineLevel, level, "level").value
        term = reference.DISCIPLINE_EFFECT_MONTHS[known]
        return _fields(known, None, regulation, term, text, effective_on, blocks=True)
    sanction = SANCTIONS.get((regulation, parse_enum(SanctionKind, kind, "kind").value))
    if sanction is None:
        raise InvalidInput(f"{kind} is not a sanction of {regulation} (decided {effective_on})", "kind")
    if level is not None and parse_enum(DisciplineLevel, level, "level").value != sanction.level:
        raise InvalidInput(f"{sanction.kind} is a {sanction.level} sanction under {regulation}", "level")
    term = _term(sanction, months)
    fields = _fields(sanction.level, sanction.kind, regulation, term, text, effective_on,
                     blocks=blocks_promotion(sanction.level, term))  # fmt: skip
    if sanction.demotes:
        lower = _one_lower(rank)
        fields |= {"rank_before": rank, "rank_during": lower}
    fields["delays_salary_step"] = sanction.delays_salary_step
    return fields


def _term(sanction: Sanction, months: object) -> int | None:
    if not sanction.terms:
        if months is not None:
            raise InvalidInput(f"{sanction.kind} has no term", "months")
        return None
    if months is None and len(sanction.terms) == 1:
        return sanction.terms[0]
    if months not in sanction.terms:
        allowed = ", ".join(map(str, sanction.terms))
        raise InvalidInput(f"the decree's term for {sanction.kind} is {allowed} months", "months")
    return int(months)  # type: ignore[call-overload]


def _fields(
    level: str, kind: str | None, regulation: str, months: int | None, text: str, on: date, *, blocks: bool
) -> dict[str, Any]:
    return {
        "level": level,
        "kind": kind,
        "regulation": regulation,
        "months": months,
        "description": text,
        "ends_on": add_months(on, months) if months else on,
        "blocks_promotion": blocks,
        "rank_before": None,
        "rank_during": None,
        "delays_salary_step": False,
    }


def _one_lower(rank: str) -> str:
    current = Rank.parse(rank)
    if current.index == 0:
        raise InvalidInput(f"{rank} is the lowest rank: a demotion cannot go lower", "kind")
    return Rank.all(current.employment_type)[current.index - 1].code


def upcast_v1(state: dict[str, Any]) -> None:
    """A DisciplineImposed stored before sanctions were recorded as decided (level, description,
    effective_on, ends_on): its kind is unknown; its term is what `ends_on` says; it blocked promotion."""
    start, ends = state["effective_on"], state["ends_on"]
    state["kind"] = None
    state["regulation"] = regulation_on(start)
    state["months"] = (ends.year - start.year) * 12 + ends.month - start.month
    state["blocks_promotion"] = True
    state["rank_before"] = state["rank_during"] = None
    state["delays_salary_step"] = False
