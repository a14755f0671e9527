"""The employee directory: one row per employee, as of the latest event of its stream.

`version` is the stream version after that event, so a client can send it back as `expectedVersion`. The
state updates mirror the `apply` bodies of `riwayat.domain.employee.Employee`'s events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple
from uuid import UUID

from riwayat.domain.employee import Employee
from riwayat.domain.enums import EmployeeStatus, EmploymentType
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.status_now import status_column, status_filter
from riwayat.projections.stored import Data

EMPLOYEES = Table(
    "employees",
    (("id", "uuid"), ("nip", "text NOT NULL"), ("name", "text NOT NULL"), ("gender", "text NOT NULL"),
     ("birth_date", "date NOT NULL"), ("employment_type", "text NOT NULL"), ("status", "text NOT NULL"),
     ("rank", "text NOT NULL"), ("rank_since", "date NOT NULL"), ("position", "text NOT NULL"),
     ("unit_id", "uuid NOT NULL"), ("hired_on", "date NOT NULL"), ("version", "integer NOT NULL"),
     ("separated_on", "date"), ("separation_reason", "text"), ("source", "text")),
    key=("id",),
    indexes=(
        ("name_idx", "(name, id)"),  # the directory's order and keyset
        ("unit_idx", "(unit_id, name, id)"),
        ("status_idx", "(status, name, id)"),
        ("type_idx", "(employment_type, name, id)"),
        ("nip_idx", "(nip text_pattern_ops)"),  # NIP prefix search (LIKE '1986%')
        ("lower_name_idx", "(lower(name) text_pattern_ops)"),  # name prefix search
    ),
)  # fmt: skip
COLUMNS = tuple(c for c, _ in EMPLOYEES.columns)
_SELECT = ", ".join(COLUMNS)


def _select(schema: str) -> str:
    """The columns, with the status shown today (ON_UNPAID_LEAVE during CLTN: `status_now`)."""
    return _SELECT.replace("status,", f"{status_column(schema)} AS status,", 1)


class EmployeeRow(NamedTuple):
    """A directory row. A named tuple rather than a frozen dataclass: a page makes one per row, and the
    tuple is made in one C call where the dataclass set each of its 16 fields through `object.__setattr__`."""

    id: UUID
    nip: str
    name: str
    gender: str
    birth_date: date
    employment_type: str
    status: str
    rank: str
    rank_since: date
    position: str
    unit_id: UUID
    hired_on: date
    version: int
    separated_on: date | None
    separation_reason: str | None
    source: str | None = None  # where an enrolled record came from (siasn-import, transfer, ...)


class Employees(Projection):
    name = "employees"
    version = 2  # 2: enrolment (source, TRANSFERRED_OUT)
    tables = (EMPLOYEES,)

    def _set(self, w: Writer, stream_id: UUID, version: int, values: dict[str, Any]) -> None:
        """Every event of the stream moves `version`, even one that changes nothing else here."""
        values["version"] = version
        w.update(EMPLOYEES, (stream_id,), values)

    @handles(Employee.Hired)
    def employee_hired(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        candidate = d["employment_type"] == EmploymentType.PNS.value
        status = EmployeeStatus.CANDIDATE if candidate else EmployeeStatus.ACTIVE
        hired_on = stored.day(d["effective_on"])
        row = {
            "id": stream_id, "nip": d["nip"], "name": d["name"], "gender": d["gender"],
            "birth_date": stored.day(d["birth_date"]), "employment_type": d["employment_type"],
            "status": status.value, "rank": d["rank"], "rank_since": hired_on, "position": d["position"],
            "unit_id": stored.uuid(d["unit_id"]), "hired_on": hired_on, "version": version,
            "separated_on": None, "separation_reason": None, "source": None,
        }  # fmt: skip
        w.put(EMPLOYEES, row)

    @handles(Employee.ProbationCompleted)
    def employee_probation_completed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {"status": EmployeeStatus.ACTIVE.value})

    @handles(Employee.RankPromoted)
    def employee_rank_promoted(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {"rank": d["to_rank"], "rank_since": stored.day(d["effective_on"])})

    @handles(Employee.PositionAssigned)
    def employee_position_assigned(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {"position": d["position"], "unit_id": stored.uuid(d["unit_id"])})

    @handles(Employee.TrainingCompleted)
    def employee_training_completed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        w.update(EMPLOYEES, (stream_id,), {"version": version})  # `_set`, inline: the commonest event

    @handles(Employee.AppraisalRecorded)
    def employee_appraisal_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {})

    @handles(Employee.DisciplineImposed)
    def employee_discipline_imposed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        demoted = d.get("rank_during")
        self._set(w, stream_id, version, {} if demoted is None else {"rank": demoted})

    # careers (issue 14): every new event of the stream moves `version`; a restored rank moves the rank
    @handles(Employee.EducationRecorded, Employee.ContractSigned, Employee.SalaryStepGranted)
    def employee_career_recorded(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {})

    @handles(Employee.RankRestored)
    def employee_rank_restored(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {"rank": d["to_rank"]})

    @handles(Employee.Separated)
    def employee_separated(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        values = {
            "status": EmployeeStatus.SEPARATED.value,
            "separated_on": stored.day(d["effective_on"]),
            "separation_reason": d["reason"],
        }
        self._set(w, stream_id, version, values)

    # ---- onboarding (issue 13) ----
    @handles(Employee.Enrolled)
    def employee_enrolled(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        candidate = d["employment_type"] == EmploymentType.PNS.value and d["tmt_pns"] is None
        status = EmployeeStatus.CANDIDATE if candidate else EmployeeStatus.ACTIVE
        row = {
            "id": stream_id, "nip": d["nip"], "name": d["name"], "gender": d["gender"],
            "birth_date": stored.day(d["birth_date"]), "employment_type": d["employment_type"],
            "status": status.value, "rank": d["rank"], "rank_since": stored.day(d["rank_since"]),
            "position": d["position"], "unit_id": stored.uuid(d["unit_id"]),
            "hired_on": stored.day(d["tmt_cpns"]), "version": version,
            "separated_on": None, "separation_reason": None, "source": d["source"],
        }  # fmt: skip
        w.put(EMPLOYEES, row)

    @handles(Employee.RankHistoryImported, Employee.PositionHistoryImported)
    def employee_history_imported(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        self._set(w, stream_id, version, {})  # older than the cut-over state: the current row stays

    @handles(Employee.TransferredOut)
    def employee_transferred_out(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        left = stored.day(d["effective_on"])
        status = EmployeeStatus.TRANSFERRED_OUT.value
        self._set(w, stream_id, version, {"status": status, "separated_on": left})

    # ---- end of onboarding ----

    @handles(Employee.PersonalDataCorrected)
    def employee_personal_data_corrected(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        birth_date = stored.optional_day(d["birth_date"])
        fields = {"name": d["name"], "gender": d["gender"], "birth_date": birth_date}
        self._set(w, stream_id, version, {k: v for k, v in fields.items() if v is not None})


@dataclass(frozen=True)
class EmployeeFilter:
    unit_id: UUID | None = None
    status: str | None = None
    employment_type: str | None = None
    search: str | None = None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(f: EmployeeFilter, args: list[Any], schema: str) -> str:
    """Only the filters that are set become SQL (constant fragments, values as $n), so each combination
    gets a plan that can use its index."""
    clauses = ["true"]

    def param(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    if f.unit_id is not None:
        clauses.append(f"unit_id = {param(f.unit_id)}")
    if f.status is not None:
        clauses.append(status_filter(schema, f.status, param(f.status)))
    if f.employment_type is not None:
        clauses.append(f"employment_type = {param(f.employment_type)}")
    search = (f.search or "").strip()
    if search:
        digits = re.sub(r"[\s.]", "", search)
        name = f"lower(name) LIKE lower({param('%' + _like_escape(search) + '%')}) ESCAPE '\\'"
        if digits.isdigit():
            clauses.append(f"({name} OR nip LIKE {param(digits + '%')})")
        else:
            clauses.append(name)
    return " AND ".join(clauses)


async def employees_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, EmployeeRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_select(schema)} FROM {schema}.employees WHERE {where}", key)
    return {r["id"]: EmployeeRow(*r) for r in rows}


async def employee_by_nip(pool_or_con: Any, schema: str, nip: str) -> EmployeeRow | None:
    """Accepts the NIP as printed (with spaces or dots)."""
    row = await pool_or_con.fetchrow(
        f"SELECT {_select(schema)} FROM {schema}.employees WHERE nip = $1", re.sub(r"[\s.]", "", nip)
    )
    return None if row is None else EmployeeRow(*row)


async def list_employees(
    pool_or_con: Any, schema: str, f: EmployeeFilter, first: int, after: tuple[str, UUID] | None
) -> tuple[list[EmployeeRow], bool]:
    """A page ordered by (name, id), after the keyset cursor `after`; the bool says a next page exists."""
    args: list[Any] = []
    where = _where(f, args, schema)
    if after is not None:
        args.extend(after)
        where += f" AND (name, id) > (${len(args) - 1}, ${len(args)})"
    args.append(first + 1)
    sql = (
        f"SELECT {_select(schema)} FROM {schema}.employees WHERE {where} ORDER BY name, id LIMIT ${len(args)}"
    )
    rows = await pool_or_con.fetch(sql, *args)
    return [EmployeeRow(*r) for r in rows[:first]], len(rows) > first


async def count_employees(pool_or_con: Any, schema: str, f: EmployeeFilter) -> int:
    args: list[Any] = []
    where = _where(f, args, schema)
    return await pool_or_con.fetchval(f"SELECT count(*) FROM {schema}.employees WHERE {where}", *args)
