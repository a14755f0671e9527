"""Awards granted (Satyalancana Karya Satya and the region's own), and who is due a Satyalancana."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from riwayat.domain.award import Award
from riwayat.domain.enums import EmployeeStatus, EmploymentType
from riwayat.domain.performance_rules import SATYALANCANA_EXCLUDING_LEVELS, SATYALANCANA_YEARS
from riwayat.infra import keyed
from riwayat.projections import stored
from riwayat.projections.base import Projection, Writer, handles
from riwayat.projections.leave import CLTN_LAST_DAY
from riwayat.projections.rows import Table
from riwayat.projections.stored import Data

AWARDS = Table(
    "awards",
    (("id", "uuid"), ("employee_id", "uuid NOT NULL"), ("award_class", "text NOT NULL"),
     ("name", "text NOT NULL"), ("decree_number", "text NOT NULL"), ("decree_date", "date NOT NULL"),
     ("granted_on", "date NOT NULL")),
    key=("id",),
    indexes=(("employee_idx", "(employee_id, award_class)"),),
)  # fmt: skip


@dataclass(frozen=True)
class AwardRow:
    id: UUID
    employee_id: UUID
    award_class: str
    name: str
    decree_number: str
    decree_date: date
    granted_on: date


class Awards(Projection):
    name = "awards"
    version = 1
    tables = (AWARDS,)

    @handles(Award.Granted)
    def award_granted(self, w: Writer, stream_id: UUID, version: int, d: Data) -> None:
        decree = d["decree"]["_data_"]
        row = {
            "id": stream_id,
            "employee_id": stored.uuid(d["employee_id"]),
            "award_class": d["award_class"],
            "name": d["name"],
            "decree_number": decree["number"],
            "decree_date": stored.day(decree["date"]),
            "granted_on": stored.day(d["granted_on"]),
        }
        w.put(AWARDS, row)


_SELECT = ", ".join(c for c, _ in AWARDS.columns)


async def awards_of(pool_or_con: Any, schema: str, employee_id: UUID) -> list[AwardRow]:
    rows = await pool_or_con.fetch(
        f"SELECT {_SELECT} FROM {schema}.awards WHERE employee_id = $1 ORDER BY granted_on, name", employee_id
    )
    return [AwardRow(*r) for r in rows]


@dataclass(frozen=True)
class AwardDueRow:
    employee_id: UUID
    award_class: str
    service_years: int


# Days of approved CLTN from the TMT CPNS to $1 (as `award.service_years` counts them; leave, issue 17).
_CLTN_DAYS = (
    f"(SELECT coalesce(sum(least({CLTN_LAST_DAY}, $1) - greatest(r.start_on, e.hired_on) + 1), 0)::int"
    " FROM {s}.leave_requests r JOIN {s}.leave_accounts la ON la.id = r.account_id"
    " WHERE la.employee_id = e.id AND r.kind = 'UNPAID' AND r.status IN ('APPROVED', 'RETURNED')"
    f" AND r.start_on <= $1 AND {CLTN_LAST_DAY} >= e.hired_on)"
)


async def award_eligibility(pool_or_con: Any, schema: str, as_of: date) -> list[AwardDueRow]:
    """Serving PNS due a Satyalancana Karya Satya on `as_of`: the years of service from TMT CPNS (the
    appointment TMT) reached, that class not yet granted, and no medium or heavy sanction ever. The
    disciplines table belongs to the promotion read model; this only reads it."""
    classes, years = zip(*SATYALANCANA_YEARS.items(), strict=True)
    start = f"(e.hired_on + {_CLTN_DAYS.format(s=schema)})"  # CLTN is not service (DOMAIN.md "Awards")
    rows = await pool_or_con.fetch(
        "SELECT e.id, c.award_class,"
        f" extract(year FROM age($1::date, {start}))::int"
        f" FROM {schema}.employees e CROSS JOIN unnest($2::text[], $3::int[]) AS c(award_class, years)"
        " WHERE e.employment_type = $4 AND e.status <> $5"
        f" AND ({start} + make_interval(years => c.years))::date <= $1"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.awards a WHERE a.employee_id = e.id"
        "      AND a.award_class = c.award_class)"
        f" AND NOT EXISTS (SELECT 1 FROM {schema}.disciplines d WHERE d.employee_id = e.id"
        "      AND d.level = any($6::text[]))"
        " ORDER BY e.name, e.id, c.years",
        as_of,
        list(classes),
        list(years),
        EmploymentType.PNS.value,
        EmployeeStatus.SEPARATED.value,
        sorted(SATYALANCANA_EXCLUDING_LEVELS),
    )
    return [AwardDueRow(*r) for r in rows]


async def awards_by_ids(pool_or_con: Any, schema: str, ids: list[UUID]) -> dict[UUID, AwardRow]:
    where, key = keyed.match("id", ids, "uuid")
    rows = await pool_or_con.fetch(f"SELECT {_SELECT} FROM {schema}.awards WHERE {where}", key)
    return {r["id"]: AwardRow(*r) for r in rows}
