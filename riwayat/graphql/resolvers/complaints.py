"""Complaints: one by id, and the paged list by status."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from riwayat.graphql import cursors
from riwayat.graphql.context import Context
from riwayat.graphql.enums import ComplaintStatus
from riwayat.graphql.ids import parse_id
from riwayat.graphql.types.complaint import Complaint, sees_confidential
from riwayat.graphql.types.connections import ComplaintConnection
from riwayat.projections import complaints as complaint_rows


async def complaint(info: Info[Context, None], id: strawberry.ID) -> Complaint | None:
    uuid = parse_id(id)
    row = None if uuid is None else await (await info.context.loaders()).complaint.load(uuid)
    return None if row is None else Complaint.from_row(row)


async def complaints(
    info: Info[Context, None],
    status: ComplaintStatus | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> ComplaintConnection:
    first = cursors.check_first(first, 20)
    key = cursors.time_key(after)
    ctx = info.context
    pool = await ctx.pool()
    wanted = status.value if status else None
    # Confidential complaints are listed only to complaint officers and auditors.
    hidden = {"include_confidential": sees_confidential(info)}
    rows, has_next = await complaint_rows.list_complaints(pool, ctx.schema, wanted, first, key, **hidden)
    return ComplaintConnection.from_page(
        rows, has_next, lambda: complaint_rows.count_complaints(pool, ctx.schema, wanted, **hidden)
    )
