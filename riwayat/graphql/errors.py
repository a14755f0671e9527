"""Errors at the GraphQL edge.

Expected refusals are values or coded errors: a `DomainError` inside a mutation becomes a `UserError` in its
payload; authorisation, bad arguments and unknown ids are top-level errors with `extensions.code`.
Anything else is a fault: it is logged with the request id and its stack, and the caller sees only
"internal error" and the request id (see `mask`) — except a database that does not answer
(DATABASE_UNAVAILABLE) and a request past its deadline (DEADLINE_EXCEEDED): those are the caller's to
retry, and the edge answers them with HTTP 503.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from riwayat.infra import deadlines
from riwayat.infra.database import unavailable

log = logging.getLogger("riwayat.graphql")

INTERNAL_MESSAGE = "internal error"
UNAVAILABLE_CODE = "DATABASE_UNAVAILABLE"
UNAVAILABLE_MESSAGE = "the database is not answering; try again shortly"
DEADLINE_MESSAGE = "the request ran past its deadline and was abandoned; nothing was written for it"
RETRYABLE = (UNAVAILABLE_CODE, deadlines.CODE)


class ApiError(GraphQLError):
    """A refusal the caller should see as is, with a stable `extensions.code`."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        extensions: dict[str, Any] = {"code": self.code}
        if field is not None:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)


class Forbidden(ApiError):
    code = "FORBIDDEN"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class NotFoundError(ApiError):
    code = "NOT_FOUND"


def is_expected(error: GraphQLError) -> bool:
    """Syntax, validation, coercion and our own coded errors are shown; any other exception is a fault."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return True
    # Scalars refuse bad literals and variables with ValueError/TypeError before execution (no path).
    return error.path is None and isinstance(original, ValueError | TypeError)


def mask(errors: list[GraphQLError], request_id: str) -> list[GraphQLError]:
    """Replace every unexpected fault by a message that reveals nothing but the request id."""
    return [error if is_expected(error) else _masked(error, request_id) for error in errors]


def _masked(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, deadlines.DeadlineExceeded):
        code, message = deadlines.CODE, DEADLINE_MESSAGE
    elif unavailable(original):
        code, message = UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE
    else:
        code, message = "INTERNAL_SERVER_ERROR", INTERNAL_MESSAGE
    return GraphQLError(
        message, nodes=error.nodes, path=error.path, extensions={"code": code, "requestId": request_id}
    )


def outcome(errors: list[GraphQLError] | None, data: Any) -> str:
    """What a GraphQL result came to, for metrics and logs (see `observability.OUTCOMES`); from the
    masked errors, worst first, then the mutation payloads' own `errors`."""
    codes = {(e.extensions or {}).get("code") for e in errors or ()}
    if "INTERNAL_SERVER_ERROR" in codes:
        return "internal"
    if codes & set(RETRYABLE):
        return "unavailable"
    if "FORBIDDEN" in codes:
        return "forbidden"
    if any(e.path is None for e in errors or ()):
        return "invalid"  # syntax, validation, limits, uncoercible variables: nothing ran
    if errors:
        return "user_error"
    if isinstance(data, dict) and any(
        isinstance(value, dict) and value.get("errors") for value in data.values()
    ):
        return "user_error"  # a mutation refused by a rule: its payload carries the UserErrors
    return "ok"


def log_errors(errors: list[GraphQLError], request_id: str) -> None:
    for error in errors:
        if is_expected(error):
            log.debug("request %s: %s", request_id, error.message)
        else:
            original = error.original_error
            log.error(
                "request %s: unexpected %s at %s",
                request_id,
                type(original).__name__,
                ".".join(str(p) for p in error.path or ()) or "(operation)",
                exc_info=(type(original), original, original.__traceback__) if original else None,
            )
