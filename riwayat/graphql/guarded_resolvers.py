"""A shorter call of a role-checked async resolver, the same steps as strawberry's: every Query field (and
the per-row guarded fields of `Employee`) has one `RoleCheck` extension and an async resolver.

For such a field strawberry's resolver builds an `Info`, converts the arguments (camel-casing each name and
walking each value's type), builds the extension chain with `functools.reduce`/`partial` and two closures,
calls the check, then the resolver through `StrawberryField.get_result` and `StrawberryResolver.__call__`,
and awaits it with `await_maybe`: about a tenth of the Python of an uncached page. `install` swaps it, for
fields where nothing else is in play, for one coroutine doing the same in the same order: the same `Info`,
the conversion (planned once per argument by `_converter`: a scalar or an enum comes out of
`convert_argument` as it went in, and an input object is its fields' values; strawberry's own
`convert_argument` for lists and anything unusual), the role check, then the resolver. Anything else —
other extensions, exception handlers, `self`/`root`/`parent` parameters, a sync resolver — keeps
strawberry's resolver. `tests/graphql/test_guarded_resolvers.py` runs both on the same
documents; `tests/graphql/test_argument_plans.py` compares the conversions on every argument.
"""

from __future__ import annotations

from dataclasses import MISSING
from typing import Any

import strawberry
from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.extensions.field_extension import FieldExtension
from strawberry.relay.types import GlobalID
from strawberry.scalars import is_scalar
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_argument
from strawberry.types.base import StrawberryOptional, has_object_definition
from strawberry.types.enum import has_enum_definition
from strawberry.types.unset import UNSET

from riwayat.graphql.permissions import RoleCheck

PLAIN = (str, int, bool, float, strawberry.ID)


def install(strawberry_schema: Any) -> None:
    core: GraphQLSchema = strawberry_schema._schema
    for named in core.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field in named.fields.values():
            shorter = _shorter(strawberry_schema, field)
            if shorter is not None:
                field.resolve = shorter


def _shorter(strawberry_schema: Any, graphql_field: Any) -> Any:
    resolve = graphql_field.resolve
    if getattr(resolve, "__qualname__", "") != "GraphQLCoreConverter.from_resolver.<locals>._async_resolver":
        return None
    cells = dict(zip(resolve.__code__.co_freevars, resolve.__closure__ or (), strict=True))
    handlers = cells.get("field_exception_handlers")
    if handlers is None or handlers.cell_contents:
        return None
    field = graphql_field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolver = getattr(field, "base_resolver", None)
    if resolver is None or not field.is_async or not callable(resolver.wrapped_func):
        return None
    if resolver.self_parameter or resolver.parent_parameter or resolver.root_parameter:
        return None
    extensions = field.extensions
    if len(extensions) != 1 or type(extensions[0]) is not RoleCheck:
        return None
    if type(extensions[0]).map_arguments is not FieldExtension.map_arguments:
        return None
    config = strawberry_schema.config
    registry = strawberry_schema.schema_converter.scalar_registry
    arguments = [
        (
            config.name_converter.from_argument(argument),
            argument.python_name,
            _converter(argument.type, config, registry),
        )
        for argument in field.arguments
    ]
    info_name = resolver.info_parameter.name if resolver.info_parameter else None
    return _resolver(field, resolver.wrapped_func, extensions[0], arguments, info_name, config, registry)


def _resolver(
    field: Any, call: Any, check: RoleCheck, arguments: list[Any], info_name: str | None, config: Any,
    registry: Any,
) -> Any:  # fmt: skip
    info_class = config.info_class
    allowed = check._allowed

    async def resolve(_source: Any, info: Any, **given: Any) -> Any:
        strawberry_info = info_class(_raw_info=info, _field=field)
        kwargs: dict[str, Any] = {}
        for name, python_name, convert in arguments:
            if name in given:
                value = given[name]
                kwargs[python_name] = value if convert is None else convert(value, strawberry_info, (name,))
        allowed(strawberry_info)
        if info_name is not None:
            kwargs[info_name] = strawberry_info
        return await call(**kwargs)

    resolve._riwayat_guarded = True  # type: ignore[attr-defined] # what the tests look for
    return resolve


def _converter(type_: Any, config: Any, registry: Any) -> Any:
    """What `convert_argument` does for `type_`, planned once: None for a value that comes out as it went
    in (a scalar or an enum, optional or not: graphql-core has already parsed it), a function building an
    input object from its fields' plans, or `convert_argument` itself for anything else (lists, which it
    copies, `Maybe`, lazy types, an input with its own `from_input`)."""
    inner = type_.of_type if type(type_) is StrawberryOptional else type_
    if any(inner is t for t in PLAIN) or has_enum_definition(inner) or _scalar(inner, registry):
        return None
    definition = inner.__strawberry_definition__ if has_object_definition(inner) else None
    if definition is None or not definition.is_input or definition.from_input is not None:

        def general(value: Any, info: Any, path: tuple) -> Any:
            return convert_argument(value, type_, registry, config, info, path=path)

        return general
    fields = [
        (config.name_converter.from_field(f), f.python_name,
         _converter(f.resolve_type(type_definition=definition), config, registry))
        for f in definition.fields
    ]  # fmt: skip
    unset = {
        f.python_name: None
        for f in definition.fields
        if f.default_value is MISSING and f.default_factory is MISSING
    }

    def build(value: Any, info: Any, path: tuple) -> Any:
        if value is None or value is UNSET:
            return value
        kwargs = dict(unset)
        for name, python_name, convert in fields:
            if name in value:
                given = value[name]
                kwargs[python_name] = given if convert is None else convert(given, info, (*path, name))
        return inner(**kwargs)

    return build


def _scalar(type_: Any, registry: Any) -> bool:
    try:
        return type_ is not GlobalID and is_scalar(type_, registry)
    except TypeError:  # unhashable: a list or another wrapper
        return False
