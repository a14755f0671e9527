"""Rule violations as exceptions with the stable codes of the API contract.

Each subclass carries the `UserError.code` the GraphQL edge reports, and the camelCase name of the
input field at fault, so the edge can map a refusal without knowing any rule.
"""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused because it breaks a civil-service or ledger rule."""

    code: str = "DOMAIN_ERROR"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, field={self.field!r})"


class InvalidNip(DomainError):
    """The NIP / NI PPPK is malformed or disagrees with the person or the appointment."""

    code = "INVALID_NIP"


class DuplicateNip(DomainError):
    """The NIP is already used in the tenant (enforced by the store, raised by the application)."""

    code = "DUPLICATE_NIP"


class InvalidRank(DomainError):
    """The rank is not a golongan of the employee's employment type."""

    code = "INVALID_RANK"


class RankNotNext(DomainError):
    """A promotion must be exactly one step up."""

    code = "RANK_NOT_NEXT"


class NotFound(DomainError):
    """The named employee, unit or complaint does not exist in the tenant."""

    code = "NOT_FOUND"


class InvalidState(DomainError):
    """The command is not allowed in the aggregate's current state."""

    code = "INVALID_STATE"


class ConcurrencyConflict(DomainError):
    """The stream moved on since the client read it."""

    code = "CONCURRENCY_CONFLICT"


class InvalidInput(DomainError):
    """An input value is missing, out of range or of an unknown kind."""

    code = "INVALID_INPUT"


class DuplicateAppraisal(DomainError):
    """Only one final SKP per employee and year."""

    code = "DUPLICATE_APPRAISAL"


class DateBeforeHire(DomainError):
    """A personnel action cannot take effect before the appointment's TMT."""

    code = "DATE_BEFORE_HIRE"


class IdempotencyKeyReused(DomainError):
    """The idempotency key was first used for another request (another mutation, input or user): the
    convention of payment APIs — a key names one request, and only that request gets its first result."""

    code = "IDEMPOTENCY_KEY_REUSED"


def key_reused(key: str) -> IdempotencyKeyReused:
    message = f"the idempotency key {key!r} was used for a different request"
    return IdempotencyKeyReused(message, "idempotencyKey")
