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

from collections.abc import Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from riwayat.graphql import access, execution, graphiql, pipeline
from riwayat.graphql.context import Context
from riwayat.graphql.errors import RETRYABLE, mask, outcome
from riwayat.graphql.head_reads import SharedHeadReads
from riwayat.graphql.limits import MAX_BODY_BYTES
from riwayat.graphql.pipeline import REQUEST_ID_KEY, STATE_KEY, error_response
from riwayat.graphql.pipeline import request_id as _request_id
from riwayat.graphql.response_cache import ResponseCache
from riwayat.graphql.schema import build_schema

__all__ = ["REQUEST_ID_KEY", "STATE_KEY", "GraphQLEndpoint", "_request_id", "graphql_route"]
CONTEXT_FIELDS = ("services", "principal", "tenant", "request_id", "correlation_id", "operation")
ServicesGetter = Callable[[Scope], Any]


POST_OPERATIONS = OperationType.from_http("POST")


def _process(state: dict[str, Any], schema: Any, result: ExecutionResult) -> dict[str, Any]:
    """The response body: unexpected faults masked, a 503 (with Retry-After) when the database did not
    answer or the deadline passed — a 200 with "internal error" told proxies and clients nothing — and
    the outcome and the read audit of personal data noted for the request log."""
    if result.errors:
        result.errors = mask(result.errors, state["request_id"])
        if any((e.extensions or {}).get("code") in RETRYABLE for e in result.errors):
            state["sub_response"].status_code = 503
            state["sub_response"].headers["Retry-After"] = "1"
    state["outcome"] = outcome(result.errors, result.data)
    access.note(state, schema._schema, result.data)
    return process_result(result)


class GraphQLEndpoint:
    """ASGI app for /graphql. `services` finds the running `Services` (built by the app's lifespan)."""

    def __init__(self, services: ServicesGetter | None = None, max_body: int = MAX_BODY_BYTES) -> None:
        self.services = services or (lambda scope: scope["app"].state.services)
        self.max_body = max_body
        self._roots: dict[int, frozenset[str]] = {}
        self.cache = ResponseCache()
        self.heads = SharedHeadReads()

    def root_fields(self, schema: Any) -> frozenset[str]:
        """The schema's Query and Mutation fields: the only values the metrics' `operation` label takes."""
        known = self._roots.get(id(schema))
        if known is None:
            core = schema._schema  # graphql-core's schema behind strawberry's
            known = frozenset(
                name for root in (core.query_type, core.mutation_type) if root for name in root.fields
            )
            self._roots[id(schema)] = known
        return known

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = _request_id(scope)
        scope[STATE_KEY] = {"request_id": request_id}  # from here on, every log line and metric has it
        send = pipeline.with_request_id(send, request_id, scope[STATE_KEY])
        try:
            response = await self._bounded(scope, receive, send, request_id)
        except Exception as exc:  # noqa: BLE001 - answered as JSON, never as a text/plain 500
            response = pipeline.fault(scope, exc, request_id)
        if response is not None and not scope[STATE_KEY].get("started"):
            await response(scope, receive, send)

    async def _bounded(self, scope: Scope, receive: Receive, send: Send, request_id: str) -> Response | None:
        if scope["type"] != "http":
            return error_response(404, "NOT_FOUND", "only HTTP is served here", request_id)
        services = self.services(scope)
        return await pipeline.within_deadline(
            scope,
            services.settings.request_timeout,
            request_id,
            lambda: self._handle(scope, receive, send, request_id, services),
        )

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, request_id: str, services: Any
    ) -> Response | None:
        schema = build_schema(introspection=bool(services.settings.introspection))
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
        admitted = await pipeline.admit(request, receive, services, self.max_body, request_id)
        if isinstance(admitted, Response):
            return admitted
        scope[STATE_KEY].update(
            services=services,
            principal=admitted.principal,
            tenant=admitted.tenant,
            document=admitted.document,
            **pipeline.labels(request, admitted.document, self.root_fields(schema)),
        )
        return await self._execute(scope, send, services, schema, admitted)

    async def _execute(
        self, scope: Scope, send: Send, services: Any, schema: Any, op: pipeline.Operation
    ) -> Response | None:
        """The admitted operation, answered from the response cache (when on and fresh) or by strawberry."""
        key = (
            self.cache.key(op.tenant.slug, op.principal.roles, op.document, op.principal.subject)
            if services.settings.response_cache
            else None
        )
        if key is not None:
            head = await self.heads.position(op.tenant.slug, lambda: _head_position(services, op.tenant))
            kept = self.cache.get(key, head)
            if kept is not None:
                scope[STATE_KEY]["outcome"] = "ok"
                access.note_cached(scope[STATE_KEY], schema._schema, kept)
                return Response(
                    kept,
                    media_type="application/json",
                    headers={"X-Request-Id": scope[STATE_KEY]["request_id"]},
                )
            send = self.cache.recording(send, key, head)
        response = await self._run(scope, schema, op)
        await response(scope, pipeline.replay(b""), send)
        return None

    async def _run(self, scope: Scope, schema: Any, op: pipeline.Operation) -> Response:
        """The operation, as strawberry's HTTP view would run it for a POST (its checks and messages kept),
        without the view's request adapters, content negotiation, upload and WebSocket branches (what
        reaches here is already a parsed JSON object from `pipeline.admit`), by `execution.run`."""
        state = scope[STATE_KEY]
        document = op.document
        variables, extensions = document.get("variables"), document.get("extensions")
        for name, value in (("variables", variables), ("extensions", extensions)):
            if value is not None and not isinstance(value, dict):
                reason = f"The GraphQL operation's `{name}` must be an object or null, if provided."
                return error_response(400, "BAD_REQUEST", reason, state["request_id"])
        sub_response = state["sub_response"] = Response()
        sub_response.status_code = None  # type: ignore[assignment] # as strawberry's view: set by _process
        del sub_response.headers["content-length"]
        context = Context(
            request=Request(scope), response=sub_response, **{k: state[k] for k in CONTEXT_FIELDS}
        )
        try:
            result = await execution.run(
                schema, document["query"], variables, context, document.get("operationName"), POST_OPERATIONS,
                extensions,
            )  # fmt: skip
        except CannotGetOperationTypeError as exc:
            return error_response(400, "BAD_REQUEST", exc.as_http_error_reason(), state["request_id"])
        except InvalidOperationTypeError as exc:
            return error_response(400, "BAD_REQUEST", exc.as_http_error_reason("POST"), state["request_id"])
        except MissingQueryError:
            return error_response(
                400, "BAD_REQUEST", "No GraphQL query found in the request", state["request_id"]
            )
        body = _process(state, schema, result)
        response = Response(
            orjson.dumps(body), status_code=sub_response.status_code or 200, media_type="application/json"
        )
        response.headers.raw.extend(sub_response.headers.raw)
        return response


async def _head_position(services: Any, tenant: Any) -> int:
    pool = await services.db.pool_for_tenant(tenant.slug)
    return await pool.fetchval(f"SELECT position FROM {tenant.schema}.head")


def graphql_route(path: str = "/graphql", services: ServicesGetter | None = None) -> Route:
    """The route the composition root mounts: `Route("/graphql", GraphQLEndpoint())`."""
    return Route(path, GraphQLEndpoint(services), methods=None)
