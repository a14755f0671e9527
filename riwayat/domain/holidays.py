"""National holidays (hari libur nasional) and collective leave (cuti bersama) as dated data, per year.

Each year is set by a joint decree of three ministers (SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri
PANRB), signed in the autumn before. The list is shipped here with its source; a tenant may override or
extend a year (`HolidayCalendar`), e.g. when the government adds a cuti bersama mid-year or a region has its
own holiday. A year marked `confirmed=False` is not taken from the decree: it was checked only against
secondary reports, or (2027) is an estimate from the religious calendars, to be replaced once the decree is
out — a tenant's `setHolidays` is the way to do that without a release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class HolidayKind(StrEnum):
    NATIONAL = "NATIONAL"  # hari libur nasional
    CUTI_BERSAMA = "CUTI_BERSAMA"  # collective leave: deducted from annual leave (see DOMAIN.md, Leave)
    REGIONAL = "REGIONAL"  # set by a tenant (never shipped)


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    kind: HolidayKind
    confirmed: bool = True


@dataclass(frozen=True)
class HolidayYear:
    year: int
    source: str
    confirmed: bool
    holidays: tuple[Holiday, ...]


def _year(year: int, source: str, confirmed: bool, national: str, cuti: str, unsure: str = "") -> HolidayYear:
    """`national` / `cuti`: lines "MM-DD name"; `unsure`: the MM-DD of single unconfirmed entries."""
    doubtful = set(unsure.split())

    def parse(lines: str, kind: HolidayKind) -> list[Holiday]:
        out = []
        for line in filter(None, (s.strip() for s in lines.splitlines())):
            md, name = line.split(" ", 1)
            month, day = map(int, md.split("-"))
            out.append(Holiday(date(year, month, day), name, kind, confirmed and md not in doubtful))
        return out

    days = parse(national, HolidayKind.NATIONAL) + parse(cuti, HolidayKind.CUTI_BERSAMA)
    return HolidayYear(year, source, confirmed, tuple(sorted(days, key=lambda h: h.day)))


SHIPPED: dict[int, HolidayYear] = {
    y.year: y
    for y in (
        _year(
            2025,
            "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1017/2024, 2/2024, 2/2024;"
            " 18 Aug added by the amending SKB of Aug 2025 (unconfirmed: from press reports)",
            True,
            """01-01 Tahun Baru 2025 Masehi
            01-27 Isra Mikraj Nabi Muhammad SAW
            01-29 Tahun Baru Imlek 2576 Kongzili
            03-29 Hari Suci Nyepi (Tahun Baru Saka 1947)
            03-31 Idul Fitri 1446 H
            04-01 Idul Fitri 1446 H
            04-18 Wafat Yesus Kristus
            04-20 Kebangkitan Yesus Kristus (Paskah)
            05-01 Hari Buruh Internasional
            05-12 Hari Raya Waisak 2569 BE
            05-29 Kenaikan Yesus Kristus
            06-01 Hari Lahir Pancasila
            06-06 Idul Adha 1446 H
            06-27 Tahun Baru Islam 1447 H
            08-17 Proklamasi Kemerdekaan
            09-05 Maulid Nabi Muhammad SAW
            12-25 Kelahiran Yesus Kristus""",
            """01-28 Cuti bersama Tahun Baru Imlek
            03-28 Cuti bersama Hari Suci Nyepi
            04-02 Cuti bersama Idul Fitri
            04-03 Cuti bersama Idul Fitri
            04-04 Cuti bersama Idul Fitri
            04-07 Cuti bersama Idul Fitri
            05-13 Cuti bersama Waisak
            05-30 Cuti bersama Kenaikan Yesus Kristus
            06-09 Cuti bersama Idul Adha
            08-18 Cuti bersama Proklamasi Kemerdekaan
            12-26 Cuti bersama Kelahiran Yesus Kristus""",
            unsure="08-18",
        ),
        _year(
            2026,
            "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497/2025, 2/2025, 5/2025"
            " (19 Sep 2025); checked against press reports of the decree, not its text (unconfirmed)",
            False,
            """01-01 Tahun Baru 2026 Masehi
            01-16 Isra Mikraj Nabi Muhammad SAW
            02-17 Tahun Baru Imlek 2577 Kongzili
            03-19 Hari Suci Nyepi (Tahun Baru Saka 1948)
            03-21 Idul Fitri 1447 H
            03-22 Idul Fitri 1447 H
            04-03 Wafat Yesus Kristus
            04-05 Kebangkitan Yesus Kristus (Paskah)
            05-01 Hari Buruh Internasional
            05-14 Kenaikan Yesus Kristus
            05-27 Idul Adha 1447 H
            05-31 Hari Raya Waisak 2570 BE
            06-01 Hari Lahir Pancasila
            06-16 Tahun Baru Islam 1448 H
            08-17 Proklamasi Kemerdekaan
            08-25 Maulid Nabi Muhammad SAW
            12-25 Kelahiran Yesus Kristus""",
            """02-16 Cuti bersama Tahun Baru Imlek
            03-18 Cuti bersama Hari Suci Nyepi
            03-20 Cuti bersama Idul Fitri
            03-23 Cuti bersama Idul Fitri
            03-24 Cuti bersama Idul Fitri
            05-15 Cuti bersama Kenaikan Yesus Kristus
            05-28 Cuti bersama Idul Adha
            12-24 Cuti bersama Kelahiran Yesus Kristus""",
        ),
        _year(
            2027,
            "ESTIMATE (unconfirmed): fixed dates plus the expected dates of the lunar holidays;"
            " no cuti bersama until the SKB for 2027 is entered by the tenant (setHolidays)",
            False,
            """01-01 Tahun Baru 2027 Masehi
            01-05 Isra Mikraj Nabi Muhammad SAW
            02-06 Tahun Baru Imlek 2578 Kongzili
            03-08 Hari Suci Nyepi (Tahun Baru Saka 1949)
            03-10 Idul Fitri 1448 H
            03-11 Idul Fitri 1448 H
            03-26 Wafat Yesus Kristus
            03-28 Kebangkitan Yesus Kristus (Paskah)
            05-01 Hari Buruh Internasional
            05-06 Kenaikan Yesus Kristus
            05-17 Idul Adha 1448 H
            05-20 Hari Raya Waisak 2571 BE
            06-01 Hari Lahir Pancasila
            06-06 Tahun Baru Islam 1449 H
            08-15 Maulid Nabi Muhammad SAW
            08-17 Proklamasi Kemerdekaan
            12-25 Kelahiran Yesus Kristus""",
            "",
        ),
    )
}


def shipped(year: int) -> tuple[Holiday, ...]:
    """The shipped holidays of `year` (empty for a year not shipped: weekends only)."""
    found = SHIPPED.get(year)
    return () if found is None else found.holidays


def shipped_dates(year: int) -> frozenset[date]:
    return frozenset(h.day for h in shipped(year))
