"""The /graphql endpoint: an ASGI layer that bounds the body, authenticates the bearer token and names the
tenant *before* any GraphQL is parsed, then hands the request to strawberry with a typed context.

Refusals here are JSON in GraphQL's error shape: 401 UNAUTHENTICATED (no, malformed, expired or badly
signed token, or an unknown tenant), 413 PAYLOAD_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE (not
`application/json`, checked before the response cache too), 400 BAD_REQUEST (a body that is not a JSON
object), 400 OPERATION_NAME_REQUIRED (several operations and no `operationName`, as the spec says), 405
(GraphQL queries only by POST), 503 DATABASE_UNAVAILABLE (the database does not answer — also for the
tenant lookup and the cache's head read, which run before GraphQL) and 503 DEADLINE_EXCEEDED (the request
ran past `RIWAYAT_REQUEST_TIMEOUT` and was abandoned before writing). GET without a query serves GraphiQL
when it is enabled; the page itself needs no token (its requests do).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import orjson
from cross_web import HTTPException  # what strawberry's views raise for HTTP refusals
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from riwayat.graphql import access, graphiql
from riwayat.graphql.context import Context
from riwayat.graphql.documents import SAFE_ID, document_facts, operation_name
from riwayat.graphql.errors import (
    DEADLINE_MESSAGE,
    RETRYABLE,
    UNAVAILABLE_CODE,
    UNAVAILABLE_MESSAGE,
    mask,
    outcome,
)
from riwayat.graphql.limits import MAX_BODY_BYTES
from riwayat.graphql.response_cache import ResponseCache
from riwayat.graphql.schema import build_schema
from riwayat.infra import deadlines
from riwayat.infra.auth import AuthError, verify_token
from riwayat.infra.database import unavailable

NUL_ESCAPE = re.compile(r"\\u(0000|\{0+\})", re.IGNORECASE)
STATE_KEY = "riwayat.graphql"
REQUEST_ID_KEY = "riwayat.request_id"  # set by the request middleware for every HTTP request
CONTEXT_FIELDS = ("services", "principal", "tenant", "request_id", "correlation_id", "operation")
ServicesGetter = Callable[[Scope], Any]
log = logging.getLogger("riwayat.graphql")


def error_response(status: int, code: str, message: str, request_id: str, **headers: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}
    return JSONResponse(body, status_code=status, headers={"X-Request-Id": request_id, **headers})


class RiwayatGraphQL(GraphQL):
    """strawberry's ASGI view with our context and the final masking of unexpected faults."""

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        state = request.scope[STATE_KEY]
        state["sub_response"] = response
        return Context(request=request, response=response, **{k: state[k] for k in CONTEXT_FIELDS})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """As strawberry's, but its HTTP refusals (e.g. an unsupported content type) are JSON too."""
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            rid = scope.get(STATE_KEY, {}).get("request_id") or _request_id(scope)
            response = error_response(exc.status_code, "BAD_REQUEST", exc.reason, rid)
        await response(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        """The same compact JSON as strawberry's `json.dumps` (UTF-8 rather than \\u escapes), by orjson:
        the stdlib encoder was 3% of an uncached `employees(first: 20)` request."""
        return orjson.dumps(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        state = request.scope[STATE_KEY]
        if result.errors:
            result.errors = mask(result.errors, state["request_id"])
            if any((e.extensions or {}).get("code") in RETRYABLE for e in result.errors):
                # The database did not answer (or the deadline passed): a 503 tells proxies and clients
                # to retry, where a 200 with "internal error" told them nothing.
                sub_response = state.get("sub_response")
                if sub_response is not None:
                    sub_response.status_code = 503
                    sub_response.headers["Retry-After"] = "1"
        state["outcome"] = outcome(result.errors, result.data)
        access.note(state, self.schema._schema, result.data)  # the read audit of personal data
        return await super().process_result(request, result)


class GraphQLEndpoint:
    """ASGI app for /graphql. `services` finds the running `Services` (built by the app's lifespan)."""

    def __init__(self, services: ServicesGetter | None = None, max_body: int = MAX_BODY_BYTES) -> None:
        self.services = services or (lambda scope: scope["app"].state.services)
        self.max_body = max_body
        self._views: dict[tuple[bool, bool], RiwayatGraphQL] = {}
        self._roots: dict[int, frozenset[str]] = {}
        self.cache = ResponseCache()

    def view(self, settings: Any) -> RiwayatGraphQL:
        key = (bool(settings.introspection), bool(settings.graphiql))
        if key not in self._views:
            self._views[key] = RiwayatGraphQL(
                build_schema(introspection=key[0]),
                graphql_ide="graphiql" if key[1] else None,
                allow_queries_via_get=False,
                multipart_uploads_enabled=False,
            )
        return self._views[key]

    def root_fields(self, view: RiwayatGraphQL) -> frozenset[str]:
        """The schema's Query and Mutation fields: the only values the metrics' `operation` label takes."""
        known = self._roots.get(id(view))
        if known is None:
            schema = view.schema._schema  # graphql-core's schema behind strawberry's
            known = frozenset(
                name for root in (schema.query_type, schema.mutation_type) if root for name in root.fields
            )
            self._roots[id(view)] = known
        return known

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = _request_id(scope)
        scope[STATE_KEY] = {"request_id": request_id}  # from here on, every log line and metric has it
        send = _with_request_id(send, request_id, scope[STATE_KEY])
        try:
            response = await self._bounded(scope, receive, send, request_id)
        except Exception as exc:  # noqa: BLE001 - answered as JSON, never as a text/plain 500
            response = _fault(scope, exc, request_id)
        if response is not None and not scope[STATE_KEY].get("started"):
            await response(scope, receive, send)

    async def _bounded(self, scope: Scope, receive: Receive, send: Send, request_id: str) -> Response | None:
        """`_handle` under the request's deadline: reading a slow body, waiting for the database and running
        the operation all count; past it the request is abandoned (its writes refuse to go, see
        `deadlines`) and answered 503 DEADLINE_EXCEEDED."""
        if scope["type"] != "http":
            return error_response(404, "NOT_FOUND", "only HTTP is served here", request_id)
        services = self.services(scope)
        with deadlines.within(services.settings.request_timeout) as deadline:
            try:
                async with asyncio.timeout_at(_loop_time(deadline)) as limit:
                    return await self._handle(scope, receive, send, request_id, services)
            except TimeoutError:
                if not limit.expired():
                    raise
                scope[STATE_KEY]["outcome"] = "unavailable"
                log.warning("request %s abandoned at its deadline", request_id)
                return _unavailable(deadlines.CODE, DEADLINE_MESSAGE, request_id)

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, request_id: str, services: Any
    ) -> Response | None:
        view = self.view(services.settings)
        request = Request(scope)
        if request.method == "GET" and "query" not in request.query_params:
            if not services.settings.graphiql:
                return error_response(404, "NOT_FOUND", "GraphiQL is disabled; POST GraphQL here", request_id)
            scope[STATE_KEY]["operation"] = "graphiql"
            return await graphiql.page(services, request_id)  # our own page: no CDN
        if request.method != "POST":
            return error_response(
                405, "METHOD_NOT_ALLOWED", "send GraphQL operations with POST", request_id, Allow="GET, POST"
            )
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            return _too_large(self.max_body, request_id)
        principal, tenant, refusal = await _authenticate(request, services, request_id)
        if refusal is not None:
            return refusal
        media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            # Checked here, not only by strawberry: a response-cache hit never reaches strawberry.
            return error_response(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "send the operation as Content-Type: application/json",
                request_id,
            )
        body = await _read_body(receive, self.max_body)
        if body is None:
            return _too_large(self.max_body, request_id)
        try:
            document = orjson.loads(body)
        except orjson.JSONDecodeError:
            return error_response(400, "BAD_REQUEST", "the request body is not valid JSON", request_id)
        if not isinstance(document, dict) or not isinstance(document.get("query"), str):
            return error_response(
                400, "BAD_REQUEST", 'send a JSON object {"query": ..., "variables": ...}', request_id
            )
        if _has_nul(document.get("variables")) or NUL_ESCAPE.search(document["query"]):
            # PostgreSQL text cannot hold U+0000; refuse it here rather than fail deep in a query.
            return error_response(
                400, "BAD_USER_INPUT", "text may not contain NUL characters (U+0000)", request_id
            )
        facts = document_facts(document["query"])
        name = document.get("operationName")
        if facts is not None and len(facts.operations) > 1 and not name:
            return error_response(
                400,
                "OPERATION_NAME_REQUIRED",
                "the document has several operations: name the one to run in `operationName`",
                request_id,
            )
        scope[STATE_KEY].update(
            services=services,
            principal=principal,
            tenant=tenant,
            correlation_id=_header_id(request.headers.get("x-correlation-id")),
            operation=operation_name(document),
            document=document,
            label=facts.label(name, self.root_fields(view)) if facts is not None else "other",
        )
        return await self._execute(scope, send, services, view, tenant, principal, document, body)

    async def _execute(
        self,
        scope: Scope,
        send: Send,
        services: Any,
        view: RiwayatGraphQL,
        tenant: Any,
        principal: Any,
        document: dict[str, Any],
        body: bytes,
    ) -> Response | None:
        key = (
            self.cache.key(tenant.slug, principal.roles, document, principal.subject)
            if services.settings.response_cache
            else None
        )
        if key is not None:
            head = await _head_position(services, tenant)
            kept = self.cache.get(key, head)
            if kept is not None:
                scope[STATE_KEY]["outcome"] = "ok"
                access.note_cached(scope[STATE_KEY], view.schema._schema, kept)
                return Response(
                    kept,
                    media_type="application/json",
                    headers={"X-Request-Id": scope[STATE_KEY]["request_id"]},
                )
            send = self.cache.recording(send, key, head)
        await view(scope, _replay(body), send)
        return None


def _loop_time(deadline: float) -> float:
    """A wall-clock deadline on the event loop's clock."""
    loop = asyncio.get_running_loop()
    return loop.time() + (deadline - time.time())


def _unavailable(code: str, message: str, request_id: str) -> Response:
    return error_response(503, code, message, request_id, **{"Retry-After": "1"})


def _fault(scope: Scope, exc: Exception, request_id: str) -> Response:
    """An error outside GraphQL's execution (the tenant lookup, the cache's head read, the view itself)."""
    state = scope.setdefault(STATE_KEY, {"request_id": request_id})
    if unavailable(exc):
        state["outcome"] = "unavailable"
        log.warning("request %s: the database is not answering (%s: %s)", request_id, type(exc).__name__, exc)
        return _unavailable(UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE, request_id)
    state["outcome"] = "internal"
    log.error("request %s: unexpected %s", request_id, type(exc).__name__, exc_info=exc)
    return error_response(500, "INTERNAL_SERVER_ERROR", "internal error", request_id)


async def _authenticate(request: Request, services: Any, request_id: str) -> tuple[Any, Any, Response | None]:
    def refuse(message: str) -> tuple[None, None, Response]:
        return (
            None,
            None,
            error_response(401, "UNAUTHENTICATED", message, request_id, **{"WWW-Authenticate": "Bearer"}),
        )

    header = request.headers.get("authorization")
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


async def _read_body(receive: Receive, limit: int) -> bytes | None:
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


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


async def _head_position(services: Any, tenant: Any) -> int:
    pool = await services.db.pool_for_tenant(tenant.slug)
    return await pool.fetchval(f"SELECT position FROM {tenant.schema}.head")


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _with_request_id(send: Send, request_id: str, state: dict[str, Any]) -> Send:
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


def _too_large(limit: int, request_id: str) -> Response:
    return error_response(413, "PAYLOAD_TOO_LARGE", f"the request body is over {limit} bytes", request_id)


def _header_id(value: str | None) -> str | None:
    return value if value and SAFE_ID.fullmatch(value) else None


def _request_id(scope: Scope) -> str:
    """The caller's X-Request-Id when it is safe text, else a new one; the middleware's when it ran."""
    if (known := scope.get(REQUEST_ID_KEY)) is not None:
        return known
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            return _header_id(value.decode("latin-1")) or uuid.uuid4().hex
    return uuid.uuid4().hex


def graphql_route(path: str = "/graphql", services: ServicesGetter | None = None) -> Route:
    """The route the composition root mounts: `Route("/graphql", GraphQLEndpoint())`."""
    return Route(path, GraphQLEndpoint(services), methods=None)
