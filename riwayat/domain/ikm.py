"""The community satisfaction index (IKM, PermenPANRB 14/2017) and the Krejcie–Morgan minimum sample.

IKM = (mean of the nine element means) × 25, on 25–100, rounded to two decimals; grades A 88.31–100 (very
good), B 76.61–88.30 (good), C 65.00–76.60 (poor), D 25.00–64.99 (very poor). Exact arithmetic (`Fraction`,
then `Decimal`): no float ever decides a grade boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ELEMENTS: tuple[str, ...] = (
    "REQUIREMENTS", "PROCEDURE", "COMPLETION_TIME", "COST", "PRODUCT",
    "STAFF_COMPETENCE", "STAFF_CONDUCT", "COMPLAINT_HANDLING", "FACILITIES",
)  # fmt: skip
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)
_CENT = Decimal("0.01")


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Index:
    ikm: Decimal
    grade: str
    label: str
    element_means: tuple[Decimal, ...]  # 1–4, two decimals, in the order of ELEMENTS
    respondents: int
    element_sums: tuple[int, ...]


def grade_of(ikm: Decimal) -> tuple[str, str]:
    return next((g, label) for floor, g, label in GRADES if ikm >= floor)


def satisfaction_index(sums: Sequence[int], respondents: int) -> Index | None:
    """From the per-element sums of answers over `respondents` who answered every element; None when
    nobody answered."""
    if respondents <= 0:
        return None
    means = [Fraction(s, respondents) for s in sums]
    ikm = _decimal(sum(means, Fraction(0)) / len(means) * 25)
    grade, label = grade_of(ikm)
    return Index(ikm, grade, label, tuple(_decimal(m) for m in means), respondents, tuple(sums))


def krejcie_morgan(population: int) -> int:
    """The Krejcie–Morgan (1970) sample for `population`: χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841,
    P = 0.5, d = 0.05, rounded half up (their table: 100 → 80, 1,000 → 278, 10,000 → 370)."""
    chi2, p, d = Fraction(3841, 1000), Fraction(1, 2), Fraction(1, 20)
    s = chi2 * population * p * (1 - p) / (d * d * (population - 1) + chi2 * p * (1 - p))
    return int((s + Fraction(1, 2)) // 1)
