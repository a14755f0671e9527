"""Jobs (jabatan) by kind of unit, and the titles a career moves through.

A job is a jabatan fungsional (JF: "Perawat", "Guru", "Analis Keuangan Pusat dan Daerah") or pelaksana.
A JF's title carries its level (jenjang), which follows the rank: keahlian "Ahli Pertama" (III/a–III/b),
"Ahli Muda" (III/c–III/d), "Ahli Madya" (IV/a–IV/c); keterampilan "Pemula" (II/a), "Terampil" (II/b–II/d),
"Mahir" (III/a–III/b), "Penyelia" (III/c–III/d). Structural posts (pengawas, administrator, JPT) are named
after the unit's sections and divisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from riwayat.domain.retirement import retirement_age

# Diplomas held by people entering a keahlian (expert) level; the others enter keterampilan or pelaksana.
EXPERT_DIPLOMAS = frozenset({"S1", "S2", "DOKTER", "APOTEKER"})


@dataclass(frozen=True)
class Job:
    title: str | None  # the JF name; None for pelaksana
    field: str | None  # for academic titles and trainings: teacher, nurse, doctor, finance, ...
    weight: int
    diplomas: tuple[tuple[str, int], ...]
    pemula: bool = False  # the JF has a Pemula level (II/a), so SLTA graduates can enter it
    mobile: bool = True  # may be transferred to another unit

    @property
    def structural_eligible(self) -> bool:
        return self.field not in {"teacher", "doctor", "dentist", "nurse", "midwife", "pharmacist"}


def _job(title: str | None, field: str | None, weight: int, *diplomas: tuple[str, int], **kw: bool) -> Job:
    return Job(title, field, weight, diplomas or (("S1", 1),), **kw)


_PELAKSANA = _job(None, None, 0, ("SLTA", 45), ("D-III", 20), ("S1", 35))


def _pelaksana(weight: int) -> Job:
    return Job(None, None, weight, _PELAKSANA.diplomas)


_S1, _S2, _D3, _SLTA = ("S1", 1), ("S2", 1), ("D-III", 1), ("SLTA", 1)

JOBS: dict[str, tuple[Job, ...]] = {
    "EDUCATION": (
        _job("Guru", "teacher", 82, ("S1", 92), ("S2", 8), mobile=False),
        _job("Pranata Laboratorium Pendidikan", None, 3, _D3, mobile=False),
        _pelaksana(15),
    ),
    "HEALTH": (
        _job("Dokter", "doctor", 8, ("DOKTER", 1)),
        _job("Dokter Gigi", "dentist", 3, ("DOKTER", 1)),
        _job("Perawat", "nurse", 22, ("D-III", 60), ("S1", 40)),
        _job("Bidan", "midwife", 18, ("D-III", 85), ("S1", 15)),
        _job("Apoteker", "pharmacist", 3, ("APOTEKER", 1)),
        _job("Epidemiolog Kesehatan", "public_health", 3, _S1),
        _job("Penyuluh Kesehatan Masyarakat", "public_health", 4, _S1),
        _job("Sanitarian", None, 4, _D3),
        _job("Nutrisionis", None, 4, ("D-III", 60), ("S1", 40)),
        _job("Pranata Laboratorium Kesehatan", None, 4, _D3),
        _pelaksana(20),
    ),
    "HOSPITAL": (
        _job("Dokter", "doctor", 12, ("DOKTER", 1)),
        _job("Perawat", "nurse", 40, ("D-III", 55), ("S1", 45)),
        _job("Bidan", "midwife", 8, _D3),
        _job("Apoteker", "pharmacist", 3, ("APOTEKER", 1)),
        _job("Radiografer", None, 3, _D3),
        _job("Pranata Laboratorium Kesehatan", None, 4, _D3),
        _job("Perekam Medis", None, 4, _D3),
        _job("Nutrisionis", None, 3, _D3),
        _pelaksana(20),
    ),
    "KECAMATAN": (
        _job("Analis Kebijakan", None, 5, _S1),
        _job("Pranata Komputer", "it", 5, ("D-III", 50), ("S1", 50)),
        _job("Polisi Pamong Praja", None, 10, ("SLTA", 80), ("D-III", 20), pemula=True),
        _pelaksana(80),
    ),
    "FIRE": (
        _job("Pemadam Kebakaran", "fire", 55, ("SLTA", 80), ("D-III", 20), pemula=True),
        _job("Analis Kebakaran", "fire", 8, _S1),
        _pelaksana(30),
    ),
    "ORDER": (
        _job("Polisi Pamong Praja", None, 60, ("SLTA", 75), ("D-III", 10), ("S1", 15), pemula=True),
        _pelaksana(40),
    ),
    "FINANCE": (
        _job("Analis Keuangan Pusat dan Daerah", "finance", 30, _S1),
        _job("Penilai Pajak Bumi dan Bangunan", "finance", 8, _S1),
        _job("Pengelola Pengadaan Barang/Jasa", None, 6, _S1),
        _pelaksana(56),
    ),
    "HR": (
        _job("Analis Sumber Daya Manusia Aparatur", None, 35, _S1),
        _job("Pranata Sumber Daya Manusia Aparatur", None, 15, _D3),
        _job("Analis Kebijakan", None, 5, _S1),
        _pelaksana(45),
    ),
    "PLANNING": (
        _job("Perencana", None, 45, ("S1", 70), ("S2", 30)),
        _job("Statistisi", None, 10, _S1),
        _job("Peneliti", None, 5, _S2),
        _pelaksana(40),
    ),
    "AUDIT": (
        _job("Auditor", "finance", 45, ("S1", 80), ("S2", 20)),
        _job("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", None, 20, _S1),
        _pelaksana(35),
    ),
    "WORKS": (
        _job("Teknik Jalan dan Jembatan", "engineer", 20, _S1),
        _job("Teknik Pengairan", "engineer", 10, _S1),
        _job("Penata Ruang", "engineer", 8, _S1),
        _job("Teknik Tata Bangunan dan Perumahan", "engineer", 10, _S1),
        _pelaksana(52),
    ),
    "AGRICULTURE": (
        _job("Penyuluh Pertanian", "agriculture", 35, ("D-III", 40), ("S1", 60)),
        _job("Pengawas Mutu Hasil Pertanian", "agriculture", 8, _S1),
        _job("Pengendali Organisme Pengganggu Tumbuhan", "agriculture", 7, _S1),
        _pelaksana(50),
    ),
    "ECONOMY": (
        _job("Pengawas Koperasi", "finance", 15, _S1),
        _job("Penera", None, 8, _D3),
        _job("Mediator Hubungan Industrial", "law", 10, _S1),
        _job("Pengantar Kerja", None, 10, _S1),
        _pelaksana(57),
    ),
    "ENVIRONMENT": (
        _job("Pengendali Dampak Lingkungan", "engineer", 25, _S1),
        _job("Pengawas Lingkungan Hidup", None, 10, _S1),
        _pelaksana(65),
    ),
    "TRANSPORT": (
        _job("Penguji Kendaraan Bermotor", "engineer", 25, ("D-III", 70), ("SLTA", 30), pemula=True),
        _pelaksana(75),
    ),
    "SOCIAL": (
        _job("Pekerja Sosial", None, 30, ("S1", 70), ("D-III", 30)),
        _job("Penyuluh Sosial", None, 10, _S1),
        _pelaksana(60),
    ),
    "SERVICE": (
        _job("Administrator Database Kependudukan", "it", 25, ("S1", 70), ("D-III", 30)),
        _pelaksana(75),
    ),
    "ICT": (
        _job("Pranata Komputer", "it", 35, ("S1", 60), ("D-III", 40)),
        _job("Statistisi", None, 10, _S1),
        _job("Sandiman", "it", 10, ("D-III", 50), ("S1", 50)),
        _job("Pranata Hubungan Masyarakat", None, 10, _S1),
        _pelaksana(35),
    ),
    "SETDA": (
        _job("Analis Kebijakan", None, 20, ("S1", 70), ("S2", 30)),
        _job("Analis Hukum", "law", 8, _S1),
        _job("Perancang Peraturan Perundang-undangan", "law", 6, _S1),
        _job("Pranata Hubungan Masyarakat", None, 6, _S1),
        _job("Pengelola Pengadaan Barang/Jasa", None, 6, _S1),
        _pelaksana(54),
    ),
}

# Where a transferred employee of a unit kind may go (kinds); unlisted kinds go anywhere general.
GENERAL_KINDS = (
    "SETDA",
    "KECAMATAN",
    "FINANCE",
    "HR",
    "PLANNING",
    "AUDIT",
    "WORKS",
    "AGRICULTURE",
    "ECONOMY",
    "ENVIRONMENT",
    "TRANSPORT",
    "SOCIAL",
    "SERVICE",
    "ICT",
    "ORDER",
    "FIRE",
)
TRANSFER_KINDS: dict[str, tuple[str, ...]] = {
    "HEALTH": ("HEALTH", "HOSPITAL"),
    "HOSPITAL": ("HEALTH", "HOSPITAL"),
    "EDUCATION": ("EDUCATION",),
}

_PELAKSANA_TITLES = {
    "SLTA": ("Pengadministrasi Perkantoran", "Operator Layanan Operasional"),
    "D-III": ("Pengelola Layanan Operasional", "Pengadministrasi Perkantoran"),
    "S1": ("Penata Layanan Operasional", "Pengelola Layanan Operasional"),
    "S2": ("Penata Layanan Operasional",),
}

_EXPERT_LEVELS = (
    ("III/a", "Ahli Pertama"),
    ("III/c", "Ahli Muda"),
    ("IV/a", "Ahli Madya"),
    ("IV/d", "Ahli Utama"),
)
_SKILLED_LEVELS = (("II/a", "Pemula"), ("II/b", "Terampil"), ("III/a", "Mahir"), ("III/c", "Penyelia"))
_PPPK_LEVELS = {"V": "Pemula", "VII": "Terampil", "IX": "Ahli Pertama", "X": "Ahli Pertama"}

# Structural sections (pengawas) and divisions (administrator) by kind of unit.
SECTIONS: dict[str, tuple[str, ...]] = {
    "EDUCATION": (
        "Seksi Kurikulum Sekolah Dasar",
        "Seksi Peserta Didik SMP",
        "Seksi Sarana dan Prasarana",
        "Seksi Cagar Budaya dan Permuseuman",
    ),
    "HEALTH": (
        "Seksi Pelayanan Kesehatan Primer",
        "Seksi Surveilans dan Imunisasi",
        "Seksi Kesehatan Keluarga",
        "Seksi Farmasi dan Alat Kesehatan",
    ),
    "HOSPITAL": (
        "Seksi Rawat Inap",
        "Seksi Rawat Jalan",
        "Seksi Asuhan Keperawatan",
        "Seksi Penunjang Medik",
    ),
    "KECAMATAN": (
        "Seksi Pemerintahan",
        "Seksi Ketenteraman dan Ketertiban Umum",
        "Seksi Pemberdayaan Masyarakat",
        "Seksi Pelayanan Umum",
    ),
}
DIVISIONS: dict[str, tuple[str, ...]] = {
    "EDUCATION": (
        "Bidang Pembinaan Sekolah Dasar",
        "Bidang Pembinaan SMP",
        "Bidang Kebudayaan",
        "Bidang Pendidik dan Tenaga Kependidikan",
    ),
    "HEALTH": (
        "Bidang Pelayanan dan Sumber Daya Kesehatan",
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "Bidang Kesehatan Masyarakat",
    ),
    "HOSPITAL": ("Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang"),
    "SETDA": (
        "Bagian Pemerintahan",
        "Bagian Hukum",
        "Bagian Organisasi",
        "Bagian Perekonomian",
        "Bagian Umum",
        "Bagian Pengadaan Barang dan Jasa",
        "Bagian Protokol dan Komunikasi Pimpinan",
    ),
}
_GENERIC_SECTIONS = (
    "Sub Bagian Umum dan Kepegawaian",
    "Sub Bagian Keuangan",
    "Sub Bagian Program dan Pelaporan",
    "Seksi Pengendalian dan Evaluasi",
    "Seksi Pelayanan",
)
_GENERIC_DIVISIONS = (
    "Bidang Program dan Evaluasi",
    "Bidang Pelayanan",
    "Bidang Pengembangan",
    "Bidang Pengendalian dan Pengawasan",
)


def level_title(job: Job, diploma: str, rank: str, employment_type: str) -> str | None:
    """The JF title at a rank ("Perawat Ahli Muda"), or None when the person is pelaksana in this job."""
    if job.title is None:
        return None
    expert = diploma in EXPERT_DIPLOMAS
    if employment_type == "PPPK":
        level = _PPPK_LEVELS.get(rank, "Ahli Pertama" if expert else "Terampil")
        if level == "Pemula" and not job.pemula:
            return None
        return f"{job.title} {level}"
    if not expert and diploma == "SLTA" and not job.pemula:
        return None
    levels = _EXPERT_LEVELS if expert else _SKILLED_LEVELS
    level = next(name for floor, name in reversed(levels) if _rank_key(rank) >= _rank_key(floor))
    if not expert and level == "Pemula" and not job.pemula:
        level = "Terampil"
    return f"{job.title} {level}"


def pelaksana_title(diploma: str, pick: int) -> str:
    titles = _PELAKSANA_TITLES.get(diploma, _PELAKSANA_TITLES["S1"])
    return titles[pick % len(titles)]


def section_title(kind: str, pick: int) -> str:
    options = SECTIONS.get(kind, ()) + _GENERIC_SECTIONS
    return "Kepala " + options[pick % len(options)]


def division_title(kind: str, unit_name: str, pick: int) -> str:
    if kind == "KECAMATAN":
        return "Sekretaris Camat"
    options = DIVISIONS.get(kind, _GENERIC_DIVISIONS)
    if pick % 4 == 0 and kind != "SETDA":
        return f"Sekretaris {unit_name}"
    return "Kepala " + options[pick % len(options)]


# ---- careers (issue 14): what kind of jabatan a title is, for the catalogue and the retirement age ------

_JENJANG = {
    "Ahli Pertama": "AHLI_PERTAMA", "Ahli Muda": "AHLI_MUDA", "Ahli Madya": "AHLI_MADYA",
    "Ahli Utama": "AHLI_UTAMA", "Pemula": "PEMULA", "Terampil": "TERAMPIL", "Mahir": "MAHIR",
    "Penyelia": "PENYELIA",
}  # fmt: skip
# Kelas jabatan by kind / jenjang (a typical regional peta jabatan; each region sets its own).
_JOB_CLASS = {
    "JPT_PRATAMA": 14, "ADMINISTRATOR": 12, "PENGAWAS": 9, "PELAKSANA": 6, "AHLI_UTAMA": 13,
    "AHLI_MADYA": 11, "AHLI_MUDA": 9, "AHLI_PERTAMA": 8, "PENYELIA": 8, "MAHIR": 7, "TERAMPIL": 6,
    "PEMULA": 5,
}  # fmt: skip
_PENGAWAS = ("Kepala Seksi", "Kepala Sub Bagian", "Kepala Subbagian")
_ADMINISTRATOR = ("Kepala Bidang", "Kepala Bagian", "Sekretaris ", "Camat ")


@dataclass(frozen=True)
class Kind:
    """A title's place in UU 20/2023's kinds: kind, jenjang, statute (guru), job class, job family."""

    kind: str
    jenjang: str | None
    statute: str | None
    job_class: int
    job_family: str | None


def classify(title: str) -> Kind:
    """The kind of a demo title (every unit head but a Camat is a JPT: `is_jpt`)."""
    if title.startswith("Camat "):
        return Kind("ADMINISTRATOR", None, None, _JOB_CLASS["ADMINISTRATOR"], "pemerintahan")
    if is_jpt(title):
        return Kind("JPT_PRATAMA", None, None, _JOB_CLASS["JPT_PRATAMA"], "manajerial")
    if title.startswith(_PENGAWAS):
        return Kind("PENGAWAS", None, None, _JOB_CLASS["PENGAWAS"], "manajerial")
    if title.startswith(_ADMINISTRATOR):
        return Kind("ADMINISTRATOR", None, None, _JOB_CLASS["ADMINISTRATOR"], "manajerial")
    for suffix, jenjang in _JENJANG.items():
        if title.endswith(" " + suffix):
            family = title[: -len(suffix) - 1]
            kind = "FUNGSIONAL_KEAHLIAN" if jenjang.startswith("AHLI") else "FUNGSIONAL_KETERAMPILAN"
            statute = "GURU" if family == "Guru" else None
            return Kind(kind, jenjang, statute, _JOB_CLASS[jenjang], family)
    return Kind("PELAKSANA", None, None, _JOB_CLASS["PELAKSANA"], "pelaksana")


def bup_age(position: str) -> int:
    """Retirement age of the position held, by the domain's dated rules (PP 11/2017 art. 239; guru 60 by
    UU 14/2005 art. 30): the same age the catalogued position carries."""
    k = classify(position)
    return retirement_age(k.kind, k.jenjang, k.statute, date(2026, 1, 1))


def is_jpt(position: str) -> bool:
    return position.startswith(
        (
            "Kepala Dinas",
            "Kepala Badan",
            "Sekretaris Daerah",
            "Asisten",
            "Inspektur",
            "Direktur",
            "Kepala Satuan",
            "Sekretaris DPRD",
        )
    )


def _rank_key(rank: str) -> tuple[int, str]:
    roman, _, ruang = rank.partition("/")
    return ({"I": 1, "II": 2, "III": 3, "IV": 4}[roman], ruang)
