"""Parse and validate a query text once per schema: one extension for what four of strawberry's did.

strawberry's `MaxTokensLimiter`, `ParserCache`, `AddValidationRules` and `ValidationCache` (with
`DisableIntrospection`, one more `AddValidationRules`) each ran their hooks on every request, and the
validation cache keyed its LRU by the parsed document, whose hash walks the whole syntax tree each time.
Here the query text is the key of both: the same text always parses to the same document (so one document
object serves every repetition, which `executor`'s shared steps rely on), and validates the same way under
the same rules. Errors come out as from strawberry's own: a parse error (also the token limit) raised from
the parse hook, validation errors as the operation's pre-execution errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document


class DocumentCache:
    """Bounded maps from query text to its document and to its validation errors (oldest out first)."""

    def __init__(self, size: int, max_tokens: int, rules: Sequence[Any]) -> None:
        self.size, self.max_tokens, self.rules = size, max_tokens, tuple(rules)
        self.documents: dict[str, Any] = {}
        self.errors: dict[tuple[str, tuple[Any, ...]], list[GraphQLError]] = {}

    def document(self, query: str, options: dict[str, Any]) -> Any:
        known = self.documents.get(query) if not options else None
        if known is None:
            known = parse(query, max_tokens=self.max_tokens, **options)
            if not options:
                _bounded_put(self.documents, query, known, self.size)
        return known

    def validate(self, schema: Any, query: str, document: Any, rules: tuple[Any, ...]) -> list[GraphQLError]:
        key = (query, rules)
        known = self.errors.get(key)
        if known is None:
            known = validate_document(schema, document, rules)
            _bounded_put(self.errors, key, known, self.size)
        return known

    def extension(self) -> Callable[[], SchemaExtension]:
        """The factory for the schema's `extensions` (a new, small instance per request)."""
        return lambda: CachedDocuments(self)


def _bounded_put(cache: dict[Any, Any], key: Any, value: Any, size: int) -> None:
    if len(cache) >= size:
        cache.pop(next(iter(cache)))
    cache[key] = value


class CachedDocuments(SchemaExtension):
    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        context.graphql_document = self.cache.document(context.query, context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        rules = (*context.validation_rules, *self.cache.rules)
        context.validation_rules = rules
        context.pre_execution_errors = self.cache.validate(
            context.schema._schema, context.query, context.graphql_document, rules
        )
        yield
