"""Personal data over the API (docs/privacy.md): `eraseSubjectData` (admin), `subjectDataReport`, and the
decryption of ledger reads (`history`, `auditLog`) for the callers who may see personal data.

A key that does not unwrap is never answered with a guess: the read fails with PERSONAL_DATA_KEY_INVALID
(or KEK_MISMATCH), as `extensions.code`.
"""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from riwayat.application import CommandOptions
from riwayat.domain.errors import DomainError
from riwayat.graphql.context import Context
from riwayat.graphql.errors import Forbidden
from riwayat.graphql.ids import parse_id, require_id
from riwayat.graphql.permissions import ADMIN_ONLY, AUDITOR, EMPLOYEE, HR, allow, can
from riwayat.graphql.personal import PersonalDataUnreadable
from riwayat.graphql.resolvers.leave import me_id
from riwayat.graphql.types.common import UserError
from riwayat.infra.codec import plain
from riwayat.infra.privacy import PrivacyError

SUBJECT_REPORT = (HR, AUDITOR, EMPLOYEE)  # employee: their own data only (`me`-scoped)


@strawberry.input
class EraseSubjectDataInput:
    subject_id: strawberry.ID = strawberry.field(description="an employee id or a complaint id")
    reason: str
    legal_basis: str = strawberry.field(description="the decree or the data subject's request reference")
    idempotency_key: str | None = None


@strawberry.type
class KeptField:
    field: str
    why: str


@strawberry.type
class SubjectErasurePayload:
    subject_id: strawberry.ID | None
    erased_fields: list[str]
    kept_fields: list[KeptField]
    erasure_id: strawberry.ID | None = strawberry.field(description="the stream of the DataErasure record")
    errors: list[UserError]


async def erase_subject_data(
    info: Info[Context, None], input: EraseSubjectDataInput
) -> SubjectErasurePayload:
    ctx = info.context
    try:
        subject = require_id(input.subject_id, "subjectId")
        request = {"subject_id": str(subject), "reason": input.reason, "legal_basis": input.legal_basis}
        options = CommandOptions(idempotency_key=input.idempotency_key, request=request)
        result, erased, kept = await ctx.services.application.erase_subject_data(
            ctx.command(), subject_id=subject, reason=input.reason, legal_basis=input.legal_basis,
            options=options,
        )  # fmt: skip
    except DomainError as refused:
        return SubjectErasurePayload(
            subject_id=None, erased_fields=[], kept_fields=[], erasure_id=None,
            errors=[UserError.from_domain(refused)],
        )  # fmt: skip
    except PrivacyError as error:
        raise PersonalDataUnreadable(error) from error
    return SubjectErasurePayload(
        subject_id=strawberry.ID(str(subject)), erased_fields=erased,
        kept_fields=[KeptField(field=f, why=w) for f, w in sorted(kept.items())],
        erasure_id=strawberry.ID(str(result.stream_id)), errors=[],
    )  # fmt: skip


async def subject_data_report(info: Info[Context, None], subject_id: strawberry.ID) -> JSON | None:
    """Everything held about a person (decrypted), for a data-subject request; an employee gets their own."""
    subject = parse_id(subject_id)
    if subject is None:
        return None
    if not can(info, HR, AUDITOR) and await me_id(info) != subject:
        raise Forbidden("forbidden: an employee sees only their own data")
    ctx = info.context
    try:
        report = await ctx.services.application.subject_data_report(ctx.tenant, UUID(str(subject)))
    except PrivacyError as error:
        raise PersonalDataUnreadable(error) from error
    if report is not None:
        for event in report["events"]:
            event["data"] = plain(event["data"])
    return report


@strawberry.type
class PrivacyQuery:
    subject_data_report: JSON | None = strawberry.field(
        resolver=subject_data_report, extensions=allow(*SUBJECT_REPORT),
        description="everything held about a data subject, decrypted (UU 27/2022); employees: own data only",
    )  # fmt: skip


@strawberry.type
class PrivacyMutation:
    erase_subject_data: SubjectErasurePayload = strawberry.mutation(
        resolver=erase_subject_data, extensions=allow(*ADMIN_ONLY),
        description="crypto-shred a subject's erasable personal data; retained-by-law fields are kept",
    )  # fmt: skip
