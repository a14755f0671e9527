"""The directory: employees, one employee, organisation units, promotion candidates."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from riwayat.graphql import cursors
from riwayat.graphql.context import Context
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.inputs import EmployeeFilter
from riwayat.graphql.types.connections import EmployeeConnection
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit
from riwayat.graphql.types.paging import no_rows
from riwayat.projections import employees as employee_rows
from riwayat.projections import org_units, promotion


async def employee(
    info: Info[Context, None], id: strawberry.ID | None = None, nip: str | None = None
) -> Employee | None:
    """By id (its UUID) or by NIP (spaces and dots allowed); exactly one of the two."""
    if (id is None) == (nip is None):
        raise BadUserInput("give exactly one of `id` and `nip`", field="id")
    ctx = info.context
    if id is not None:
        uuid = parse_id(id)
        row = None if uuid is None else await (await ctx.loaders()).employee.load(uuid)
    else:
        digits = "".join(ch for ch in nip or "" if ch.isdigit())
        row = await employee_rows.employee_by_nip(await ctx.pool(), ctx.schema, digits) if digits else None
    return None if row is None else Employee.from_row(row)


def _filter(f: EmployeeFilter | None) -> employee_rows.EmployeeFilter | None:
    """The projection's filter; None when it can match nothing (an unit id that is not an id)."""
    if f is None:
        return employee_rows.EmployeeFilter()
    unit_id = parse_id(f.unit_id)
    if f.unit_id is not None and unit_id is None:
        return None
    return employee_rows.EmployeeFilter(
        unit_id=unit_id,
        status=f.status.value if f.status else None,
        employment_type=f.employment_type.value if f.employment_type else None,
        search=f.search or None,
    )


async def employees(
    info: Info[Context, None],
    filter: EmployeeFilter | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> EmployeeConnection:
    first = cursors.check_first(first, 20)
    key = cursors.name_key(after)
    criteria = _filter(filter)
    if criteria is None:
        return EmployeeConnection.from_page([], False, no_rows)
    ctx = info.context
    pool = await ctx.pool()
    rows, has_next = await employee_rows.list_employees(pool, ctx.schema, criteria, first, key)
    return EmployeeConnection.from_page(
        rows, has_next, lambda: employee_rows.count_employees(pool, ctx.schema, criteria)
    )


async def org_units_list(info: Info[Context, None]) -> list[OrgUnit]:
    ctx = info.context
    return [OrgUnit.from_row(r) for r in await org_units.list_units(await ctx.pool(), ctx.schema)]


async def promotion_candidates(info: Info[Context, None], as_of: date) -> list[Employee]:
    ctx = info.context
    rows = await promotion.promotion_candidates(await ctx.pool(), ctx.schema, as_of)
    return [Employee.from_row(r) for r in rows]
