"""Training (pengembangan kompetensi) a civil servant completes: Latsar, leadership, and yearly courses.

Since PP 17/2020 every PNS should complete at least 20 JP a year, so from 2020 the yearly courses add
up to roughly 20 JP; before that training was occasional. PPPK get at most 24 JP over their contract.
Latsar CPNS (PerLAN 24 and 25/2017, from 2018) is recorded with its classroom part, 288 JP; the older
Diklat Prajabatan with an approximate figure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Course:
    title: str
    kind: str
    hours: tuple[int, int]
    since: int = 1990
    until: int = 2100
    fields: frozenset[str] | None = None  # None: anyone


def _c(title: str, kind: str, lo: int, hi: int, since: int = 1990, until: int = 2100, *fields: str) -> Course:
    return Course(title, kind, (lo, hi), since, until, frozenset(fields) if fields else None)


CATALOGUE: tuple[Course, ...] = (
    # for everyone
    _c("Bimtek Penyusunan Sasaran Kinerja Pegawai", "WORKSHOP", 8, 16, 2014),
    _c("Pelatihan Pelayanan Prima", "CLASSROOM", 16, 30),
    _c("Bimtek Tata Naskah Dinas", "WORKSHOP", 8, 16),
    _c("Bimtek Pengelolaan Arsip Dinamis", "WORKSHOP", 12, 24),
    _c("Seminar Reformasi Birokrasi dan Zona Integritas", "SEMINAR", 4, 8, 2015),
    _c("Seminar Pencegahan Korupsi dan Gratifikasi", "SEMINAR", 4, 8, 2012),
    _c("E-Learning Core Values ASN BerAKHLAK", "E_LEARNING", 6, 12, 2021),
    _c("E-Learning Manajemen ASN", "E_LEARNING", 8, 16, 2020),
    _c("E-Learning Literasi Digital ASN", "E_LEARNING", 6, 12, 2021),
    _c("Bimtek Aplikasi SIASN dan e-Kinerja", "WORKSHOP", 6, 12, 2022),
    _c("Bimtek Sistem Informasi Pemerintahan Daerah (SIPD)", "WORKSHOP", 12, 24, 2021),
    _c("Coaching Kinerja oleh Atasan Langsung", "COACHING", 2, 6, 2020),
    _c("Mentoring Penyusunan Rencana Aksi", "MENTORING", 4, 8, 2019),
    _c("Pelatihan Microsoft Excel untuk Analisis Data", "CLASSROOM", 16, 24, 2010),
    _c("Seminar Moderasi Beragama bagi ASN", "SEMINAR", 4, 6, 2020),
    # by field
    _c("Diklat Kurikulum 2013", "CLASSROOM", 30, 52, 2013, 2019, "teacher"),
    _c("Pendidikan dan Latihan Profesi Guru (PLPG)", "CLASSROOM", 60, 90, 2007, 2017, "teacher"),
    _c("Bimtek Implementasi Kurikulum Merdeka", "WORKSHOP", 16, 32, 2022, 2100, "teacher"),
    _c("Workshop Penyusunan Modul Ajar", "WORKSHOP", 8, 16, 2022, 2100, "teacher"),
    _c("Pelatihan Pembelajaran Berdiferensiasi", "E_LEARNING", 8, 20, 2021, 2100, "teacher"),
    _c("Bimtek Asesmen Nasional", "WORKSHOP", 8, 12, 2021, 2100, "teacher"),
    _c(
        "Pelatihan Basic Life Support",
        "CLASSROOM",
        16,
        24,
        2005,
        2100,
        "doctor",
        "nurse",
        "midwife",
        "dentist",
    ),
    _c(
        "Pelatihan Pencegahan dan Pengendalian Infeksi",
        "CLASSROOM",
        16,
        30,
        2008,
        2100,
        "doctor",
        "nurse",
        "midwife",
        "pharmacist",
        "dentist",
    ),
    _c("Pelatihan Asuhan Persalinan Normal", "CLASSROOM", 30, 40, 2005, 2100, "midwife"),
    _c("Pelatihan Tata Laksana COVID-19", "E_LEARNING", 8, 16, 2020, 2021, "doctor", "nurse", "midwife"),
    _c(
        "Pelatihan Imunisasi bagi Petugas Puskesmas",
        "CLASSROOM",
        16,
        24,
        2010,
        2100,
        "nurse",
        "midwife",
        "public_health",
    ),
    _c("Magang Pelayanan Kefarmasian di Rumah Sakit", "INTERNSHIP", 24, 40, 2010, 2100, "pharmacist"),
    _c("Bimtek Penatausahaan Keuangan Daerah", "WORKSHOP", 16, 24, 2008, 2100, "finance"),
    _c("Pelatihan Akuntansi Berbasis Akrual", "CLASSROOM", 24, 40, 2014, 2100, "finance"),
    _c("Pelatihan Keamanan Siber bagi Pengelola TIK", "CLASSROOM", 16, 32, 2017, 2100, "it"),
    _c("Workshop Arsitektur SPBE", "WORKSHOP", 8, 16, 2019, 2100, "it"),
    _c("Pelatihan Dasar Pemadam Kebakaran", "CLASSROOM", 40, 60, 1995, 2100, "fire"),
    _c("Pelatihan Penyelamatan di Ketinggian", "CLASSROOM", 24, 40, 2010, 2100, "fire"),
    _c("Bimtek Perencanaan Teknis Jalan dan Jembatan", "WORKSHOP", 16, 24, 2005, 2100, "engineer"),
    _c("Pelatihan Ahli K3 Konstruksi", "CLASSROOM", 30, 48, 2010, 2100, "engineer"),
    _c("Magang Penyuluhan di Balai Pelatihan Pertanian", "INTERNSHIP", 24, 40, 2005, 2100, "agriculture"),
    _c("Bimtek Penyusunan Produk Hukum Daerah", "WORKSHOP", 16, 24, 2005, 2100, "law"),
)


@dataclass(frozen=True)
class Completed:
    on: date
    title: str
    kind: str
    hours: int
    certificate: str | None


def latsar(rng: random.Random, tmt: date, rank: str, issuer: str) -> Completed:
    """The CPNS basic training, completed within the probation year."""
    golongan = rank.split("/")[0]
    on = tmt + timedelta(days=rng.randint(120, 320))
    if tmt.year >= 2018:
        title, hours = f"Pelatihan Dasar CPNS Golongan {golongan}", 288
    else:
        title, hours = f"Diklat Prajabatan Golongan {golongan}", 180
    batch = rng.randint(1, 40)
    return Completed(
        on, f"{title} Angkatan {_roman(batch)}", "LATSAR", hours, _cert(rng, "LATSAR", issuer, on)
    )


def leadership(rng: random.Random, level: str, appointed: date, issuer: str) -> Completed:
    """PKP for pengawas, PKA for administrator, PKN II for JPT (Diklatpim IV/III/II before 2019)."""
    on = appointed + timedelta(days=rng.randint(60, 330))
    modern = on.year >= 2019
    title, hours = {
        "pengawas": ("Pelatihan Kepemimpinan Pengawas" if modern else "Diklat Kepemimpinan Tingkat IV", 225),
        "administrator": (
            "Pelatihan Kepemimpinan Administrator" if modern else "Diklat Kepemimpinan Tingkat III",
            350,
        ),
        "jpt": (
            "Pelatihan Kepemimpinan Nasional Tingkat II" if modern else "Diklat Kepemimpinan Tingkat II",
            420,
        ),
    }[level]
    return Completed(on, title, "LEADERSHIP", hours, _cert(rng, "PIM", issuer, on))


def yearly(
    rng: random.Random,
    year: int,
    field: str | None,
    employment_type: str,
    start: date,
    end: date,
    issuer: str,
) -> list[Completed]:
    """The courses of one year that fall between `start` and `end` (exclusive)."""
    if employment_type == "PPPK":
        count, target = (1 if rng.random() < 0.35 else 0), 8
    elif year >= 2020:
        count = rng.choice((1, 2, 2, 2, 3, 3))
        target = rng.choice((18, 20, 20, 22, 24, 26, 30, 36))
    else:
        count, target = (1 if rng.random() < 0.45 else 0), 24
    options = [c for c in CATALOGUE if c.since <= year <= c.until and (c.fields is None or field in c.fields)]
    chosen = _pick_courses(rng, options, count)
    done = []
    for course in chosen:
        lo, hi = course.hours
        hours = max(1, min(hi, max(lo, target // max(1, len(chosen)) + rng.randint(-4, 4))))
        if employment_type == "PPPK":
            hours = min(hours, 8)
        on = date(year, 1, 1) + timedelta(days=rng.randint(14, 350))
        if start < on < end:
            done.append(Completed(on, course.title, course.kind, hours, _cert(rng, course.kind, issuer, on)))
    return done


def _pick_courses(rng: random.Random, options: list[Course], count: int) -> list[Course]:
    """`count` different courses, those of the person's own field three times as likely."""
    chosen: list[Course] = []
    while options and len(chosen) < count:
        course = rng.choices(options, weights=[1 if c.fields is None else 3 for c in options])[0]
        options = [c for c in options if c is not course]
        chosen.append(course)
    return chosen


def _cert(rng: random.Random, kind: str, issuer: str, on: date) -> str | None:
    if kind in {"SEMINAR", "COACHING", "MENTORING"} and rng.random() < 0.6:
        return None
    body = "LAN-ELEARNING" if kind == "E_LEARNING" else issuer
    return f"{rng.randint(1, 2999):04d}/{body}/{on.year}"


def _roman(n: int) -> str:
    values = ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in values:
        while n >= value:
            out += numeral
            n -= value
    return out
