"""The SKM survey (PermenPANRB 14/2017): answers 1–4, no names, the IKM and its grade, the minimum sample."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from riwayat.domain.errors import InvalidInput
from riwayat.domain.ikm import ELEMENTS, grade_of, krejcie_morgan, satisfaction_index
from riwayat.domain.survey import SatisfactionSurvey

# Respondents answering 4 per element (the others 3; one answers 2 on completion time), of ten.
FOURS = (2, 1, 0, 5, 3, 4, 6, 0, 2)


def worked_example() -> list[list[int]]:
    return [[4 if r < FOURS[e] else (2 if (e == 2 and r == 9) else 3) for e in range(9)] for r in range(10)]


def test_the_ikm_of_the_worked_example_is_81_11_grade_b() -> None:
    """Ten respondents. Element sums 32, 31, 29, 35, 33, 34, 36, 30, 32, so the element means are
    3.20, 3.10, 2.90, 3.50, 3.30, 3.40, 3.60, 3.00, 3.20; their mean is 29.20 / 9 = 3.2444…,
    × 25 = 81.111… → IKM 81.11, which is in B (76.61–88.30, "Baik")."""
    survey = SatisfactionSurvey.open(unit_id=uuid4(), service="KTP-el", population_served=1000)
    for answers in worked_example():
        survey.record_response(
            responded_on=date(2026, 2, 3), answers=answers, sex="FEMALE", age_band="FROM_30_TO_39"
        )
    events = survey.collect_events()[1:]
    sums = [sum(e.answers[i] for e in events) for i in range(9)]
    assert sums == [32, 31, 29, 35, 33, 34, 36, 30, 32]
    index = satisfaction_index(sums, len(events))
    assert index.ikm == Decimal("81.11") and (index.grade, index.label) == ("B", "Baik")
    assert index.element_means == tuple(
        Decimal(m) for m in ("3.20", "3.10", "2.90", "3.50", "3.30", "3.40", "3.60", "3.00", "3.20")
    )
    assert survey.respondents == 10 and survey.minimum_sample == 278


@pytest.mark.parametrize(
    ("ikm", "grade"),
    [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"),
     ("64.99", "D"), ("25.00", "D")],
)  # fmt: skip
def test_grades_follow_the_bands_to_the_cent(ikm: str, grade: str) -> None:
    assert grade_of(Decimal(ikm))[0] == grade


def test_all_fours_is_100_and_all_ones_is_25() -> None:
    assert satisfaction_index([40] * 9, 10).ikm == Decimal("100.00")
    assert satisfaction_index([10] * 9, 10).grade == "D" and satisfaction_index([10] * 9, 10).ikm == 25
    assert satisfaction_index([0] * 9, 0) is None


@pytest.mark.parametrize(
    "bad", [[5, 3, 3, 3, 3, 3, 3, 3, 3], [0] + [3] * 8, [3] * 8, [3] * 10, ["4"] * 9, [3.5] * 9, [True] * 9]
)
def test_an_answer_outside_1_to_4_or_a_wrong_count_is_refused(bad: list) -> None:
    survey = SatisfactionSurvey.open(unit_id=uuid4(), service="Rawat jalan", population_served=500)
    with pytest.raises(InvalidInput) as refused:
        survey.record_response(responded_on=date(2026, 2, 3), answers=bad)
    assert refused.value.field == "answers" and survey.respondents == 0


def test_demographics_are_coarse_bands_and_there_is_no_name() -> None:
    survey = SatisfactionSurvey.open(unit_id=uuid4(), service="Rawat jalan", population_served=500)
    with pytest.raises(InvalidInput) as refused:
        survey.record_response(responded_on=date(2026, 2, 3), answers=[3] * 9, age_band="34")
    assert refused.value.field == "ageBand"
    with pytest.raises(TypeError):
        survey.record_response(responded_on=date(2026, 2, 3), answers=[3] * 9, name="Budi")  # type: ignore[call-arg]
    assert len(ELEMENTS) == 9


def test_the_minimum_sample_is_krejcie_morgan_unless_the_tenant_sets_one() -> None:
    assert [krejcie_morgan(n) for n in (100, 1000, 10_000)] == [80, 278, 370]
    own = SatisfactionSurvey.open(unit_id=uuid4(), service="X", population_served=1000, minimum_sample=150)
    assert own.minimum_sample == 150
    with pytest.raises(InvalidInput):
        SatisfactionSurvey.open(unit_id=uuid4(), service="X", population_served=100, minimum_sample=101)
