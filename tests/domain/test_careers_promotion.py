"""Education ceilings, promotion eligibility and posthumous promotion (PP 99/2000 jo PP 12/2002)."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.errors import InvalidInput, InvalidState
from tests.domain.factories import APPRAISER_NIP, active_pns, decree

SK = decree("800/1/2019", date(2019, 3, 1))


def sd_at_ii_a():
    """A PNS with only an SD diploma, in II/a (the SD ceiling) since 2015, with good SKP."""
    employee = active_pns(rank="II/a", position="Pengadministrasi Perkantoran")
    employee.record_education("SD", "SD Negeri 060 Medan", date(1999, 6, 1))
    for year in (2019, 2020):
        employee.record_appraisal(year, "MEETS", "MEETS", APPRAISER_NIP)
    return employee


def test_sd_at_ii_a_is_not_a_candidate_ceiling_for_sd_pp_99_2000_art_18() -> None:
    employee = sd_at_ii_a()
    assert not employee.is_promotion_candidate(date(2021, 4, 1))
    obstacles = employee.promotion_obstacles(date(2021, 4, 1))
    assert [o.code for o in obstacles] == ["CEILING"]
    assert "ceiling for SD" in obstacles[0].message


def test_a_higher_diploma_lifts_the_ceiling() -> None:
    employee = sd_at_ii_a()
    employee.record_education("SLTA", "SMA Negeri 1 Medan", date(2018, 6, 1))
    assert employee.is_promotion_candidate(date(2021, 4, 1))
    assert employee.promotion_obstacles(date(2021, 4, 1)) == []


def test_sltp_kejuruan_and_sgplb_have_their_own_ceilings_domain_md_correction() -> None:
    kejuruan = active_pns(rank="II/c")
    kejuruan.record_education("SLTP_KEJURUAN", "STM Pertama", date(2000, 6, 1))
    assert "CEILING" not in [o.code for o in kejuruan.promotion_obstacles(date(2021, 4, 1))]
    sgplb = active_pns(rank="III/c")
    sgplb.record_education("SGPLB", "SGPLB Negeri", date(2000, 6, 1))
    assert "ceiling for SGPLB" in sgplb.promotion_obstacles(date(2021, 4, 1))[0].message


def test_eligibility_lists_years_in_rank_missing_skp_and_sanction() -> None:
    employee = active_pns()
    employee.record_appraisal(2019, "BELOW", "MEETS", APPRAISER_NIP)
    employee.impose_discipline(None, "Terlambat", date(2021, 9, 1), SK, kind="ALLOWANCE_CUT_25", months=6)
    found = employee.promotion_obstacles(date(2021, 10, 1))
    assert [o.code for o in found] == ["APPRAISAL", "APPRAISAL", "SANCTION"]
    assert "BUTUH_PERBAIKAN" in found[0].message and "no SKP recorded for 2020" in found[1].message
    young = active_pns()
    assert [o.code for o in young.promotion_obstacles(date(2018, 4, 1))][0] == "YEARS_IN_RANK"


def test_posthumous_promotion_after_death_takes_the_date_of_death_pp_99_2000_art_22() -> None:
    employee = active_pns()
    employee.separate("DEATH_ON_DUTY", date(2022, 7, 13), SK)
    employee.promote("III/b", date(2022, 7, 13), SK, kind="POSTHUMOUS")
    assert (employee.rank, employee.rank_since, employee.status) == ("III/b", date(2022, 7, 13), "SEPARATED")


def test_posthumous_promotion_needs_the_death_and_its_date() -> None:
    alive = active_pns()
    with pytest.raises(InvalidState, match="death"):
        alive.promote("III/b", date(2022, 7, 1), SK, kind="POSTHUMOUS")
    resigned = active_pns()
    resigned.separate("RESIGNATION", date(2022, 7, 1), SK)
    with pytest.raises(InvalidState):
        resigned.promote("III/b", date(2022, 7, 1), SK, kind="POSTHUMOUS")
    dead = active_pns()
    dead.separate("DEATH", date(2022, 7, 13), SK)
    with pytest.raises(InvalidInput, match="date of death"):
        dead.promote("III/b", date(2022, 8, 1), SK, kind="POSTHUMOUS")
    with pytest.raises(InvalidInput, match="1st of a month"):  # a regular one keeps the 1st-of-month rule
        dead.promote("III/b", date(2022, 7, 13), SK, kind="REGULAR")


def test_a_regular_promotion_records_its_kind() -> None:
    employee = active_pns()
    employee.promote("III/b", date(2019, 4, 1), SK, kind="REGULAR")
    assert employee.collect_events()[-1].kind == "REGULAR"
