"""Running a command for a mutation: rule violations become `UserError`s, and the payload re-reads the
changed record through fresh loaders (the inline projections committed with the events).

A mutation resolver is one call: `await payload(info, EMPLOYEE, lambda app, cc: app.record_training(cc,
..., options=options(input)))` — the command is a function, so that reading the input (an id that does not
parse) is refused as a user error too. A new kind of payload is one `Changed(...)` line below (its payload
type in `types/payloads.py`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from riwayat.application import Application, CommandContext, CommandOptions, CommandResult
from riwayat.domain.errors import DomainError
from riwayat.graphql.context import Context
from riwayat.graphql.loaders import Loaders
from riwayat.graphql.types.common import UserError
from riwayat.graphql.types.complaint import Complaint
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.org_unit import OrgUnit
from riwayat.graphql.types.payloads import ComplaintPayload, EmployeePayload, OrgUnitPayload

P = TypeVar("P")
Command = Callable[[Application, CommandContext], Awaitable[CommandResult]]


@dataclass(frozen=True)
class Changed(Generic[P]):
    """How a payload shows the record a command changed: its type, the field that holds the record, the
    loader that reads the record's row, and the GraphQL type made from the row."""

    payload: type[P]
    field: str
    loader: Callable[[Loaders], DataLoader[Any, Any]]
    from_row: Callable[[Any], Any]


EMPLOYEE = Changed(EmployeePayload, "employee", lambda loaders: loaders.employee, Employee.from_row)
COMPLAINT = Changed(ComplaintPayload, "complaint", lambda loaders: loaders.complaint, Complaint.from_row)
ORG_UNIT = Changed(OrgUnitPayload, "org_unit", lambda loaders: loaders.unit, OrgUnit.from_row)


def options(input: Any) -> CommandOptions:
    """The options every input may carry (`expectedVersion` only on commands on an existing record), and
    the input itself without its key: what an idempotency key is bound to (with the mutation and user), so
    made only when there is a key (`dataclasses.asdict` copies the input deeply)."""
    key = input.idempotency_key
    request = None
    if key is not None:
        request = {k: v for k, v in dataclasses.asdict(input).items() if k != "idempotency_key"}
    return CommandOptions(
        expected_version=getattr(input, "expected_version", None),
        idempotency_key=key,
        request=request,
    )


async def payload(info: Info[Context, None], changed: Changed[P], command: Command) -> P:
    """Runs `command(application, command context)`; the payload holds the changed record, or the errors."""
    ctx = info.context
    try:
        result = await command(ctx.services.application, ctx.command())
    except DomainError as error:
        return changed.payload(errors=[UserError.from_domain(error)])  # type: ignore[call-arg]
    loaders = await ctx.loaders()
    loaders.forget()
    row = await changed.loader(loaders).load(result.stream_id)
    record = None if row is None else changed.from_row(row)
    return changed.payload(  # type: ignore[call-arg]
        **{changed.field: record}, version=result.version, positions=list(result.positions)
    )
