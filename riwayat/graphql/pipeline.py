"""The request pipeline of /graphql before GraphQL runs: the request id, the deadline, the body bound, the
bearer token and tenant, the media type, the JSON shape, NUL text and the several-operations rule.

Each step answers its refusal in GraphQL's error shape (see `http.py` for the list of codes); what passes
is an `Operation`: the parsed body with who asks, for which tenant, ready for the response cache and
strawberry. Kept apart from `http.py` so that the endpoint there reads as: admit, then execute.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from os import urandom
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from riwayat.graphql.documents import SAFE_ID, document_facts, operation_name
from riwayat.graphql.errors import DEADLINE_MESSAGE, UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE
from riwayat.infra import deadlines
from riwayat.infra.auth import AuthError, verify_token
from riwayat.infra.database import unavailable

NUL_ESCAPE = re.compile(r"\\u(0000|\{0+\})", re.IGNORECASE)
STATE_KEY = "riwayat.graphql"
REQUEST_ID_KEY = "riwayat.request_id"  # set by the request middleware for every HTTP request
HEADERS_KEY = "riwayat.headers"  # the request's headers as a dict (`header_map`)
log = logging.getLogger("riwayat.graphql")


def error_response(status: int, code: str, message: str, request_id: str, **headers: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}
    return JSONResponse(body, status_code=status, headers={"X-Request-Id": request_id, **headers})


@dataclass(frozen=True)
class Operation:
    """A request that passed every check before GraphQL: its body (raw and parsed), caller and tenant."""

    principal: Any
    tenant: Any
    document: dict[str, Any]
    body: bytes


async def within_deadline(
    scope: Scope, timeout: float, request_id: str, run: Callable[[], Awaitable[Response | None]]
) -> Response | None:
    """`run()` under the request's deadline: reading a slow body, waiting for the database and running the
    operation all count; past it the request is abandoned (its writes refuse to go, see `deadlines`) and
    answered 503 DEADLINE_EXCEEDED."""
    with deadlines.within(timeout) as deadline:
        try:
            async with asyncio.timeout_at(loop_time(deadline)) as limit:
                return await run()
        except TimeoutError:
            if not limit.expired():
                raise
            scope[STATE_KEY]["outcome"] = "unavailable"
            log.warning("request %s abandoned at its deadline", request_id)
            return unavailable_response(deadlines.CODE, DEADLINE_MESSAGE, request_id)


async def admit(
    request: Request, receive: Receive, services: Any, max_body: int, request_id: str
) -> Operation | Response:
    """The checks of a POST before GraphQL (and before the response cache): the refusal, or the operation."""
    headers = header_map(request.scope)
    declared = headers.get(b"content-length", b"")
    if declared.isdigit() and int(declared) > max_body:
        return too_large(max_body, request_id)
    principal, tenant, refusal = await authenticate(headers, services, request_id)
    if refusal is not None:
        return refusal
    media_type = headers.get(b"content-type", b"").decode("latin-1").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        # Checked here, not only by strawberry: a response-cache hit never reaches strawberry.
        return error_response(
            415, "UNSUPPORTED_MEDIA_TYPE", "send the operation as Content-Type: application/json", request_id
        )
    body = await read_body(receive, max_body)
    if body is None:
        return too_large(max_body, request_id)
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return error_response(400, "BAD_REQUEST", "the request body is not valid JSON", request_id)
    if not isinstance(document, dict) or not isinstance(document.get("query"), str):
        return error_response(
            400, "BAD_REQUEST", 'send a JSON object {"query": ..., "variables": ...}', request_id
        )
    if has_nul(document.get("variables")) or NUL_ESCAPE.search(document["query"]):
        # PostgreSQL text cannot hold U+0000; refuse it here rather than fail deep in a query.
        return error_response(
            400, "BAD_USER_INPUT", "text may not contain NUL characters (U+0000)", request_id
        )
    facts = document_facts(document["query"])
    if facts is not None and len(facts.operations) > 1 and not document.get("operationName"):
        return error_response(
            400,
            "OPERATION_NAME_REQUIRED",
            "the document has several operations: name the one to run in `operationName`",
            request_id,
        )
    return Operation(principal, tenant, document, body)


def labels(request: Request, document: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The request's correlation id, and the operation's names for logs and the bounded metrics label."""
    correlation = header_map(request.scope).get(b"x-correlation-id")
    name = document.get("operationName")
    if name is None or type(name) is str:
        operation, label = _names(document["query"], name, known)
    else:  # not a name (a client's mistake): not remembered
        operation, label = _names.__wrapped__(document["query"], name, known)
    return {
        "correlation_id": None if correlation is None else header_id(correlation.decode("latin-1")),
        "operation": operation,
        "label": label,
    }


@functools.lru_cache(maxsize=512)
def _names(query: str, name: Any, known: frozenset[str]) -> tuple[str, str]:
    """The operation's name for logs and its metrics label, remembered: they depend on nothing else, and
    clients send the same few documents again and again. As many as `document_facts` keeps, and filled by
    the same requests, so both hold the same query texts."""
    facts = document_facts(query)
    label = facts.label(name, known) if facts is not None else "other"
    return operation_name({"query": query, "operationName": name}), label


def header_map(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by their (lower-case) names, the first of a repeated one as Starlette's
    `Headers.get` gives it; one dict per request instead of a scan of the list per header asked for."""
    headers = scope.get(HEADERS_KEY)
    if headers is None:
        headers = scope[HEADERS_KEY] = dict(reversed(scope["headers"]))
    return headers


def loop_time(deadline: float) -> float:
    """A wall-clock deadline on the event loop's clock."""
    loop = asyncio.get_running_loop()
    return loop.time() + (deadline - time.time())


def unavailable_response(code: str, message: str, request_id: str) -> Response:
    return error_response(503, code, message, request_id, **{"Retry-After": "1"})


def fault(scope: Scope, exc: Exception, request_id: str) -> Response:
    """An error outside GraphQL's execution (the tenant lookup, the cache's head read, the view itself)."""
    state = scope.setdefault(STATE_KEY, {"request_id": request_id})
    if unavailable(exc):
        state["outcome"] = "unavailable"
        log.warning("request %s: the database is not answering (%s: %s)", request_id, type(exc).__name__, exc)
        return unavailable_response(UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE, request_id)
    state["outcome"] = "internal"
    log.error("request %s: unexpected %s", request_id, type(exc).__name__, exc_info=exc)
    return error_response(500, "INTERNAL_SERVER_ERROR", "internal error", request_id)


async def authenticate(
    headers: dict[bytes, bytes], services: Any, request_id: str
) -> tuple[Any, Any, Response | None]:
    def refuse(message: str) -> tuple[None, None, Response]:
        return (
            None,
            None,
            error_response(401, "UNAUTHENTICATED", message, request_id, **{"WWW-Authenticate": "Bearer"}),
        )

    raw = headers.get(b"authorization")
    header = None if raw is None else raw.decode("latin-1")
    if not header:
        return refuse("missing Authorization: Bearer <token>")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return refuse("malformed Authorization header: expected Bearer <token>")
    try:
        principal = verify_token(services.settings, token.strip())
    except AuthError as exc:
        return refuse(str(exc))
    tenant = await services.tenants.get(principal.tenant)
    if tenant is None:
        return refuse("the token names an unknown tenant")
    return principal, tenant, None


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` bytes (the rest is not read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def with_request_id(send: Send, request_id: str, state: dict[str, Any]) -> Send:
    """Adds x-request-id (once) and notes that the response has started (a late fault cannot answer)."""
    header = (b"x-request-id", request_id.encode("ascii"))

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            state["started"] = True
            headers = list(message.get("headers", []))
            if not any(name.lower() == b"x-request-id" for name, _ in headers):
                message = {**message, "headers": [*headers, header]}
        await send(message)

    return wrapped


def too_large(limit: int, request_id: str) -> Response:
    return error_response(413, "PAYLOAD_TOO_LARGE", f"the request body is over {limit} bytes", request_id)


def header_id(value: str | None) -> str | None:
    return value if value and SAFE_ID.fullmatch(value) else None


def request_id(scope: Scope) -> str:
    """The caller's X-Request-Id when it is safe text, else a new one; the middleware's when it ran."""
    if (known := scope.get(REQUEST_ID_KEY)) is not None:
        return known
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            return header_id(value.decode("latin-1")) or new_id()
    return new_id()


def new_id() -> str:
    """32 random hex digits, as `uuid4().hex` gave (without building a `UUID` for every request)."""
    return urandom(16).hex()
