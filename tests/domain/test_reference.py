"""Reference data stays consistent with the value objects that read it."""

from __future__ import annotations

from datetime import date

from riwayat.domain import reference
from riwayat.domain.values import EmploymentType, Rank


def test_every_diploma_range_names_real_pns_ranks_lowest_first() -> None:
    for start, cap in reference.DIPLOMA_RANKS.values():
        assert Rank.parse(start, EmploymentType.PNS) < Rank.parse(cap, EmploymentType.PNS)


def test_every_discipline_level_has_an_effect_duration() -> None:
    assert set(reference.DISCIPLINE_EFFECT_MONTHS) == {"RINGAN", "SEDANG", "BERAT"}
    assert all(months > 0 for months in reference.DISCIPLINE_EFFECT_MONTHS.values())


def test_retirement_ages_are_58_60_or_65() -> None:
    assert set(reference.BUP_AGES.values()) == {58, 60, 65}
    assert reference.BUP_AGES["AHLI_UTAMA"] == 65


def test_promotion_periods_follow_the_rules_in_force_on_the_tmt() -> None:
    assert reference.is_promotion_period(date(2023, 10, 1))
    assert not reference.is_promotion_period(date(2023, 6, 1))
    assert reference.is_promotion_period(date(2024, 6, 1))
    assert not reference.is_promotion_period(date(2025, 5, 1))
    assert reference.is_promotion_period(date(2025, 11, 1))
    assert not reference.is_promotion_period(date(2025, 11, 2))
