"""The execution context of our schema: graphql-core's executor, with *plain* fields completed by one step.

A page of 20 employees asks for ~200 fields; graphql-core runs each one through the same general
machinery (a `Path`, a resolve-info tuple, the resolver call, the awaitable check, `complete_value`'s
type dispatch, the serialiser). For most of them that machinery decides nothing: the field has no
arguments, no directives and the default resolver (one attribute read, see `fast_paths`), and its type
is a scalar or enum, or an object or list of objects whose selected fields are all plain too.

For such a field this context computes the value in one precompiled step per field, built once per
selection set of the operation (the same selection set serves every row of a list). The step is pure (it
only reads attributes and serialises), so it is all or nothing: on anything unusual — an exception, a
null where the type says non-null, a value of an unexpected class, a serialiser that refuses — the step is
dropped and graphql-core executes that field as it always does, producing exactly its errors, paths and
null propagation. Fields with resolvers, arguments, extensions (role checks), `@defer`/`@stream`,
interface- or union-typed fields always take the general path. `tests/graphql/test_executor.py` compares both
executors on the same documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
    Undefined,
)
from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from riwayat.graphql import object_steps
from riwayat.graphql.object_steps import Unusual, leaf, listed, non_null, typename

Step = Callable[[Any], Any]
ATTRIBUTE = "_riwayat_attribute"  # set by `fast_paths` on the default readers it installs
SAFE_SCALARS = {t.name for t in (GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean, GraphQLID)}
SAFE_SCALARS |= {"Date", "DateTime"}  # strawberry's: `isoformat()`, which refuses any other value


class PlainFieldsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context; `execute_fields` completes plain fields by their step."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[int, tuple[Any, list[Step | None] | None]] = {}
        self._plain = not getattr(self.middleware_manager, "middlewares", None)  # no resolver wrapping
        self._shareable = self._plain and not _has_directives(self.operation, self.fragment_definitions)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        steps = self._steps(parent_type, grouped_field_set) if position_context is None else None
        if steps is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        is_awaitable = self.is_awaitable
        try:
            for index, (response_name, field_details_list) in enumerate(grouped_field_set.items()):
                step = steps[index]
                if step is not None:
                    try:
                        results[response_name] = step(source_value)
                        continue
                    except Exception:  # noqa: BLE001 - graphql-core judges this field itself, below
                        steps[index] = None  # and every later row's: a field that failed once is general
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _gathered(results, awaitable_fields)

    def _steps(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> list[Step | None] | None:
        """This operation's steps for a selection set (None where a field is not plain; None if none is).

        Made once per operation, or taken from the steps of an earlier operation of the same (cached)
        document: without `@skip`/`@include` a selection set's fields do not depend on the variables, so
        the same field nodes under the same type always give the same steps."""
        known = self._plans.get(id(grouped_field_set))
        if known is not None:
            return known[1]
        steps: list[Step | None] | None = None
        if self._plain:
            shared_key = _shared_key(parent_type, grouped_field_set) if self._shareable else None
            shared = _SHARED.get(shared_key) if shared_key is not None else None
            if shared is not None:
                steps = shared[1]
            else:
                steps = [
                    self._step(parent_type, name, details) for name, details in grouped_field_set.items()
                ]
                if not any(steps):
                    steps = None
                if shared_key is not None:
                    _share(shared_key, (parent_type, grouped_field_set), steps)
            steps = None if steps is None else list(steps)  # this operation's own, see execute_fields
        self._plans[id(grouped_field_set)] = (grouped_field_set, steps)  # keeps the key's object alive
        return steps

    def _step(
        self, parent_type: GraphQLObjectType, response_name: str, field_details_list: Any
    ) -> Step | None:
        first = field_details_list[0].node
        if any(
            d.defer_usage is not None or d.fragment_variable_values is not None for d in field_details_list
        ):
            return None
        if any(d.node.directives or d.node.arguments for d in field_details_list):
            return None
        if first.name.value == "__typename":
            return typename(parent_type.name)
        field_def = self.schema.get_field(parent_type, first.name.value)
        attribute = getattr(getattr(field_def, "resolve", None), ATTRIBUTE, None)
        if field_def is None or attribute is None or field_def.args:
            return None
        complete = self._completion(field_def.type, field_details_list)
        if complete is None:
            return None

        def step(source: Any) -> Any:
            return complete(getattr(source, attribute))

        setattr(step, object_steps.READ, (attribute, complete))
        return step

    def _completion(self, return_type: Any, field_details_list: Any) -> Step | None:
        """What turns a resolved value of `return_type` into its response value, or None if not plain."""
        if isinstance(return_type, GraphQLNonNull):
            inner = self._completion(return_type.of_type, field_details_list)
            return None if inner is None else non_null(inner)
        if isinstance(return_type, GraphQLList):
            item = self._completion(return_type.of_type, field_details_list)
            return None if item is None or isinstance(return_type.of_type, GraphQLList) else listed(item)
        if isinstance(return_type, GraphQLEnumType) or return_type.name in SAFE_SCALARS:
            return leaf(return_type.coerce_output_value)
        if isinstance(return_type, GraphQLObjectType) and _is_type_of_known(return_type.is_type_of):
            classes = _classes(return_type.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF))
            collected = self.collect_subfields(return_type, field_details_list)
            if not classes or collected.new_defer_usages or collected.forbidden_directive_instances:
                return None
            steps = self._steps(return_type, collected.grouped_field_set)
            if steps is None or not all(steps):
                return None
            fields = list(zip(collected.grouped_field_set, steps, strict=True))
            checks_cast = return_type.is_type_of is not None
            return object_steps.generated(
                classes, fields, checks_cast, TYPE_CAST_ATTRIBUTE, Unusual
            ) or _object(classes, fields, checks_cast)
        return None


# Steps shared across operations, by (type, field nodes) ids; each entry keeps its type and nodes alive,
# so that no id in a key can be reused by another object while the entry exists.
_SHARED: dict[tuple[int, ...], tuple[Any, list[Step | None] | None]] = {}
SHARED_SIZE = 2000


def _shared_key(parent_type: Any, grouped_field_set: Any) -> tuple[int, ...]:
    return (id(parent_type), *(id(d.node) for details in grouped_field_set.values() for d in details))


def _share(key: tuple[int, ...], keep: Any, steps: list[Step | None] | None) -> None:
    if len(_SHARED) >= SHARED_SIZE:
        _SHARED.pop(next(iter(_SHARED)))  # the oldest: documents come and go with the parser cache
    _SHARED[key] = (keep, steps)


_DIRECTIVES: dict[int, tuple[Any, bool]] = {}


def _has_directives(operation: Any, fragments: dict[str, Any]) -> bool:
    """Whether any selection of the operation (or its fragments) carries a directive; known per node."""
    known = _DIRECTIVES.get(id(operation))
    if known is None or known[0] is not operation:
        found = any(_directives_in(node.selection_set) for node in (operation, *fragments.values()))
        if len(_DIRECTIVES) >= SHARED_SIZE:
            _DIRECTIVES.pop(next(iter(_DIRECTIVES)))
        known = _DIRECTIVES[id(operation)] = (operation, found)
    return known[1]


def _directives_in(selection_set: Any) -> bool:
    if selection_set is None:
        return False
    return any(
        selection.directives or _directives_in(getattr(selection, "selection_set", None))
        for selection in selection_set.selections
    )


def _is_type_of_known(is_type_of: Any) -> bool:
    """None, or the predicate strawberry makes for a type with interfaces (`schema_converter`): it is
    True for an instance of the type's own class that carries no `strawberry.cast`, which `_object`
    checks without it; any other predicate is the general path's to call."""
    return is_type_of is None or getattr(is_type_of, "__qualname__", "").endswith(
        "_get_is_type_of.<locals>.is_type_of"
    )


def _classes(definition: Any) -> tuple[type, ...]:
    """The Python classes whose instances a type's values are: its own, and for a specialised generic
    (`Edge[Employee]`) the generic's, which is what such values are made of."""
    origin = getattr(definition, "origin", None)
    concrete_of = getattr(getattr(definition, "concrete_of", None), "origin", None)
    return tuple(c for c in (origin, concrete_of) if isinstance(c, type))


def _object(classes: tuple[type, ...], fields: list[tuple[str, Step]], checks_cast: bool) -> Step:
    def complete(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, classes) or (checks_cast and getattr(value, TYPE_CAST_ATTRIBUTE, None)):
            raise Unusual
        return {name: step(value) for name, step in fields}

    return complete


async def _gathered(results: dict[str, Any], awaitable_fields: list[str]) -> dict[str, Any]:
    """As graphql-core's `execute_fields`: the awaitable fields awaited together, in place."""
    if len(awaitable_fields) == 1:
        field = awaitable_fields[0]
        results[field] = await results[field]
    else:
        awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
        results.update(zip(awaitable_fields, awaited, strict=True))
    return results
