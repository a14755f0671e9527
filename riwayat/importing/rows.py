"""How a row's text of the import files (columns in `layout`) becomes a command's fields: dates as SIASN
prints them, genders and SKP expectations as the exports spell them, a decree from its number and date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from riwayat.domain.values import Decree
from riwayat.importing.layout import HISTORY_KINDS, RowError

_GENDERS = {
    "L": "MALE",
    "LAKI-LAKI": "MALE",
    "M": "MALE",
    "MALE": "MALE",
    "1": "MALE",
    "P": "FEMALE",
    "PEREMPUAN": "FEMALE",
    "F": "FEMALE",
    "FEMALE": "FEMALE",
    "2": "FEMALE",
}
_EXPECTATIONS = {"DIATAS EKSPEKTASI": "ABOVE", "SESUAI EKSPEKTASI": "MEETS", "DIBAWAH EKSPEKTASI": "BELOW"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})[-/](\d{2})[-/](\d{4})$")


def _text(row: dict[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _required(row: dict[str, str], column: str) -> str:
    value = _text(row, column)
    if value is None:
        raise RowError("INVALID_INPUT", f"{column} must not be empty", column)
    return value


def _date(row: dict[str, str], column: str, required: bool = True) -> date | None:
    """ISO `2015-05-01`, or `01-05-2015` / `01/05/2015` as SIASN exports print it."""
    value = _required(row, column) if required else _text(row, column)
    if value is None:
        return None
    match = _DATE.match(value)
    try:
        if match and match[1]:
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match:
            return date(int(match[6]), int(match[5]), int(match[4]))
    except ValueError:
        pass
    raise RowError("INVALID_INPUT", f"{column} {value!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)", column)


def _int(row: dict[str, str], column: str) -> int:
    value = _required(row, column)
    if not value.isdigit():
        raise RowError("INVALID_INPUT", f"{column} {value!r} is not a whole number", column)
    return int(value)


def _decree(row: dict[str, str], number: str, day: str) -> Decree:
    return Decree(_required(row, number), _date(row, day))


@dataclass(frozen=True)
class EmployeeRow:
    """An employee row read: the enrolment's fields, the unit's code (resolved by the importer)."""

    nip: str
    unit_code: str
    fields: dict[str, Any]


def employee_fields(row: dict[str, str]) -> EmployeeRow:
    status = _required(row, "status").upper()
    if status not in ("CPNS", "PNS", "PPPK"):
        raise RowError("INVALID_INPUT", "status must be CPNS, PNS or PPPK", "status")
    gender = _GENDERS.get(_required(row, "jenis_kelamin").upper())
    if gender is None:
        raise RowError("INVALID_INPUT", "jenis_kelamin must be L or P", "jenis_kelamin")
    tmt_pns = _date(row, "tmt_pns", required=status == "PNS")
    if status == "CPNS" and tmt_pns is not None:
        raise RowError("INVALID_INPUT", "a CPNS has no tmt_pns", "tmt_pns")
    name = " ".join(p for p in (_text(row, "gelar_depan"), _required(row, "nama")) if p)
    if back := _text(row, "gelar_belakang"):
        name = f"{name}, {back}"
    education = _text(row, "pendidikan")
    if education and (year := _text(row, "tahun_lulus")):
        education = f"{education} ({year})"
    fields = {
        "nip": _required(row, "nip"),
        "name": name,
        "gender": gender,
        "birthplace": _text(row, "tempat_lahir"),
        "birth_date": _date(row, "tanggal_lahir"),
        "employment_type": "PPPK" if status == "PPPK" else "PNS",
        "tmt_cpns": _date(row, "tmt_cpns"),
        "tmt_pns": tmt_pns if status == "PNS" else None,
        "rank": _required(row, "golongan"),
        "rank_since": _date(row, "tmt_golongan"),
        "rank_decree": _decree(row, "nomor_sk_golongan", "tanggal_sk_golongan"),
        "position": _required(row, "jabatan"),
        "position_since": _date(row, "tmt_jabatan"),
        "education": education,
        "source_id": _text(row, "id_sumber"),
    }
    return EmployeeRow(fields["nip"].replace(" ", "").replace(".", ""), _required(row, "kode_unor"), fields)


@dataclass(frozen=True)
class HistoryRow:
    nip: str
    kind: str
    fields: dict[str, Any]
    unit_code: str | None = None

    @property
    def order(self) -> tuple[int, int]:
        """Ranks newest first (each is checked against the one held after it), the rest oldest first."""
        day = self.fields.get("effective_on") or date(self.fields.get("year", 1900), 1, 1)
        return (0, -day.toordinal()) if self.kind == "RANK" else (1, day.toordinal())


def history_fields(row: dict[str, str]) -> HistoryRow:
    nip = _required(row, "nip").replace(" ", "").replace(".", "")
    kind = HISTORY_KINDS.get(_required(row, "jenis").upper())
    if kind is None:
        raise RowError("INVALID_INPUT", "jenis must be GOLONGAN, JABATAN, SKP, DIKLAT or HUKDIS", "jenis")
    if kind == "RANK":
        fields = {
            "rank": _required(row, "golongan"),
            "effective_on": _date(row, "tmt"),
            "decree": _decree(row, "nomor_sk", "tanggal_sk"),
        }
        return HistoryRow(nip, kind, fields)
    if kind == "POSITION":
        fields = {
            "position": _required(row, "jabatan"),
            "effective_on": _date(row, "tmt"),
            "decree": _decree(row, "nomor_sk", "tanggal_sk"),
        }
        return HistoryRow(nip, kind, fields, _required(row, "kode_unor"))
    if kind == "APPRAISAL":
        work = _required(row, "hasil_kerja").upper()
        conduct = _required(row, "perilaku").upper()
        fields = {
            "year": _int(row, "tahun"),
            "work_result": _EXPECTATIONS.get(work, work),
            "behaviour": _EXPECTATIONS.get(conduct, conduct),
            "appraiser_nip": _required(row, "nip_penilai"),
        }
        return HistoryRow(nip, kind, fields)
    if kind == "TRAINING":
        fields = {
            "title": _required(row, "nama_diklat"),
            "training_kind": _required(row, "jenis_diklat"),
            "hours": _int(row, "jp"),
            "effective_on": _date(row, "tmt"),
            "certificate": _text(row, "nomor_sk"),
        }
        return HistoryRow(nip, kind, fields)
    fields = {
        "level": _required(row, "tingkat_hukdis"),
        "description": _required(row, "keterangan"),
        "effective_on": _date(row, "tmt"),
        "decree": _decree(row, "nomor_sk", "tanggal_sk"),
    }
    return HistoryRow(nip, kind, fields)
