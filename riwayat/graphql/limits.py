"""Bounds on what one request may ask for, and the caches that make repeated documents cheap."""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000
MAX_BODY_BYTES = 256 * 1024
CACHE_SIZE = 256


def extensions(*, introspection: bool) -> list[Callable[[], SchemaExtension]]:
    """Factories, so each request gets its own extension instances (strawberry's recommended form)."""
    factories: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=CACHE_SIZE),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: ValidationCache(maxsize=CACHE_SIZE),
    ]
    if not introspection:
        factories.append(DisableIntrospection)
    return factories
