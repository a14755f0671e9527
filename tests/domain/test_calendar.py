"""Working days over weekends, national holidays and cuti bersama; the shipped years and their sources."""

from __future__ import annotations

from datetime import date

import pytest

from riwayat.domain.calendar import add_working_days, is_working_day, working_days_after, working_days_between
from riwayat.domain.errors import InvalidInput
from riwayat.domain.holiday_calendar import HolidayCalendar, calendar_id, effective_holidays
from riwayat.domain.holidays import SHIPPED, HolidayKind, shipped_dates

H2026 = shipped_dates(2026)


def test_three_working_days_from_a_friday_skip_the_weekend() -> None:
    # Friday 6 Nov 2026 → Mon 9, Tue 10, Wed 11
    assert add_working_days(date(2026, 11, 6), 3) == date(2026, 11, 11)
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)  # from a Saturday: Monday
    assert add_working_days(date(2026, 11, 6), 0) == date(2026, 11, 6)


def test_lebaran_2026_holidays_and_cuti_bersama_are_skipped() -> None:
    # Thu 19 Mar Nyepi, Fri 20 cuti bersama, Sat-Sun 21-22 Idul Fitri, Mon-Tue 23-24 cuti bersama
    start = date(2026, 3, 17)  # Tuesday
    assert add_working_days(start, 1, H2026) == date(2026, 3, 25)  # 18 Mar is cuti bersama (Nyepi) too
    assert add_working_days(start, 3, H2026) == date(2026, 3, 27)
    assert add_working_days(start, 3) == date(2026, 3, 20)  # weekends only
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 27), H2026) == 5  # 16, 17, 25, 26, 27
    assert not is_working_day(date(2026, 3, 23), H2026) and is_working_day(date(2026, 3, 25), H2026)


def test_counting_and_adding_agree_over_a_whole_year() -> None:
    start = date(2025, 12, 31)
    for n in (1, 5, 14, 60, 240):
        due = add_working_days(start, n, H2026)
        assert working_days_after(start, due, H2026) == n
        assert is_working_day(due, H2026)


def test_2026_has_240_working_days_the_weekdays_less_the_21_weekday_holidays() -> None:
    # 261 weekdays in 2026, less the holidays that fall on one (counted from the data):
    weekday_offs = {d for d in H2026 if d.weekday() < 5}
    assert working_days_between(date(2026, 1, 1), date(2026, 12, 31), H2026) == 261 - len(weekday_offs)
    assert len(weekday_offs) == 21  # 17 national (4 on a weekend) + 8 cuti bersama
    assert working_days_between(date(2026, 1, 1), date(2026, 12, 31), H2026) == 240


def test_a_weekend_holiday_is_not_taken_off_twice() -> None:
    # Idul Fitri 2026 falls on Sat 21 and Sun 22 March
    assert working_days_between(date(2026, 3, 21), date(2026, 3, 22), H2026) == 0
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 22), {date(2026, 3, 21)}) == 5


def test_a_bad_number_of_days_is_refused() -> None:
    with pytest.raises(InvalidInput):
        add_working_days(date(2026, 1, 1), -1)
    with pytest.raises(InvalidInput):
        add_working_days(date(2026, 1, 1), 10**9)


def test_every_shipped_year_names_its_source_and_marks_what_is_not_confirmed() -> None:
    assert set(SHIPPED) == {2025, 2026, 2027}
    for year in SHIPPED.values():
        assert "SKB" in year.source or "ESTIMATE" in year.source
        assert all(h.day.year == year.year for h in year.holidays)
    assert SHIPPED[2027].confirmed is False and all(not h.confirmed for h in SHIPPED[2027].holidays)
    cuti_2026 = [h.day for h in SHIPPED[2026].holidays if h.kind is HolidayKind.CUTI_BERSAMA]
    assert len(cuti_2026) == 8 and date(2026, 12, 24) in cuti_2026
    (aug18,) = [h for h in SHIPPED[2025].holidays if h.day == date(2025, 8, 18)]
    assert aug18.confirmed is False


def test_a_tenant_calendar_extends_or_replaces_the_shipped_year() -> None:
    cal = HolidayCalendar.start(2026)
    assert cal.id == calendar_id(2026) and cal.effective() == H2026
    assert len(cal.collect_events()) == 1  # the year's first setHolidays is one event, as every later one
    cal.set_holidays([date(2026, 11, 13)], note="HUT Kota")  # a Friday
    assert cal.effective() == H2026 | {date(2026, 11, 13)}
    assert add_working_days(date(2026, 11, 12), 1, cal.effective()) == date(2026, 11, 16)
    cal.set_holidays([date(2026, 1, 2)], mode="REPLACE")
    assert cal.effective() == {date(2026, 1, 2)}
    assert effective_holidays(2030, None, ()) == frozenset()  # no data: weekends only
    with pytest.raises(InvalidInput) as refused:
        cal.set_holidays([date(2025, 12, 31)])
    assert refused.value.field == "dates"
