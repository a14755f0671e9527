"""Bounds on what one request may ask for, and the caches that make repeated documents cheap."""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000
MAX_BODY_BYTES = 256 * 1024
CACHE_SIZE = 256


# The depth and alias rules are built once: `QueryDepthLimiter(...)` and `MaxAliasesLimiter(...)` would make
# a new rule class per request, and the validation cache, keyed by the rules, would then never hit
# (measured: validation was two thirds of a 20-row list request).
LIMIT_RULES = [depth_rule(MAX_DEPTH, None), alias_rule(MAX_ALIASES)]


def extensions(*, introspection: bool) -> list[Callable[[], SchemaExtension]]:
    """Factories, so each request gets its own extension instances (strawberry's recommended form)."""
    factories: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=CACHE_SIZE),
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: ValidationCache(maxsize=CACHE_SIZE),
    ]
    if not introspection:
        factories.append(DisableIntrospection)
    return factories
