"""Errors at the GraphQL edge.

Expected refusals are values or coded errors: a `DomainError` inside a mutation becomes a `UserError` in its
payload; authorisation, bad arguments and unknown ids are top-level errors with `extensions.code`.
Anything else is a fault: it is logged with the request id and its stack, and the caller sees only
"internal error" and the request id (see `mask`).
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

log = logging.getLogger("riwayat.graphql")

INTERNAL_MESSAGE = "internal error"


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
    return [
        error
        if is_expected(error)
        else GraphQLError(
            INTERNAL_MESSAGE,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )
        for error in errors
    ]


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
