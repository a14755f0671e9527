"""The auditors' queries: the log, an employee as of a moment or a date, integrity, projection status."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from riwayat.domain.errors import DomainError
from riwayat.graphql import cursors
from riwayat.graphql.context import Context
from riwayat.graphql.errors import BadUserInput
from riwayat.graphql.ids import parse_id
from riwayat.graphql.inputs import AuditFilter
from riwayat.graphql.personal import open_for
from riwayat.graphql.types.audit import IntegrityReport, ProjectionStatus
from riwayat.graphql.types.common import PageInfo
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.event import EventConnection
from riwayat.infra.audit import verify_tenant
from riwayat.infra.ledger import LogFilter
from riwayat.projections import registry


async def audit_log(
    info: Info[Context, None],
    filter: AuditFilter | None = None,
    first: int | None = 50,
    after: str | None = None,
) -> EventConnection:
    first = cursors.check_first(first, 50)
    position = cursors.int_key("log", after, maximum=2**63 - 1)
    f = filter or AuditFilter()
    stream_id = parse_id(f.stream_id)
    if f.stream_id is not None and stream_id is None:
        return EventConnection(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))
    log_filter = LogFilter(
        stream_id=stream_id, types=f.types or None, actor=f.actor, since=f.from_, until=f.to
    )
    ctx = info.context
    records = await ctx.services.store.read_log(
        ctx.tenant, after=position, limit=first + 1, log_filter=log_filter
    )
    return EventConnection.from_page(await open_for(info, records), first, "log")


async def employee_as_of(
    info: Info[Context, None],
    id: strawberry.ID,
    recorded_at: datetime | None = None,
    effective_on: date | None = None,
) -> Employee | None:
    """With recordedAt: what the ledger said then. With effectiveOn: what was legally true that day."""
    if (recorded_at is None) == (effective_on is None):
        raise BadUserInput("give exactly one of `recordedAt` and `effectiveOn`", field="recordedAt")
    uuid = parse_id(id)
    if uuid is None:
        return None
    ctx = info.context
    try:
        emp = await ctx.services.application.employee_as_of(
            ctx.tenant, uuid, recorded_at=recorded_at, effective_on=effective_on
        )
    except DomainError as error:
        raise BadUserInput(error.message, field=error.field) from error
    return None if emp is None else Employee.from_aggregate(emp)


async def verify_integrity(info: Info[Context, None]) -> IntegrityReport:
    ctx = info.context
    return IntegrityReport.from_report(await verify_tenant(ctx.services.store, ctx.tenant))


async def projection_status(info: Info[Context, None]) -> list[ProjectionStatus]:
    """Head and checkpoints read by one statement (one snapshot, `registry.checkpoints`)."""
    ctx = info.context
    rows = await (await ctx.pool()).fetch(registry.checkpoints(ctx.schema))
    return [ProjectionStatus.from_row(row) for row in registry.status_of(rows)]
