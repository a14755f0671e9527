"""The vocabulary, reference data and pure input rules of the performance cycle (PermenPANRB 6/2022).

Shared by `PerformancePlan`, `CoachingCase` and `Award`, so the aggregates stay small. Reference values
the law may change (the objection window, the PP 46/2011 score bands, the Satyalancana service years)
are dated data with their source; those marked UNCONFIRMED are guesses a deployment may adjust.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from riwayat.domain.checks import require_text
from riwayat.domain.enums import Predikat
from riwayat.domain.errors import DomainError, InvalidInput
from riwayat.domain.nip import Nip

# The regional head (kepala daerah) has no NIP: the Sekda's appraiser, or an appraiser's superior.
REGIONAL_HEAD = "KEPALA_DAERAH"


class ReviewCadence(StrEnum):
    """How often an agency reviews during the year (the tenant chooses; six-monthly is always allowed)."""

    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"


class FeedbackRole(StrEnum):
    SUPERIOR = "SUPERIOR"
    PEER = "PEER"
    SUBORDINATE = "SUBORDINATE"


class ObjectionDecision(StrEnum):
    UPHELD = "UPHELD"
    REJECTED = "REJECTED"


class CoachingOutcome(StrEnum):
    IMPROVED = "IMPROVED"
    NOT_IMPROVED = "NOT_IMPROVED"
    DISCONTINUED = "DISCONTINUED"


class CoachingGrounds(StrEnum):
    WEAK_ANNUAL = "WEAK_ANNUAL"
    WEAK_PERIODS = "WEAK_PERIODS"


class AwardClass(StrEnum):
    SATYALANCANA_KARYA_SATYA_X = "SATYALANCANA_KARYA_SATYA_X"
    SATYALANCANA_KARYA_SATYA_XX = "SATYALANCANA_KARYA_SATYA_XX"
    SATYALANCANA_KARYA_SATYA_XXX = "SATYALANCANA_KARYA_SATYA_XXX"
    REGIONAL = "REGIONAL"


# BerAKHLAK, the core values behaviour is judged against (SE MenPANRB 20/2021), in their order.
BERAKHLAK = (
    "berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif",
)  # fmt: skip
SCORE_RANGE = (1, 5)
WEAK = frozenset({Predikat.BUTUH_PERBAIKAN.value, Predikat.KURANG.value, Predikat.SANGAT_KURANG.value})
STRONG = frozenset({Predikat.SANGAT_BAIK.value, Predikat.BAIK.value})

# PP 30/2019: an objection within 14 days of the rating. UNCONFIRMED: calendar days (not working days).
OBJECTION_DAYS = 14

# The first year of the 2022 SKP (two ratings, predikat matrix); numeric SKP before it.
SKP_2022_FROM = 2022


@dataclass(frozen=True)
class ScoreBand:
    lowest: Decimal  # the band holds scores >= lowest (and below the next band's lowest)
    name: str
    predikat: str  # the 2022 predikat a promotion rule reads it as


# PP 46/2011 (in force for the SKP to 2020; 2021 was transitional). UNCONFIRMED bands: Sangat Baik >= 91,
# Baik 76-90, Cukup 61-75, Kurang 51-60, Buruk <= 50; a fractional score between two bands takes the lower
# one. The mapping to the 2022 predikat keeps "at least Baik" meaning what it meant then.
PP46_BANDS: tuple[ScoreBand, ...] = (
    ScoreBand(Decimal(91), "SANGAT_BAIK", Predikat.SANGAT_BAIK.value),
    ScoreBand(Decimal(76), "BAIK", Predikat.BAIK.value),
    ScoreBand(Decimal(61), "CUKUP", Predikat.BUTUH_PERBAIKAN.value),
    ScoreBand(Decimal(51), "KURANG", Predikat.KURANG.value),
    ScoreBand(Decimal(0), "BURUK", Predikat.SANGAT_KURANG.value),
)
PP46_YEARS = (2011, SKP_2022_FROM - 1)

# Satyalancana Karya Satya (UU 20/2009, PP 35/2010): years of service from TMT CPNS. UNCONFIRMED: that
# any medium or heavy sanction ever given excludes it.
SATYALANCANA_YEARS: dict[str, int] = {
    AwardClass.SATYALANCANA_KARYA_SATYA_X.value: 10,
    AwardClass.SATYALANCANA_KARYA_SATYA_XX.value: 20,
    AwardClass.SATYALANCANA_KARYA_SATYA_XXX.value: 30,
}
SATYALANCANA_EXCLUDING_LEVELS = frozenset({"SEDANG", "BERAT"})


# ---- the errors of the cycle, each with its stable code -----------------------------------------------


class OutsidePeriod(DomainError):
    """A review, revision or rating dated outside the plan's period."""

    code = "OUTSIDE_PERIOD"


class DuplicateReview(DomainError):
    code = "DUPLICATE_REVIEW"


class SelfFeedback(DomainError):
    """Nobody gives 360° feedback on themselves."""

    code = "SELF_FEEDBACK"


class DuplicateFeedback(DomainError):
    """One feedback per giver and period."""

    code = "DUPLICATE_FEEDBACK"


class ObjectionTooLate(DomainError):
    """PP 30/2019: within 14 days of the rating."""

    code = "OBJECTION_TOO_LATE"


class NotAppraisersSuperior(DomainError):
    """Only the appraiser's superior decides an objection."""

    code = "NOT_APPRAISERS_SUPERIOR"


class NoCoachingGrounds(DomainError):
    """Coaching follows a weak annual rating or two weak periods running."""

    code = "NO_COACHING_GROUNDS"


class DuplicateAward(DomainError):
    code = "DUPLICATE_AWARD"


class NotEligible(DomainError):
    """The award's conditions (years of service, no medium or heavy sanction) do not hold."""

    code = "NOT_ELIGIBLE"


class DuplicatePlan(DomainError):
    """One plan (or historical appraisal) per employee and year."""

    code = "DUPLICATE_PLAN"


# ---- input rules ------------------------------------------------------------------------------------


def official(value: object, field: str) -> str:
    """An appraiser or superior: a NIP (digits only) or the regional head, who has none."""
    if isinstance(value, str) and value.strip().upper() == REGIONAL_HEAD:
        return REGIONAL_HEAD
    return Nip.parse(value, field=field).digits


def targets(value: object, field: str = "targets") -> list[dict[str, str]]:
    """Rencana hasil kerja: 1-50 targets, each a text, an indicator and a target (all text: no floats)."""
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= 50:
        raise InvalidInput("a plan has 1-50 targets", field)
    result = []
    for i, item in enumerate(value):
        get = item.get if isinstance(item, dict) else lambda k, it=item: getattr(it, k, None)
        result.append(
            {
                "text": require_text(get("text"), f"{field}[{i}].text", max_length=1000),
                "indicator": require_text(get("indicator"), f"{field}[{i}].indicator", max_length=1000),
                "target": require_text(get("target"), f"{field}[{i}].target", max_length=200),
            }
        )
    return result


def scores(value: object, field: str = "scores") -> dict[str, int]:
    """A score 1-5 for each of the seven BerAKHLAK values, nothing else."""
    raw: Any = value if isinstance(value, dict) else {k: getattr(value, k, None) for k in BERAKHLAK}
    if set(raw) != set(BERAKHLAK):
        raise InvalidInput(f"scores are given for exactly {', '.join(BERAKHLAK)}", field)
    low, high = SCORE_RANGE
    for name in BERAKHLAK:
        score = raw[name]
        if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
            raise InvalidInput(f"{name} must be a whole score {low}-{high}", f"{field}.{name}")
    return {name: raw[name] for name in BERAKHLAK}


def period_code(kind: str, number: object, cadence: str) -> str:
    """The code of a review period: Q1-Q4 or M01-M12 as the plan's cadence says; H1/H2 always."""
    bounds = {"QUARTER": ("Q", 4, ReviewCadence.QUARTERLY), "MONTH": ("M", 12, ReviewCadence.MONTHLY)}
    if isinstance(number, bool) or not isinstance(number, int):
        raise InvalidInput("the period number must be a whole number", "number")
    if kind == "HALF":
        if number not in (1, 2):
            raise InvalidInput("a half-year is 1 or 2", "number")
        return f"H{number}"
    if kind not in bounds:
        raise InvalidInput("the period kind is MONTH, QUARTER or HALF", "kind")
    prefix, count, wanted = bounds[kind]
    if cadence != wanted:
        raise InvalidInput(f"this plan is reviewed {cadence.lower()}, not by {kind.lower()}", "kind")
    if not 1 <= number <= count:
        raise InvalidInput(f"a {kind.lower()} is 1-{count}", "number")
    return f"M{number:02d}" if prefix == "M" else f"Q{number}"


def period_start(code: str, year: int) -> date:
    """The first day of a period code in `year`."""
    n = int(code[1:])
    month = {"M": n, "Q": 3 * n - 2, "H": 6 * n - 5}[code[0]]
    return date(year, month, 1)


def neighbours(code: str) -> list[str]:
    """The periods just before and after, in the same series ("Q2" → "Q1", "Q3")."""
    n, prefix = int(code[1:]), code[0]
    fmt = (lambda k: f"M{k:02d}") if prefix == "M" else (lambda k: f"{prefix}{k}")
    return [fmt(k) for k in (n - 1, n + 1) if k >= 1]


def pp46_score(value: object, field: str = "score") -> Decimal:
    """A PP 46/2011 score 0-100 with at most two decimals, given as an int or a decimal string."""
    try:
        score = (
            Decimal(str(value).strip())
            if isinstance(value, int | str) and not isinstance(value, bool)
            else None
        )
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise InvalidInput("the score is a number 0-100", field)
    if score.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidInput("the score has at most two decimals", field)
    return score


def pp46_band(score: Decimal) -> ScoreBand:
    return next(band for band in PP46_BANDS if score >= band.lowest)
