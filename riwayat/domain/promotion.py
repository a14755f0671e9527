"""Pangkat promotion rules (kenaikan pangkat), as pure functions over plain values.

`check_promotion` is what the `promote` command refuses; `is_regular_promotion_candidate` is the
reference for who is *due* a regular promotion (the promotion-candidates projection implements the
same in SQL). Selective promotions can be faster, so being due is reported, never required.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from riwayat.domain import reference
from riwayat.domain.checks import add_years
from riwayat.domain.education import ceiling, label
from riwayat.domain.enums import EmployeeStatus, EmploymentType, Predikat
from riwayat.domain.errors import InvalidInput, RankNotNext
from riwayat.domain.leave_rules import overlap_days, rank_clock_start
from riwayat.domain.rank import Rank

Periods = Iterable[tuple[date, date]]  # inclusive (first, last) days of approved CLTN (`unpaid_periods`)


def check_promotion(
    rank: str, rank_since: date, to_rank: object, effective_on: date, *, on_the_first: bool = True
) -> tuple[Rank, Rank]:
    """(current, target) for an allowed step from `rank`; raises the rule it breaks otherwise.
    Who may be promoted at all (an active PNS) is the aggregate's check; a posthumous promotion takes
    the date of death, any day (`on_the_first=False`)."""
    target = Rank.parse(to_rank, EmploymentType.PNS, field="toRank")
    current = Rank.parse(rank, EmploymentType.PNS)
    following = current.next()
    if following is None:
        raise RankNotNext(f"{current.code} is the highest rank", "toRank")
    if target != following:
        raise RankNotNext(f"the next rank after {current.code} is {following.code}", "toRank")
    if effective_on <= rank_since:
        raise InvalidInput(f"a promotion must take effect after {rank_since}", "effectiveOn")
    if on_the_first and effective_on.day != 1:
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
    education: Iterable[str] = (),
    unpaid: Periods = (),
) -> bool:
    """An active PNS below IV/e and below the ceiling of the highest diploma recorded, 4 years in rank on
    `as_of` (CLTN days not counted), not on CLTN that day, predikat at least BAIK in each of the two
    previous calendar years, and no sanction in effect (see `promotion_obstacles`)."""
    predikat = {year: a["predikat"] for year, a in appraisals.items()}
    return not promotion_obstacles(
        employment_type=employment_type, status=status, rank=rank, rank_since=rank_since,
        predikat=predikat, disciplines=disciplines, education=education, as_of=as_of, unpaid=unpaid,
    )  # fmt: skip


# ---- careers (issue 14): why someone is not due a regular promotion ------------------------------------


@dataclass(frozen=True)
class Obstacle:
    """One reason a person is not due a regular promotion: a stable code and a sentence for people."""

    code: str  # NOT_ACTIVE_PNS, ON_UNPAID_LEAVE, HIGHEST_RANK, CEILING, YEARS_IN_RANK, APPRAISAL, SANCTION
    message: str


def promotion_obstacles(
    *,
    employment_type: str,
    status: str,
    rank: str,
    rank_since: date,
    predikat: Mapping[int, str],
    disciplines: Iterable[tuple[str, date, date]],
    education: Iterable[str],
    as_of: date,
    unpaid: Periods = (),
) -> list[Obstacle]:
    """Every reason, in the order of DOMAIN.md "Promotion": empty when the person is due. `disciplines` are
    (level, start, blocks_until); `education` the recorded levels (none recorded: no ceiling known);
    `unpaid` the approved CLTN periods (leave, issue 17): on CLTN no one is due, and its days do not count
    toward the years in rank (DOMAIN.md "Leave")."""
    unpaid = list(unpaid)
    if overlap_days(unpaid, as_of, as_of):  # first: the directory then shows the status ON_UNPAID_LEAVE
        return [Obstacle("ON_UNPAID_LEAVE", "on unpaid leave (CLTN): not promoted while it runs")]
    if employment_type != EmploymentType.PNS or status != EmployeeStatus.ACTIVE:
        who = "a PPPK" if employment_type == EmploymentType.PPPK else f"{status.lower()}"
        return [Obstacle("NOT_ACTIVE_PNS", f"only an active PNS is promoted (this is {who})")]
    if rank == reference.HIGHEST_PNS_RANK:
        return [Obstacle("HIGHEST_RANK", f"{rank} is the highest rank")]
    found: list[Obstacle] = []
    cap = education_ceiling(education, as_of)
    if cap is not None and Rank.parse(rank, EmploymentType.PNS) >= Rank.parse(cap[1], EmploymentType.PNS):
        found.append(
            Obstacle("CEILING", f"{rank} is the ceiling for {label(cap[0])} (PP 99/2000 jo PP 12/2002)")
        )
    clock = rank_clock_start(rank_since, as_of, unpaid)
    due = add_years(clock, reference.REGULAR_PROMOTION_YEARS_IN_RANK)
    if due > as_of:
        years = reference.REGULAR_PROMOTION_YEARS_IN_RANK
        paused = f" ({(clock - rank_since).days} days of CLTN not counted)" if clock != rank_since else ""
        text = f"in {rank} since {rank_since}{paused}: {years} years are reached on {due}"
        found.append(Obstacle("YEARS_IN_RANK", text))
    minimum = Predikat(reference.REGULAR_PROMOTION_MIN_PREDIKAT)
    for year in range(as_of.year - reference.REGULAR_PROMOTION_APPRAISAL_YEARS, as_of.year):
        rating = predikat.get(year)
        if rating is None:
            found.append(Obstacle("APPRAISAL", f"no SKP recorded for {year}"))
        elif not Predikat(rating).at_least(minimum):
            found.append(Obstacle("APPRAISAL", f"SKP {year} predikat {rating}, below {minimum.value}"))
    for level, start, ends in disciplines:
        if start <= as_of < ends:
            found.append(Obstacle("SANCTION", f"a {level} sanction from {start} is in effect until {ends}"))
    return found


def education_ceiling(education: Iterable[str], on: date) -> tuple[str, str] | None:
    return ceiling(education, on)
