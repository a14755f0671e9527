"""Complaint mutations: complaint officers file, triage, resolve, answer, close, reopen and link to a
sanction; hr may file."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from riwayat.application import CommandContext, CommandResult
from riwayat.graphql.context import Context
from riwayat.graphql.ids import optional_id, require_id
from riwayat.graphql.inputs import (
    FileComplaintInput,
    ResolveComplaintInput,
    TriageComplaintInput,
)
from riwayat.graphql.mutations.base import complaint_payload
from riwayat.graphql.types.payloads import ComplaintPayload


async def file_complaint(info: Info[Context, None], input: FileComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.file_complaint(
            cc,
            channel=input.channel,
            category=input.category,
            description=input.description,
            employee_id=optional_id(input.employee_id, "employeeId"),
            unit_id=optional_id(input.unit_id, "unitId"),
            reporter_contact=input.reporter_contact,
            received_on=input.received_on,
            anonymous=input.anonymous,
            confidential=input.confidential,
            lapor_ticket=input.lapor_ticket,
            idempotency_key=input.idempotency_key,
        )

    return await complaint_payload(info, command)


async def triage_complaint(info: Info[Context, None], input: TriageComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.triage_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            unit_id=require_id(input.unit_id, "unitId"),
            note=input.note,
            on=input.on,
            expected_version=input.expected_version,
            idempotency_key=input.idempotency_key,
        )

    return await complaint_payload(info, command)


async def resolve_complaint(info: Info[Context, None], input: ResolveComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.resolve_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            outcome=input.outcome.value,
            resolution=input.resolution,
            on=input.on,
            expected_version=input.expected_version,
            idempotency_key=input.idempotency_key,
        )

    return await complaint_payload(info, command)


@strawberry.input
class RespondToComplaintInput:
    complaint_id: strawberry.ID
    response: str
    published: bool = strawberry.field(default=True, description="shown on the public status page")
    on: date | None = strawberry.field(
        default=None, description="when the reporter was told; today if omitted"
    )
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class CloseComplaintInput:
    complaint_id: strawberry.ID
    note: str | None = None
    on: date | None = None
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class ReopenComplaintInput:
    complaint_id: strawberry.ID
    reason: str | None = None
    on: date | None = None
    expected_version: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class LinkComplaintToDisciplineInput:
    complaint_id: strawberry.ID
    employee_id: strawberry.ID
    decree_number: str = strawberry.field(description="the decree of the disciplinary decision (PP 94/2021)")
    expected_version: int | None = None
    idempotency_key: str | None = None


def _opts(input: Any) -> dict[str, Any]:
    return {"expected_version": input.expected_version, "idempotency_key": input.idempotency_key}


async def respond_to_complaint(info: Info[Context, None], input: RespondToComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.respond_to_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            response=input.response,
            published=input.published,
            on=input.on,
            **_opts(input),
        )

    return await complaint_payload(info, command)


async def close_complaint(info: Info[Context, None], input: CloseComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.close_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            note=input.note,
            on=input.on,
            **_opts(input),
        )

    return await complaint_payload(info, command)


async def reopen_complaint(info: Info[Context, None], input: ReopenComplaintInput) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.reopen_complaint(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            reason=input.reason,
            on=input.on,
            **_opts(input),
        )

    return await complaint_payload(info, command)


async def link_complaint_to_discipline(
    info: Info[Context, None], input: LinkComplaintToDisciplineInput
) -> ComplaintPayload:
    async def command(cc: CommandContext) -> CommandResult:
        return await info.context.services.application.link_complaint_to_discipline(
            cc,
            complaint_id=require_id(input.complaint_id, "complaintId"),
            employee_id=require_id(input.employee_id, "employeeId"),
            decree_number=input.decree_number,
            **_opts(input),
        )

    return await complaint_payload(info, command)
