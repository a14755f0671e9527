"""Domain errors carry the API's stable codes and the field at fault."""

from __future__ import annotations

import pytest

from riwayat.domain import errors

CODES = {
    "InvalidNip": "INVALID_NIP",
    "DuplicateNip": "DUPLICATE_NIP",
    "InvalidRank": "INVALID_RANK",
    "RankNotNext": "RANK_NOT_NEXT",
    "NotFound": "NOT_FOUND",
    "InvalidState": "INVALID_STATE",
    "ConcurrencyConflict": "CONCURRENCY_CONFLICT",
    "InvalidInput": "INVALID_INPUT",
    "DuplicateAppraisal": "DUPLICATE_APPRAISAL",
    "DateBeforeHire": "DATE_BEFORE_HIRE",
    "IdempotencyKeyReused": "IDEMPOTENCY_KEY_REUSED",
}


@pytest.mark.parametrize(("name", "code"), CODES.items())
def test_each_error_class_has_its_api_code(name: str, code: str) -> None:
    error_class = getattr(errors, name)
    assert issubclass(error_class, errors.DomainError)
    error = error_class("explained", "effectiveOn")
    assert (error.code, error.message, error.field, str(error)) == (
        code,
        "explained",
        "effectiveOn",
        "explained",
    )


def test_the_field_is_optional() -> None:
    assert errors.InvalidState("closed").field is None
