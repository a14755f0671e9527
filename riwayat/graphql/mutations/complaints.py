"""Complaint mutations: complaint officers file, triage and resolve; hr may file."""

from __future__ import annotations

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
            expected_version=input.expected_version,
            idempotency_key=input.idempotency_key,
        )

    return await complaint_payload(info, command)
