"""Daftar Urut Kepangkatan (DUK): the seniority list of a unit's (or the whole tenant's) serving PNS.

Order, as PP 15/1979 keeps it (pangkat, jabatan, masa kerja, latihan jabatan, pendidikan, usia): rank
(highest first), then rank TMT (earliest first), then the position's kelas jabatan from the position
catalogue (highest first; a position held by free text only, outside the catalogue, comes after every
catalogued one — its level is not known), then service years (longest first), then training hours (most
first), then the highest diploma recorded (the education read model), then age (oldest first); NIP last so
the order is total. PPPK have no pangkat and are not on a DUK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from riwayat.domain.enums import EducationLevel, EmployeeStatus, EmploymentType
from riwayat.domain.rank import Rank
from riwayat.projections.education import EducationRow, education_by_employee
from riwayat.reports.model import Report, Section, day, years_months


class ReportError(Exception):
    """A report cannot be made as asked; `code` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class DukEntry:
    nip: str
    name: str
    rank: Rank
    rank_since: date
    position: str
    job_class: int | None  # kelas jabatan of the catalogued position held, if any
    unit: str
    hired_on: date
    training_hours: int
    education: str | None
    birth_date: date

    def key(self) -> tuple:
        schooling = -LEVELS.index(self.education) if self.education in LEVELS else 1
        return (
            -self.rank.index,
            self.rank_since,
            -(self.job_class or 0),
            self.hired_on,
            -self.training_hours,
            schooling,
            self.birth_date,
            self.nip,
        )


LEVELS = [level.value for level in EducationLevel]  # lowest first


def highest(diplomas: list[EducationRow]) -> EducationRow | None:
    known = [d for d in diplomas if d.level in LEVELS]
    return max(known, key=lambda d: (LEVELS.index(d.level), d.graduated_on), default=None)


async def unit_named(pool: Any, schema: str, code: str) -> tuple[Any, str]:
    row = await pool.fetchrow(f"SELECT id, name FROM {schema}.org_units WHERE code = $1", code)
    if row is None:
        raise ReportError("UNIT_NOT_FOUND", f"no unit with code {code!r} in this tenant")
    return row["id"], row["name"]


async def duk_entries(pool: Any, schema: str, unit_id: Any | None) -> list[DukEntry]:
    rows = await pool.fetch(
        f"""SELECT e.*, u.name AS unit_name, coalesce(t.hours, 0) AS training_total, p.job_class
            FROM {schema}.employees e
            JOIN {schema}.org_units u ON u.id = e.unit_id
            LEFT JOIN {schema}.position_holders h ON h.employee_id = e.id
            LEFT JOIN {schema}.positions p ON p.id = h.position_id
            LEFT JOIN (SELECT employee_id, sum(hours) AS hours FROM {schema}.training_hours
                       GROUP BY employee_id) t ON t.employee_id = e.id
            WHERE e.employment_type = $1 AND e.status <> $2 AND ($3::uuid IS NULL OR e.unit_id = $3)""",
        EmploymentType.PNS.value,
        EmployeeStatus.SEPARATED.value,
        unit_id,
    )
    diplomas = await education_by_employee(pool, schema, [r["id"] for r in rows])
    best = {r["id"]: highest(diplomas[r["id"]]) for r in rows}
    return [
        DukEntry(
            nip=r["nip"],
            name=r["name"],
            rank=Rank.parse(r["rank"], EmploymentType.PNS),
            rank_since=r["rank_since"],
            position=r["position"],
            job_class=r["job_class"],
            unit=r["unit_name"],
            hired_on=r["hired_on"],
            training_hours=int(r["training_total"]),
            education=best[r["id"]].level if best[r["id"]] else None,
            birth_date=r["birth_date"],
        )
        for r in rows
    ]


COLUMNS = (
    "No", "Nama", "NIP", "Pangkat", "Gol/Ruang", "TMT Pangkat", "Jabatan", "Unit Kerja",
    "Masa Kerja", "Diklat (JP)", "Pendidikan", "Usia",
)  # fmt: skip
WIDTHS = (3, 17, 14, 12, 7, 8, 20, 17, 7, 6, 7, 5)


async def duk(pool: Any, schema: str, tenant_name: str, unit_code: str | None, on: date) -> Report:
    unit_id, unit_name = await unit_named(pool, schema, unit_code) if unit_code else (None, None)
    entries = sorted(await duk_entries(pool, schema, unit_id), key=DukEntry.key)
    rows = []
    for number, e in enumerate(entries, start=1):
        service_y, service_m = years_months(e.hired_on, on)
        age, _ = years_months(e.birth_date, on)
        rows.append(
            (
                str(number), e.name, e.nip, e.rank.pangkat or "", e.rank.code, day(e.rank_since), e.position,
                e.unit, f"{service_y} th {service_m} bl", str(e.training_hours), _level(e.education),
                str(age),
            )
        )  # fmt: skip
    heading = [tenant_name, f"Unit kerja: {unit_name} ({unit_code})" if unit_code else "Semua unit kerja"]
    heading.append(f"Keadaan per {day(on)}; {len(rows)} PNS")
    return Report(
        title="DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL",
        heading=heading,
        sections=[Section("", COLUMNS, rows, WIDTHS)],
        on=on,
        landscape=True,
        name=f"duk-{unit_code or 'semua'}-{on.isoformat()}",
        notes=["Masa kerja dihitung dari TMT pengangkatan; Diklat: jumlah JP yang tercatat."],
    )


def _level(level: str | None) -> str:
    """S1, D-III: as written on the documents."""
    return level.replace("_", "-").replace("SLTP-KEJURUAN", "SLTP Kejuruan") if level else "-"
