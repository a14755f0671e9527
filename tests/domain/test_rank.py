"""PNS golongan/ruang and PPPK golongan: parsing, order, next rank, pangkat names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riwayat.domain import reference
from riwayat.domain.errors import InvalidRank
from riwayat.domain.values import EmploymentType, Rank

PNS, PPPK = EmploymentType.PNS, EmploymentType.PPPK
PNS_ORDER = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]  # fmt: skip


def test_pns_ranks_run_from_i_a_to_iv_e_in_order() -> None:
    assert [rank.code for rank in Rank.all(PNS)] == PNS_ORDER
    assert sorted(Rank.all(PNS), reverse=True)[0].code == "IV/e"
    assert Rank.parse("II/d") < Rank.parse("III/a") < Rank.parse("IV/e")


def test_pppk_golongan_are_i_to_xvii_in_order() -> None:
    codes = [rank.code for rank in Rank.all(PPPK)]
    assert codes[0] == "I" and codes[-1] == "XVII" and len(codes) == 17
    assert codes[8] == "IX"
    assert Rank.parse("IX", PPPK) < Rank.parse("X", PPPK)


def test_the_next_rank_is_one_step_up_and_there_is_none_above_the_top() -> None:
    assert Rank.parse("III/d").next() == Rank.parse("IV/a")
    assert Rank.parse("I/d").next() == Rank.parse("II/a")
    assert Rank.parse("IV/e").next() is None
    assert Rank.parse("XVI").next() == Rank.parse("XVII")
    assert Rank.parse("XVII").next() is None


def test_pns_ranks_carry_their_pangkat_names_and_pppk_have_none() -> None:
    assert Rank.parse("III/a").pangkat == "Penata Muda"
    assert Rank.parse("IV/e").pangkat == "Pembina Utama"
    assert Rank.parse("I/a").pangkat == "Juru Muda"
    assert Rank.parse("IX").pangkat is None
    assert (Rank.parse("III/b").golongan, Rank.parse("III/b").ruang) == ("III", "b")
    assert Rank.parse("XI").ruang is None


@pytest.mark.parametrize("written", ["III/a", "iii/a", "III/A", "IIIa", " III / a "])
def test_pns_ranks_are_read_in_their_common_written_forms(written: str) -> None:
    assert Rank.parse(written).code == "III/a"


@pytest.mark.parametrize("text", ["", "V/a", "I/e", "III/f", "3/a", "XVIII", "0", "IIII", "III-a"])
def test_unknown_ranks_are_refused(text: str) -> None:
    with pytest.raises(InvalidRank) as refused:
        Rank.parse(text)
    assert refused.value.code == "INVALID_RANK"
    assert refused.value.field == "rank"


def test_a_rank_of_the_other_employment_type_is_refused() -> None:
    with pytest.raises(InvalidRank):
        Rank.parse("IX", PNS)
    with pytest.raises(InvalidRank):
        Rank.parse("III/a", PPPK)
    with pytest.raises(InvalidRank) as refused:
        Rank.parse("III", PNS, field="toRank")
    assert refused.value.field == "toRank"


def test_ranks_of_different_types_do_not_compare() -> None:
    with pytest.raises(TypeError):
        _ = Rank.parse("III/a") < Rank.parse("IX")


def test_a_rank_cannot_be_built_from_an_unknown_code() -> None:
    with pytest.raises(InvalidRank):
        Rank("III/e", PNS)


@given(st.sampled_from(PNS_ORDER))
def test_any_pns_rank_round_trips_through_its_code_and_case_variants(code: str) -> None:
    rank = Rank.parse(code)
    assert rank.code == code and str(rank) == code
    assert Rank.parse(code.upper()) == rank == Rank.parse(code.lower())
    assert rank.employment_type is PNS
    assert PNS_ORDER.index(code) == rank.index


@given(st.sampled_from(reference.PPPK_GOLONGAN))
def test_any_pppk_golongan_round_trips(code: str) -> None:
    rank = Rank.parse(code.lower(), PPPK)
    assert rank.code == code and rank.employment_type is PPPK


@given(st.sampled_from(PNS_ORDER[:-1]))
def test_next_is_always_the_following_code_in_the_order(code: str) -> None:
    following = Rank.parse(code).next()
    assert following is not None
    assert following.code == PNS_ORDER[PNS_ORDER.index(code) + 1]
    assert Rank.parse(code) < following
