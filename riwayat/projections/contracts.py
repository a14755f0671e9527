"""PPPK contracts (PP 49/2018 art. 37): every contract signed or renewed, and whose current contract ends
soon (`contracts_expiring`) — the renewal pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.checks import add_months
from riwayat.domain.employee import Employee
from riwayat.domain.enums import EmployeeStatus
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

CONTRACTS = Table(
    "contracts",
    (("employee_id", "uuid"), ("start_on", "date"), ("end_on", "date NOT NULL"),
     ("work_time", "text NOT NULL"), ("ni_pppk", "text NOT NULL"), ("renewal", "boolean NOT NULL")),
    key=("employee_id", "start_on"),
    indexes=(("end_idx", "(end_on)"),),
)  # fmt: skip
_COLUMNS = ", ".join(f"c.{c}" for c, _ in CONTRACTS.columns)


@dataclass(frozen=True)
class ContractRow:
    employee_id: UUID
    start_on: date
    end_on: date
    work_time: str
    ni_pppk: str
    renewal: bool


class Contracts(Projection):
    name = "contracts"
    version = 1
    tables = (CONTRACTS,)

    @handles(Employee.ContractSigned)
    def employee_contract_signed(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        row = {
            "employee_id": stream_id, "start_on": stored.day(d["start_on"]),
            "end_on": stored.day(d["end_on"]), "work_time": d["work_time"], "ni_pppk": d["ni_pppk"],
            "renewal": d["renewal"],
        }  # fmt: skip
        w.put(CONTRACTS, row)


async def contracts_expiring(
    pool_or_con: Any, schema: str, as_of: date, within_months: int
) -> list[ContractRow]:
    """The latest contract of each PPPK in service when it ends from `as_of` to `within_months` later."""
    rows = await pool_or_con.fetch(
        f"SELECT * FROM (SELECT DISTINCT ON (c.employee_id) {_COLUMNS} FROM {schema}.contracts c"
        f" JOIN {schema}.employees e ON e.id = c.employee_id AND e.status <> $3"
        " ORDER BY c.employee_id, c.start_on DESC) latest"
        " WHERE latest.end_on >= $1 AND latest.end_on < $2 ORDER BY latest.end_on, latest.employee_id",
        as_of,
        add_months(as_of, within_months),
        EmployeeStatus.SEPARATED.value,
    )
    return [ContractRow(*r) for r in rows]


async def contracts_of(pool_or_con: Any, schema: str, employee_id: UUID) -> list[ContractRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_COLUMNS} FROM {schema}.contracts c WHERE c.employee_id = $1 ORDER BY c.start_on",
        employee_id,
    )
    return [ContractRow(*r) for r in rows]
