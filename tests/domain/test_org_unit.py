"""Org units: established with a clean code, renamed, dissolved only when empty."""

from __future__ import annotations

import pytest
from eventsourcing.utils import get_topic

from riwayat.domain.errors import InvalidInput, InvalidState
from riwayat.domain.org_unit import OrgUnit


def test_a_unit_is_established_with_an_upper_cased_code() -> None:
    unit = OrgUnit.establish(" bkpsdm-1275 ", " Badan Kepegawaian dan Pengembangan SDM ")
    assert (unit.code, unit.name, unit.dissolved) == (
        "BKPSDM-1275",
        "Badan Kepegawaian dan Pengembangan SDM",
        False,
    )
    assert get_topic(type(unit.collect_events()[0])) == "riwayat.domain.org_unit:OrgUnit.Established"


@pytest.mark.parametrize("code", ["", "A", "X" * 21, "DINAS KESEHATAN", "DINKES/1", "ÄBC"])
def test_a_code_must_be_2_to_20_plain_characters(code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        OrgUnit.establish(code, "Dinas Kesehatan")
    assert refused.value.field == "code"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_name_must_be_given_and_at_most_200_characters(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        OrgUnit.establish("DINKES", name)
    assert refused.value.field == "name"


def test_a_unit_can_be_renamed() -> None:
    unit = OrgUnit.establish("DISDIK", "Dinas Pendidikan")
    unit.rename("Dinas Pendidikan dan Kebudayaan")
    assert (unit.name, unit.version) == ("Dinas Pendidikan dan Kebudayaan", 2)


def test_a_unit_with_people_in_it_cannot_be_dissolved() -> None:
    unit = OrgUnit.establish("DISDIK", "Dinas Pendidikan")
    with pytest.raises(InvalidState):
        unit.dissolve(3)
    unit.dissolve(0)
    assert unit.dissolved


def test_a_dissolved_unit_is_neither_renamed_nor_dissolved_again() -> None:
    unit = OrgUnit.establish("DISDIK", "Dinas Pendidikan")
    unit.dissolve(0)
    with pytest.raises(InvalidState):
        unit.rename("Baru")
    with pytest.raises(InvalidState):
        unit.dissolve(0)


def test_a_headcount_must_be_a_whole_number() -> None:
    with pytest.raises(InvalidInput):
        OrgUnit.establish("DISDIK", "Dinas Pendidikan").dissolve(-1)
