"""Decree, the API enums, the SKP predikat matrix, and the calendar helpers."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import pytest

from riwayat.domain.checks import add_months, add_years, parse_enum, require_text, require_uuid
from riwayat.domain.errors import InvalidInput
from riwayat.domain.values import (
    SKP_MATRIX,
    Decree,
    DisciplineLevel,
    Expectation,
    Gender,
    Predikat,
    TrainingKind,
    predikat,
    require_decree,
)


def test_a_decree_keeps_its_number_stripped_and_its_date() -> None:
    decree = Decree(number="  800/12/BKPSDM  ", date=date(2024, 3, 1))
    assert decree == Decree("800/12/BKPSDM", date(2024, 3, 1))


@pytest.mark.parametrize("number", ["", "   ", None])
def test_a_decree_without_a_number_is_invalid_input_on_decree_number(number: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Decree(number=number, date=date(2024, 3, 1))  # type: ignore[arg-type]
    assert refused.value.field == "decree.number"


def test_a_decree_date_must_be_a_date_not_a_string_or_timestamp() -> None:
    for bad in ["2024-03-01", datetime(2024, 3, 1, 8, 0)]:
        with pytest.raises(InvalidInput) as refused:
            Decree(number="1", date=bad)  # type: ignore[arg-type]
        assert refused.value.field == "decree.date"


def test_a_personnel_action_needs_a_decree() -> None:
    with pytest.raises(InvalidInput) as refused:
        require_decree(None)
    assert refused.value.field == "decree"


@pytest.mark.parametrize(
    ("work", "behaviour", "expected"),
    [
        ("ABOVE", "ABOVE", "SANGAT_BAIK"),
        ("ABOVE", "MEETS", "BAIK"),
        ("ABOVE", "BELOW", "KURANG"),
        ("MEETS", "ABOVE", "BAIK"),
        ("MEETS", "MEETS", "BAIK"),
        ("MEETS", "BELOW", "KURANG"),
        ("BELOW", "ABOVE", "BUTUH_PERBAIKAN"),
        ("BELOW", "MEETS", "BUTUH_PERBAIKAN"),
        ("BELOW", "BELOW", "SANGAT_KURANG"),
    ],
)
def test_each_cell_of_the_skp_matrix(work: str, behaviour: str, expected: str) -> None:
    assert predikat(work, behaviour) is Predikat(expected)
    assert predikat(Expectation(work), Expectation(behaviour)).value == expected


def test_the_skp_matrix_covers_every_pair_of_ratings_exactly_once() -> None:
    assert len(SKP_MATRIX) == 9
    assert {(w, b) for w in Expectation for b in Expectation} == set(SKP_MATRIX)


def test_predikat_order_runs_from_sangat_baik_down_to_sangat_kurang() -> None:
    assert Predikat.SANGAT_BAIK.at_least(Predikat.BAIK)
    assert Predikat.BAIK.at_least("BAIK")
    assert not Predikat.BUTUH_PERBAIKAN.at_least(Predikat.BAIK)
    assert not Predikat.KURANG.at_least(Predikat.BUTUH_PERBAIKAN)
    assert Predikat.KURANG.at_least(Predikat.SANGAT_KURANG)


@pytest.mark.parametrize(
    ("given", "stored"),
    [("RINGAN", "RINGAN"), ("sedang", "SEDANG"), ("Berat", "BERAT"), ("light", "RINGAN"),
     ("MEDIUM", "SEDANG"), (" heavy ", "BERAT")],
)  # fmt: skip
def test_discipline_levels_are_read_in_either_language_and_stored_in_indonesian(
    given: str, stored: str
) -> None:
    assert parse_enum(DisciplineLevel, given, "level").value == stored


def test_an_unknown_enum_value_is_invalid_input_naming_the_field_and_the_choices() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_enum(TrainingKind, "SLEEPING", "kind")
    assert refused.value.field == "kind"
    assert "E_LEARNING" in refused.value.message
    with pytest.raises(InvalidInput):
        parse_enum(DisciplineLevel, "SEVERE", "level")


def test_training_kinds_are_the_api_enum() -> None:
    assert [kind.value for kind in TrainingKind] == [
        "CLASSROOM", "E_LEARNING", "SEMINAR", "WORKSHOP", "INTERNSHIP",
        "MENTORING", "COACHING", "LATSAR", "LEADERSHIP",
    ]  # fmt: skip


def test_text_is_stripped_and_blank_or_overlong_text_is_refused() -> None:
    assert require_text("  Budi ", "name") == "Budi"
    for bad in ["", "  ", None, 5, "x" * 201]:
        with pytest.raises(InvalidInput):
            require_text(bad, "name")


def test_ids_may_be_given_as_strings_but_must_be_uuids() -> None:
    assert str(require_uuid("12345678-1234-5678-1234-567812345678", "unitId")).startswith("12345678")
    with pytest.raises(InvalidInput) as refused:
        require_uuid("not-an-id", "unitId")
    assert refused.value.field == "unitId"


def test_adding_months_clips_to_the_end_of_the_month() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 15), 2) == date(2025, 1, 15)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2015, 5, 1), 4) == date(2019, 5, 1)


def test_an_enum_of_another_layer_with_the_same_value_is_accepted() -> None:
    class ApiGender(Enum):
        MALE = "MALE"

    assert parse_enum(Gender, ApiGender.MALE, "gender") is Gender.MALE
