"""Pangkat promotion rules (kenaikan pangkat), as pure functions over plain values.

`check_promotion` is what the `promote` command refuses; `is_regular_promotion_candidate` is the
reference for who is *due* a regular promotion (the promotion-candidates projection implements the
same in SQL). Selective promotions can be faster, so being due is reported, never required.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from riwayat.domain import reference
from riwayat.domain.checks import add_years
from riwayat.domain.enums import EmployeeStatus, EmploymentType, Predikat
from riwayat.domain.errors import InvalidInput, RankNotNext
from riwayat.domain.rank import Rank


def check_promotion(rank: str, rank_since: date, to_rank: object, effective_on: date) -> tuple[Rank, Rank]:
    """(current, target) for an allowed step from `rank`; raises the rule it breaks otherwise.
    Who may be promoted at all (an active PNS) is the aggregate's check."""
    target = Rank.parse(to_rank, EmploymentType.PNS, field="toRank")
    current = Rank.parse(rank, EmploymentType.PNS)
    following = current.next()
    if following is None:
        raise RankNotNext(f"{current.code} is the highest rank", "toRank")
    if target != following:
        raise RankNotNext(f"the next rank after {current.code} is {following.code}", "toRank")
    if effective_on <= rank_since:
        raise InvalidInput(f"a promotion must take effect after {rank_since}", "effectiveOn")
    if effective_on.day != 1:
        raise InvalidInput("a promotion takes effect on the 1st of a month", "effectiveOn")
    return current, target


def discipline_in_effect(disciplines: Iterable[tuple[str, date, date]], as_of: date) -> bool:
    """True when a sanction runs on `as_of` (from its TMT, up to but excluding `ends_on`)."""
    return any(start <= as_of < ends for _, start, ends in disciplines)


def is_regular_promotion_candidate(
    *,
    employment_type: str,
    status: str,
    rank: str,
    rank_since: date,
    appraisals: Mapping[int, Mapping[str, Any]],
    disciplines: Iterable[tuple[str, date, date]],
    as_of: date,
) -> bool:
    """An active PNS below IV/e, 4 years in rank on `as_of`, predikat at least BAIK in each of the two
    previous calendar years, and no sanction in effect. Diploma caps are not applied: the ledger
    does not record diplomas yet."""
    if employment_type != EmploymentType.PNS or status != EmployeeStatus.ACTIVE:
        return False
    if rank == reference.HIGHEST_PNS_RANK:
        return False
    if add_years(rank_since, reference.REGULAR_PROMOTION_YEARS_IN_RANK) > as_of:
        return False
    minimum = Predikat(reference.REGULAR_PROMOTION_MIN_PREDIKAT)
    for year in range(as_of.year - reference.REGULAR_PROMOTION_APPRAISAL_YEARS, as_of.year):
        appraisal = appraisals.get(year)
        if appraisal is None or not Predikat(appraisal["predikat"]).at_least(minimum):
            return False
    return not discipline_in_effect(disciplines, as_of)
