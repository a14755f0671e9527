"""Daftar Riwayat Hidup (DRH): one employee's curriculum vitae — who they are, where they stand, and their
career as the ledger holds it (ranks, positions, training), with appraisals and sanctions.

Where they stand and the appraisals and sanctions come from the read models; the career lists come from
the employee's own events (each with its decree), as `history` does in the API.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.errors import DomainError
from riwayat.domain.rank import Rank
from riwayat.projections.education import education_by_employee
from riwayat.reports.duk import ReportError, _level
from riwayat.reports.model import Report, Section, day, years_months

GENDER = {"MALE": "Laki-laki", "FEMALE": "Perempuan"}
STATUS = {"CANDIDATE": "CPNS (masa percobaan)", "ACTIVE": "Aktif", "SEPARATED": "Berhenti"}


def _decree(event: Any) -> tuple[str, str]:
    decree = getattr(event, "decree", None)
    return (decree.number, day(decree.date)) if decree is not None else ("-", "-")


async def curriculum_vitae(store: Any, pool: Any, tenant: Any, employee_id: UUID, on: date) -> Report:
    schema = tenant.schema
    row = await pool.fetchrow(
        f"SELECT e.*, u.name AS unit_name, u.code AS unit_code FROM {schema}.employees e"
        f" JOIN {schema}.org_units u ON u.id = e.unit_id WHERE e.id = $1",
        employee_id,
    )
    if row is None:
        raise ReportError("NOT_FOUND", f"no employee {employee_id} in this tenant")
    units = {r["id"]: r["name"] for r in await pool.fetch(f"SELECT id, name FROM {schema}.org_units")}
    appraisals = await pool.fetch(
        f"SELECT year, work_result, behaviour, predikat FROM {schema}.appraisals WHERE employee_id = $1"
        " ORDER BY year",
        employee_id,
    )
    sanctions = await pool.fetch(
        f"SELECT level, effective_on, ends_on FROM {schema}.disciplines WHERE employee_id = $1"
        " ORDER BY effective_on",
        employee_id,
    )
    diplomas = (await education_by_employee(pool, schema, [employee_id]))[employee_id]
    schooling = [
        (_level(d.level), d.institution, d.major or "-", day(d.graduated_on), d.diploma_number or "-")
        for d in diplomas
    ]
    ranks, positions, trainings = [], [], []
    for recorded in await store.read_stream(tenant, employee_id):
        event, kind = store.decode(recorded), recorded.topic.rpartition(".")[2]
        if kind == "Hired":
            ranks.append((event.rank, _pangkat(event.rank), day(event.effective_on), *_decree(event)))
            positions.append((event.position, units.get(event.unit_id, "-"), day(event.effective_on),
                              *_decree(event)))  # fmt: skip
        elif kind == "RankPromoted":
            ranks.append((event.to_rank, _pangkat(event.to_rank), day(event.effective_on), *_decree(event)))
        elif kind == "PositionAssigned":
            positions.append((event.position, units.get(event.unit_id, "-"), day(event.effective_on),
                              *_decree(event)))  # fmt: skip
        elif kind == "TrainingCompleted":
            trainings.append((event.title, event.kind, str(event.hours), day(event.effective_on),
                              event.certificate_number or "-"))  # fmt: skip
    service_y, service_m = years_months(row["hired_on"], on)
    age, _ = years_months(row["birth_date"], on)
    identity = [
        ("Nama", row["name"]),
        ("NIP", row["nip"]),
        ("Tanggal lahir", f"{day(row['birth_date'])} (usia {age} tahun)"),
        ("Jenis kelamin", GENDER.get(row["gender"], row["gender"])),
        ("Jenis kepegawaian", row["employment_type"]),
        ("Status", STATUS.get(row["status"], row["status"])),
        ("Pangkat / golongan", f"{_pangkat(row['rank'])} {row['rank']}".strip()),
        ("TMT pangkat", day(row["rank_since"])),
        ("Jabatan", row["position"]),
        ("Unit kerja", f"{row['unit_name']} ({row['unit_code']})"),
        ("TMT pengangkatan", day(row["hired_on"])),
        ("Masa kerja", f"{service_y} tahun {service_m} bulan"),
    ]
    if row["separated_on"]:
        identity.append(("Berhenti", f"{day(row['separated_on'])} ({row['separation_reason']})"))
    return Report(
        title="DAFTAR RIWAYAT HIDUP",
        heading=[tenant.name, f"Keadaan per {day(on)}"],
        sections=[
            Section("I. Keterangan perorangan", ("Keterangan", "Isi"), identity, (1, 3)),
            Section(
                "II. Riwayat kepangkatan",
                ("Gol/Ruang", "Pangkat", "TMT", "Nomor SK", "Tanggal SK"),
                ranks,
                (1, 2, 1, 2.4, 1),
            ),
            Section(
                "III. Riwayat jabatan",
                ("Jabatan", "Unit kerja", "TMT", "Nomor SK", "Tanggal SK"),
                positions,
                (2.2, 2.2, 1, 2, 1),
            ),
            Section(
                "IV. Riwayat pendidikan",
                ("Tingkat", "Sekolah / perguruan tinggi", "Jurusan", "Lulus", "Nomor ijazah"),
                schooling,
                (0.8, 3, 2, 1, 1.6),
            ),
            Section(
                "V. Pendidikan dan pelatihan",
                ("Nama diklat", "Jenis", "JP", "Tanggal", "Sertifikat"),
                trainings,
                (3, 1.2, 0.5, 1, 1.6),
            ),
            Section(
                "VI. Penilaian kinerja (SKP)",
                ("Tahun", "Hasil kerja", "Perilaku", "Predikat"),
                [(str(a["year"]), a["work_result"], a["behaviour"], a["predikat"]) for a in appraisals],
            ),
            Section(
                "VII. Hukuman disiplin",
                ("Tingkat", "Mulai", "Sampai"),
                [(s["level"], day(s["effective_on"]), day(s["ends_on"])) for s in sanctions],
            ),
        ],  # fmt: skip
        on=on,
        name=f"drh-{row['nip']}",
    )


def _pangkat(code: str) -> str:
    try:
        return Rank.parse(code).pangkat or ""
    except DomainError:
        return ""
