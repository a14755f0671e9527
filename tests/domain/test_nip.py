"""NIP (PNS) and NI PPPK: segment checks, written forms, and parse round trips."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riwayat.domain.errors import InvalidNip
from riwayat.domain.values import EmploymentType, Gender, Nip


def test_a_real_nip_reads_as_birth_date_tmt_sex_and_sequence() -> None:
    nip = Nip.parse("198609262015051001")
    assert nip.birth_date == date(1986, 9, 26)
    assert (nip.appointment_year, nip.appointment_month) == (2015, 5)
    assert nip.gender is Gender.MALE
    assert nip.sequence == 1
    assert nip.employment_type is EmploymentType.PNS
    assert nip.contract_count is None


@pytest.mark.parametrize(
    "written", ["19860926 201505 1 001", "19860926.201505.1.001", " 198609262015051001 "]
)
def test_spaces_and_dots_are_accepted_and_only_digits_are_kept(written: str) -> None:
    assert Nip.parse(written).digits == "198609262015051001"
    assert str(Nip.parse(written)) == "198609262015051001"


def test_the_formatted_form_groups_the_segments() -> None:
    assert Nip.parse("198609262015051001").formatted == "19860926 201505 1 001"


def test_digit_15_two_means_female() -> None:
    assert Nip.parse("198609262015052001").gender is Gender.FEMALE


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("19860926201505100", "18 digits"),
        ("1986092620150510011", "18 digits"),
        ("", "18 digits"),
        ("19860926201505100A", "only digits"),
        ("19860926-201505-1-001", "18 digits"),
        ("19860931201505 1001", "birth date"),
        ("19860229201505 1001", "birth date"),
        ("19861326201505 1001", "birth date"),
        ("198609262015001001", "month"),
        ("198609262015131001", "month"),
        ("198609262015053001", "digit 15"),
        ("198609262015050001", "digit 15"),
        ("198609262015051000", "sequence"),
        ("198609261985051001", "after the birth date"),
        ("198609262015351001", "digits 13-14"),
    ],
)
def test_a_malformed_nip_is_refused_with_the_segment_at_fault(text: str, why: str) -> None:
    with pytest.raises(InvalidNip) as refused:
        Nip.parse(text)
    assert why in refused.value.message
    assert refused.value.field == "nip"
    assert refused.value.code == "INVALID_NIP"


def test_non_ascii_digits_are_not_digits() -> None:
    with pytest.raises(InvalidNip):
        Nip.parse("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١")


def test_a_non_string_is_refused_under_the_callers_field_name() -> None:
    with pytest.raises(InvalidNip) as refused:
        Nip.parse(198609262015051001, field="appraiserNip")
    assert refused.value.field == "appraiserNip"


def test_constructing_from_invalid_digits_is_refused_too() -> None:
    with pytest.raises(InvalidNip):
        Nip("198609262015131001")


def test_an_ni_pppk_has_year_then_two_then_contract_count() -> None:
    nip = Nip.parse("19900115 2021 21 2 005")
    assert nip.employment_type is EmploymentType.PPPK
    assert nip.birth_date == date(1990, 1, 15)
    assert nip.appointment_year == 2021
    assert nip.appointment_month is None
    assert nip.contract_count == 1
    assert nip.gender is Gender.FEMALE
    assert nip.sequence == 5
    assert nip.formatted == "19900115 2021 21 2 005"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("199001152021202005", "contract count"),
        ("199001151990212005", "after the birth year"),
        ("199001152021213005", "digit 15"),
        ("199001152021212000", "sequence"),
    ],
)
def test_a_malformed_ni_pppk_is_refused(text: str, why: str) -> None:
    with pytest.raises(InvalidNip) as refused:
        Nip.parse(text)
    assert why in refused.value.message


def test_a_pns_nip_and_an_ni_pppk_can_never_be_confused() -> None:
    # Digit 13 of a PNS NIP starts a month (0 or 1); only a PPPK number has a 2 there.
    assert Nip.parse("198609262015121001").employment_type is EmploymentType.PNS
    assert Nip.parse("198609262015211001").employment_type is EmploymentType.PPPK


def test_check_matches_names_each_disagreement() -> None:
    nip = Nip.parse("198609262015051001")
    ok = {
        "birth_date": date(1986, 9, 26),
        "gender": Gender.MALE,
        "employment_type": EmploymentType.PNS,
        "appointed_on": date(2015, 5, 1),
    }
    nip.check_matches(**ok)
    for change, why in [
        ({"birth_date": date(1986, 9, 27)}, "birth date"),
        ({"gender": Gender.FEMALE}, "sex"),
        ({"employment_type": EmploymentType.PPPK}, "PPPK hire"),
        ({"appointed_on": date(2016, 5, 1)}, "year"),
        ({"appointed_on": date(2015, 6, 1)}, "month"),
    ]:
        with pytest.raises(InvalidNip, match=why):
            nip.check_matches(**(ok | change))


@st.composite
def pns_segments(draw: st.DrawFn) -> tuple[date, int, int, str, int]:
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31)))
    year = draw(st.integers(min_value=born.year + 1, max_value=2099))
    month = draw(st.integers(min_value=1, max_value=12))
    sex = draw(st.sampled_from("12"))
    sequence = draw(st.integers(min_value=1, max_value=999))
    return born, year, month, sex, sequence


@given(pns_segments(), st.sampled_from(["", " ", "."]))
def test_any_valid_pns_nip_round_trips_through_its_written_forms(
    segments: tuple[date, int, int, str, int], separator: str
) -> None:
    born, year, month, sex, sequence = segments
    parts = [born.strftime("%Y%m%d"), f"{year:04d}{month:02d}", sex, f"{sequence:03d}"]
    nip = Nip.parse(separator.join(parts))
    assert nip.digits == "".join(parts)
    assert (nip.birth_date, nip.appointment_year, nip.appointment_month) == (born, year, month)
    assert nip.gender is (Gender.MALE if sex == "1" else Gender.FEMALE)
    assert nip.sequence == sequence
    assert Nip.parse(nip.formatted) == nip
    assert Nip.parse(str(nip)) == nip


@given(pns_segments(), st.integers(min_value=1, max_value=9))
def test_any_valid_ni_pppk_round_trips(segments: tuple[date, int, int, str, int], contracts: int) -> None:
    born, year, _, sex, sequence = segments
    digits = f"{born:%Y%m%d}{year:04d}2{contracts}{sex}{sequence:03d}"
    nip = Nip.parse(digits)
    assert nip.employment_type is EmploymentType.PPPK
    assert (nip.birth_date, nip.appointment_year, nip.contract_count) == (born, year, contracts)
    assert Nip.parse(nip.formatted) == nip


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_any_eighteen_digits_either_parse_to_themselves_or_are_refused(digits: str) -> None:
    try:
        nip = Nip.parse(digits)
    except InvalidNip:
        return
    assert nip.digits == digits
