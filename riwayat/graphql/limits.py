"""Bounds on what one request may ask for, and the caches that make repeated documents cheap."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from riwayat.graphql.document_cache import DocumentCache

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000
MAX_BODY_BYTES = 256 * 1024
CACHE_SIZE = 256
# The estimated number of fields an operation may resolve (see `CostLimit`): a 100-row page of employees
# with 50 events each is ~26,000; 30 aliases of 100 employees with 100 events each would be ~1.5 million.
MAX_COST = 100_000
MAX_FIRST = 100  # as `cursors.MAX_FIRST`: a `first` given by a variable is counted at its maximum
LIST_ESTIMATE = 100  # rows assumed for a list without `first` (all org units, all promotion candidates)
COST_CODE = "COST_LIMIT_EXCEEDED"


class CostLimit(ValidationRule):
    """Refuses, before execution, an operation whose estimated size is over `MAX_COST` fields.

    Each field costs 1 times the rows its ancestors multiply it by: a field with `first` multiplies what is
    below it by `first` (a literal; its schema default when absent; `MAX_FIRST` when a variable), another
    list of objects by `LIST_ESTIMATE`; the `edges` of a connection add nothing (their `first` counted).
    Depth and aliases are bounded by their own rules; this bounds their product, which they do not."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        schema = self.context.schema
        root = {
            OperationType.QUERY: schema.query_type,
            OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type,
        }.get(node.operation)
        if root is None:
            return
        cost = _cost(self.context, root, node.selection_set, 1, ())
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"the operation would resolve about {cost:,} fields, over the limit of {MAX_COST:,}: "
                    "ask for fewer rows (`first`), fewer aliases or less nesting",
                    node,
                    extensions={"code": COST_CODE},
                )
            )


def _cost(
    context: ValidationContext,
    parent: Any,
    selection_set: SelectionSetNode | None,
    multiplier: int,
    fragments: tuple[str, ...],
) -> int:
    if selection_set is None or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return 0
    total = 0
    for selection in selection_set.selections:
        if total > MAX_COST:
            break  # already refused: no need to count further
        if isinstance(selection, FieldNode):
            definition = parent.fields.get(selection.name.value)
            if definition is None:
                continue  # an unknown field is another rule's error
            total += multiplier
            rows = _rows(selection, definition, parent)
            child = get_named_type(definition.type)
            total += _cost(context, child, selection.selection_set, multiplier * rows, fragments)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            target = context.schema.get_type(condition.name.value) if condition else parent
            total += _cost(context, target, selection.selection_set, multiplier, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = context.get_fragment(name)
            if fragment is None or name in fragments:
                continue  # unknown or cyclic fragments are other rules' errors
            target = context.schema.get_type(fragment.type_condition.name.value)
            total += _cost(context, target, fragment.selection_set, multiplier, (*fragments, name))
    return total


def _rows(node: FieldNode, definition: Any, parent: Any) -> int:
    """How many times a field's selections are resolved per parent row."""
    if "first" in definition.args:
        given = next((a.value for a in node.arguments or () if a.name.value == "first"), None)
        if isinstance(given, IntValueNode):
            return max(1, min(int(given.value), MAX_FIRST))
        if given is None or isinstance(given, NullValueNode):
            default = definition.args["first"].default_value
            return default if isinstance(default, int) and default > 0 else MAX_FIRST
        return MAX_FIRST  # a variable: counted at its maximum
    is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
    if is_list and isinstance(get_named_type(definition.type), GraphQLObjectType):
        return 1 if parent.name.endswith("Connection") else LIST_ESTIMATE
    return 1


# The depth and alias rules are built once: `QueryDepthLimiter(...)` and `MaxAliasesLimiter(...)` would make
# a new rule class per request, and the validation cache, keyed by the rules, would then never hit
# (measured: validation was two thirds of a 20-row list request).
LIMIT_RULES = [depth_rule(MAX_DEPTH, None), alias_rule(MAX_ALIASES), CostLimit]


def document_cache(*, introspection: bool) -> DocumentCache:
    """Parse and validation cached per query text, with the token limit and the limit rules (and, when
    introspection is off, graphql-core's rule refusing it); its `extension()` goes in the schema."""
    rules = [*LIMIT_RULES] if introspection else [*LIMIT_RULES, NoSchemaIntrospectionCustomRule]
    return DocumentCache(CACHE_SIZE, MAX_TOKENS, rules)
