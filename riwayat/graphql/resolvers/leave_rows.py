"""Leave request rows as the API shows them: a sealed address (riwayat.domain.leave, `personal`) opened with
its account's key, one key read per list; null once the employee's data was erased."""

from __future__ import annotations

import json
from typing import Any

from strawberry.types import Info

from riwayat.graphql.context import Context
from riwayat.graphql.personal import open_values
from riwayat.graphql.types.leave import LeaveRequest


async def shown(info: Info[Context, None], rows: list[dict[str, Any]]) -> list[LeaveRequest]:
    """The rows as the API shows them, sealed addresses opened (the account's stream is their subject)."""
    sealed = [r for r in rows if r["address_sealed"] is not None]
    opened = await open_values(
        info, [(r["account_id"], "address", json.loads(r["address_sealed"])) for r in sealed]
    )
    for row, address in zip(sealed, opened, strict=True):
        row["address"] = address
    return [LeaveRequest.from_row(r) for r in rows]
