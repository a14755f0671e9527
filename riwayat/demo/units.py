"""The perangkat daerah (OPD) of the two demo tenants, with short codes and the kind of work done there.

Names follow ../shared/DOMAIN.md; a few units every kota has (Sekretariat Daerah, Inspektorat, Satpol PP …)
are added so that appraisers, transfers and complaints have somewhere plausible to go. `weight` is the
unit's share of the workforce (schools and health services employ most regional civil servants).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: (
        str  # SETDA, EDUCATION, HEALTH, HOSPITAL, KECAMATAN, FIRE, FINANCE, HR, PLANNING, WORKS, SOCIAL, ...
    )
    weight: int
    head: str  # the head's position title: "Kepala Dinas Kesehatan", "Camat Medan Johor"


def _kecamatan(city: str, names: list[str], weight: int) -> list[UnitSpec]:
    units = []
    for name in names:
        full = name if name.startswith(city) or city == "Dumai" else f"{city} {name}"
        code = "KEC-" + full.upper().replace(" ", "-")
        if len(code) > 20:
            code = code.replace("MEDAN-", "")
        units.append(UnitSpec(code, f"Kecamatan {full}", "KECAMATAN", weight, f"Camat {full}"))
    return units


def _head(name: str) -> str:
    """'Dinas Kesehatan' → 'Kepala Dinas Kesehatan'; a Sekretariat is led by a Sekretaris."""
    if name.startswith("Sekretariat Daerah"):
        return "Sekretaris Daerah"
    if name.startswith("Sekretariat DPRD"):
        return "Sekretaris DPRD"
    if name == "Inspektorat":
        return "Inspektur"
    if name.startswith("RSUD") or name.startswith("Rumah Sakit"):
        return f"Direktur {name}"
    return f"Kepala {name}"


def _unit(code: str, name: str, kind: str, weight: int) -> UnitSpec:
    return UnitSpec(code, name, kind, weight, _head(name))


MEDAN_KECAMATAN = [
    "Amplas",
    "Area",
    "Barat",
    "Baru",
    "Belawan",
    "Deli",
    "Denai",
    "Helvetia",
    "Johor",
    "Kota",
    "Labuhan",
    "Maimun",
    "Marelan",
    "Perjuangan",
    "Petisah",
    "Polonia",
    "Selayang",
    "Sunggal",
    "Tembung",
    "Timur",
    "Tuntungan",
]

MEDAN: tuple[UnitSpec, ...] = (
    _unit("SETDA", "Sekretariat Daerah", "SETDA", 40),
    _unit("SETWAN", "Sekretariat DPRD", "SETDA", 10),
    _unit("INSPEKTORAT", "Inspektorat", "AUDIT", 10),
    _unit("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "EDUCATION", 380),
    _unit("DINKES", "Dinas Kesehatan", "HEALTH", 110),
    _unit("RSUD-PIRNGADI", "RSUD dr. Pirngadi", "HOSPITAL", 70),
    _unit("RSUD-BACHTIAR", "RSUD H. Bachtiar Djafar", "HOSPITAL", 25),
    _unit("DISDUKCAPIL", "Dinas Kependudukan dan Catatan Sipil", "SERVICE", 15),
    _unit("DSDABMBK", "Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi", "WORKS", 18),
    _unit("DPKPCKTR", "Dinas Perumahan, Kawasan Permukiman, Cipta Karya dan Tata Ruang", "WORKS", 14),
    _unit("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", "FIRE", 16),
    _unit("DKP3", "Dinas Ketahanan Pangan, Pertanian dan Perikanan", "AGRICULTURE", 12),
    _unit("DKUKMPP", "Dinas Koperasi UKM, Perindustrian dan Perdagangan", "ECONOMY", 12),
    _unit("DLH", "Dinas Lingkungan Hidup", "ENVIRONMENT", 14),
    _unit("DISHUB", "Dinas Perhubungan", "TRANSPORT", 14),
    _unit("DINSOS", "Dinas Sosial", "SOCIAL", 10),
    _unit("SATPOLPP", "Satuan Polisi Pamong Praja", "ORDER", 16),
    _unit("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "HR", 12),
    _unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "PLANNING", 10),
    _unit("BRIDA", "Badan Riset dan Inovasi Daerah", "PLANNING", 6),
    _unit("BKAD", "Badan Keuangan dan Aset Daerah", "FINANCE", 14),
    _unit("BAPENDA", "Badan Pendapatan Daerah", "FINANCE", 14),
    *_kecamatan("Medan", MEDAN_KECAMATAN, 7),
)

DUMAI_KECAMATAN = [
    "Bukit Kapur",
    "Dumai Barat",
    "Dumai Kota",
    "Dumai Selatan",
    "Dumai Timur",
    "Medang Kampai",
    "Sungai Sembilan",
]

DUMAI: tuple[UnitSpec, ...] = (
    _unit("SETDA", "Sekretariat Daerah", "SETDA", 40),
    _unit("SETWAN", "Sekretariat DPRD", "SETDA", 8),
    _unit("INSPEKTORAT", "Inspektorat", "AUDIT", 8),
    _unit("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "EDUCATION", 380),
    _unit("DINKES", "Dinas Kesehatan", "HEALTH", 110),
    _unit("RSUD-SUHATMAN", "RSUD dr. Suhatman", "HOSPITAL", 60),
    _unit("DISNAKER", "Dinas Tenaga Kerja", "ECONOMY", 8),
    _unit("DISKOMINFOTIKSAN", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "ICT", 10),
    _unit("DPU", "Dinas Pekerjaan Umum", "WORKS", 18),
    _unit("DINSOS", "Dinas Sosial", "SOCIAL", 10),
    _unit("BPBD", "Badan Penanggulangan Bencana Daerah", "FIRE", 12),
    _unit("SATPOLPP", "Satuan Polisi Pamong Praja", "ORDER", 14),
    _unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "PLANNING", 10),
    _unit("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "FINANCE", 14),
    _unit("BAPENDA", "Badan Pendapatan Daerah", "FINANCE", 12),
    _unit("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "HR", 12),
    *_kecamatan("Dumai", DUMAI_KECAMATAN, 14),
)

UNITS: dict[str, tuple[UnitSpec, ...]] = {"medan": MEDAN, "dumai": DUMAI}
