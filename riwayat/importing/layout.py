"""The column layouts of the two import files (documented in docs/importing.md): their columns, which are
required, the column each API field a rule names is read from, and the `RowError` that points at a cell.
How a row's text becomes a command's fields is in `rows`.

The names are close to a SIASN / SIMPEG export (Indonesian, lower case; headers are matched without regard
to case, blanks or dots), the exact national layout being unconfirmed. Every problem is a `RowError`
naming its column, so the report can point at the cell.
"""

from __future__ import annotations

import re

EMPLOYEE_COLUMNS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "status",
    "tmt_cpns",
    "tmt_pns",
    "golongan",
    "tmt_golongan",
    "nomor_sk_golongan",
    "tanggal_sk_golongan",
    "jabatan",
    "tmt_jabatan",
    "kode_unor",
    "pendidikan",
    "tahun_lulus",
    "id_sumber",
)
HISTORY_COLUMNS = (
    "nip",
    "jenis",
    "tmt",
    "nomor_sk",
    "tanggal_sk",
    "golongan",
    "jabatan",
    "kode_unor",
    "tahun",
    "hasil_kerja",
    "perilaku",
    "nip_penilai",
    "nama_diklat",
    "jenis_diklat",
    "jp",
    "tingkat_hukdis",
    "keterangan",
)
REQUIRED = {
    "employees": (
        "nip",
        "nama",
        "tanggal_lahir",
        "jenis_kelamin",
        "status",
        "tmt_cpns",
        "golongan",
        "tmt_golongan",
        "nomor_sk_golongan",
        "tanggal_sk_golongan",
        "jabatan",
        "tmt_jabatan",
        "kode_unor",
    ),
    "history": ("nip", "jenis"),
}

# The API field a rule names → the column that holds it.
EMPLOYEE_FIELDS = {
    "nip": "nip",
    "name": "nama",
    "gender": "jenis_kelamin",
    "birthDate": "tanggal_lahir",
    "birthplace": "tempat_lahir",
    "employmentType": "status",
    "tmtCpns": "tmt_cpns",
    "tmtPns": "tmt_pns",
    "rank": "golongan",
    "rankSince": "tmt_golongan",
    "decree": "nomor_sk_golongan",
    "decree.number": "nomor_sk_golongan",
    "decree.date": "tanggal_sk_golongan",
    "position": "jabatan",
    "positionSince": "tmt_jabatan",
    "unitId": "kode_unor",
    "education": "pendidikan",
    "sourceId": "id_sumber",
}
HISTORY_FIELDS = {
    "nip": "nip",
    "employeeId": "nip",
    "kind": "jenis",
    "effectiveOn": "tmt",
    "completedOn": "tmt",
    "decree": "nomor_sk",
    "decree.number": "nomor_sk",
    "decree.date": "tanggal_sk",
    "rank": "golongan",
    "position": "jabatan",
    "unitId": "kode_unor",
    "year": "tahun",
    "workResult": "hasil_kerja",
    "behaviour": "perilaku",
    "appraiserNip": "nip_penilai",
    "title": "nama_diklat",
    "kind_training": "jenis_diklat",
    "hours": "jp",
    "level": "tingkat_hukdis",
    "description": "keterangan",
}
HISTORY_KINDS = {
    "GOLONGAN": "RANK",
    "PANGKAT": "RANK",
    "RANK": "RANK",
    "JABATAN": "POSITION",
    "POSITION": "POSITION",
    "SKP": "APPRAISAL",
    "APPRAISAL": "APPRAISAL",
    "DIKLAT": "TRAINING",
    "TRAINING": "TRAINING",
    "HUKDIS": "DISCIPLINE",
    "DISCIPLINE": "DISCIPLINE",
}


class RowError(Exception):
    """A row that cannot be imported: where (column), why (a stable code) and a message."""

    def __init__(self, code: str, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.column = code, message, column


def header_name(text: str) -> str:
    return re.sub(r"[\s.]+", "_", text.strip().lower()).strip("_")


def column_of(kind: str, field: str | None, history_kind: str | None = None) -> str | None:
    """The column a domain error's field points at."""
    if field is None:
        return None
    if kind == "employees":
        return EMPLOYEE_FIELDS.get(field, field)
    if field == "kind" and history_kind == "TRAINING":
        return "jenis_diklat"
    return HISTORY_FIELDS.get(field, field)
