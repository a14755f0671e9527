"""The auditors' view of the access log (issue 19): `accessLog` — who was shown whose personal data — and
`accessLogIntegrity`, the check of its own hash chain. Read by `auditor` and `admin` only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from riwayat.graphql import cursors
from riwayat.graphql.context import Context
from riwayat.graphql.permissions import AUDIT, allow
from riwayat.graphql.types.paging import Connection, Edge
from riwayat.infra.access_log import verify


@strawberry.type
class AccessLogEntry:
    position: int
    at: datetime
    request_id: str
    actor: str
    roles: list[str]
    operation: str
    subjects: list[str] = strawberry.field(description="the data subjects (employee ids) shown")
    fields: JSON = strawberry.field(description='per subject, the fields shown: {"<id>": ["birthDate"]}')


@strawberry.type
class AccessLogConnection(Connection[AccessLogEntry]):
    @staticmethod
    def edge(row: Any) -> Edge[AccessLogEntry]:
        entry = AccessLogEntry(
            position=row["position"], at=row["at"], request_id=row["request_id"], actor=row["actor"],
            roles=list(row["roles"]), operation=row["operation"], subjects=list(row["subjects"]),
            fields=orjson.loads(row["fields"]),
        )  # fmt: skip
        return Edge(node=entry, cursor=cursors.encode("access", row["position"]))


@strawberry.input
class AccessLogFilter:
    subject_id: strawberry.ID | None = None
    actor: str | None = strawberry.field(default=None, description="the token's subject")
    from_: datetime | None = strawberry.field(default=None, name="from", description="at or after")
    to: datetime | None = strawberry.field(default=None, description="before")


@strawberry.type
class AccessLogIntegrity:
    ok: bool
    checked: int
    first_broken_position: int | None


async def access_log(
    info: Info[Context, None], filter: AccessLogFilter | None = None, first: int | None = 50,
    after: str | None = None,
) -> AccessLogConnection:  # fmt: skip
    first = cursors.check_first(first, 50)
    position = cursors.int_key("access", after, maximum=2**63 - 1)
    f = filter or AccessLogFilter()
    ctx = info.context
    where = (
        f"FROM {ctx.schema}.access_log WHERE position > $1"
        " AND ($2::text IS NULL OR subjects @> ARRAY[$2::text]) AND ($3::text IS NULL OR actor = $3)"
        " AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)"
    )
    args = (position, f.subject_id, f.actor, f.from_, f.to)
    pool = await ctx.pool()
    rows = await pool.fetch(f"SELECT * {where} ORDER BY position LIMIT $6", *args, first + 1)

    async def count() -> int:
        return await pool.fetchval(f"SELECT count(*) {where}", *args)

    return AccessLogConnection.from_page(rows[:first], len(rows) > first, count)


async def access_log_integrity(info: Info[Context, None]) -> AccessLogIntegrity:
    ctx = info.context
    async with (await ctx.pool()).acquire() as con:
        checked, broken = await verify(con, ctx.schema)
    return AccessLogIntegrity(ok=broken is None, checked=checked, first_broken_position=broken)


@strawberry.type
class AccessLogQuery:
    access_log: AccessLogConnection = strawberry.field(
        resolver=access_log, extensions=allow(*AUDIT),
        description="who was shown whose personal data, oldest first (UU 27/2022)",
    )  # fmt: skip
    access_log_integrity: AccessLogIntegrity = strawberry.field(
        resolver=access_log_integrity, extensions=allow(*AUDIT),
        description="the access log's own hash chain checked from its start",
    )  # fmt: skip
