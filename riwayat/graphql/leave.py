"""The leave and self-service fields of the schema, as base classes that `schema.py` adds to Query and
Mutation (issue 17). The role lists are the first gate; the resolvers scope `employee` further."""

from __future__ import annotations

from typing import Any

import strawberry

from riwayat.graphql.permissions import LEAVE_DECIDE, LEAVE_READ, LEAVE_SELF, LEAVE_WRITE, SELF_SERVICE, allow
from riwayat.graphql.resolvers import leave as r
from riwayat.graphql.types.leave import LeaveBalance, LeavePayload, LeaveRequest, SelfRecord


def _field(resolver: Any, roles: tuple[str, ...], description: str | None = None) -> Any:
    return strawberry.field(resolver=resolver, extensions=allow(*roles), description=description)


def _mutation(resolver: Any, roles: tuple[str, ...], description: str | None = None) -> Any:
    return strawberry.mutation(resolver=resolver, extensions=allow(*roles), description=description)


@strawberry.type
class LeaveQuery:
    me: SelfRecord | None = _field(r.me, SELF_SERVICE, "the caller's own record (role employee)")
    leave_balance: LeaveBalance | None = _field(
        r.leave_balance, LEAVE_SELF, "a year's annual leave with its working (null before its first request)"
    )
    leave_calendar: list[LeaveRequest] = _field(r.leave_calendar, LEAVE_READ, "who in the unit is away")
    pending_approvals: list[LeaveRequest] = _field(
        r.pending_approvals, LEAVE_SELF, "hr: all; a superior: their people's"
    )


@strawberry.type
class LeaveMutation:
    request_leave: LeavePayload = _mutation(r.request_leave, LEAVE_DECIDE, "own leave, or anyone's for hr")
    approve_leave: LeavePayload = _mutation(r.approve_leave, LEAVE_DECIDE, "hr or the direct superior")
    reject_leave: LeavePayload = _mutation(r.reject_leave, LEAVE_DECIDE, "hr or the direct superior")
    cancel_leave: LeavePayload = _mutation(r.cancel_leave, LEAVE_DECIDE, "before the leave starts")
    record_return_from_leave: LeavePayload = _mutation(r.record_return_from_leave, LEAVE_WRITE)
    assign_supervisor: LeavePayload = _mutation(r.assign_supervisor, LEAVE_WRITE)
