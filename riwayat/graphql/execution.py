"""One operation of the /graphql endpoint, executed by graphql-core as strawberry's `Schema.execute` would
for this schema, without the extension runner around it.

The schema's only extension is `DocumentCache`'s; run through strawberry, each request also built an
execution context, an extensions runner with four async hook contexts, a middleware manager and two result
objects around graphql-core's `execute` (~75 µs of a 20-row page, about a tenth: `bench/RESULTS.md`).
Here the same steps are called directly, in strawberry's order and with its outcomes: the cached parse
(a syntax error, or the token limit, is the result's error), the operation's type (an unknown
`operationName` or a disallowed type raise strawberry's exceptions, which the endpoint answers 400), the
cached validation under the same rules (strawberry's defaults, its two own rules and ours), then
graphql-core's execution with our execution context; errors are logged as `RiwayatSchema.process_errors`
logs them. `Schema.execute` stays the way for every other caller (tests, tools).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, execute, get_operation_ast, specified_rules
from strawberry.exceptions import MissingQueryError
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from riwayat.graphql.errors import log_errors

STRAWBERRY_RULES = tuple(specified_rules)  # strawberry's `ExecutionContext.validation_rules` default


async def run(
    schema: Any,
    query: str,
    variables: dict[str, Any] | None,
    context: Any,
    operation_name: str | None,
    allowed: set[OperationType],
    extensions: dict[str, Any] | None = None,
) -> ExecutionResult:
    if not query:
        raise MissingQueryError
    cache = schema.documents
    try:
        document = cache.document(query, {})
    except GraphQLError as error:
        return _failed([error], context)
    except Exception as error:  # noqa: BLE001 - as strawberry: any parse fault is the result's error
        return _failed([GraphQLError(str(error), original_error=error)], context)
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        raise CannotGetOperationTypeError(operation_name)
    operation_type = OperationType(operation.operation.value)
    if operation_type not in allowed:
        raise InvalidOperationTypeError(operation_type)
    errors = cache.validate(schema._schema, query, document, (*STRAWBERRY_RULES, *cache.rules))
    if errors:
        return _failed(errors, context)
    result = execute(
        schema._schema,
        document,
        variable_values=variables,
        operation_name=operation_name,
        context_value=context,
        is_awaitable=optimized_is_awaitable,
        executor_class=schema.execution_context_class,
        operation_extensions=extensions,
    )
    if optimized_is_awaitable(result):
        result = await result
    if result.errors:
        log_errors(result.errors, context.request_id)
    return ExecutionResult(data=result.data, errors=result.errors, extensions={})


def _failed(errors: list[GraphQLError], context: Any) -> ExecutionResult:
    log_errors(errors, context.request_id)
    return ExecutionResult(data=None, errors=errors, extensions={})
