"""Cheaper per-field steps for the built schema, the same answers: what strawberry runs for every field of
every row (a page of 20 employees is ~200 fields) that need not be more than one attribute read.

- A field without resolver or extensions ("basic" in strawberry's words) is resolved by
  `_get_basic_result` → `StrawberryField.get_result` → `getattr`: three Python calls per field where one
  does the same read (`default_resolver` is `getattr` in our config; checked below).
- A strawberry enum is serialised by scanning its values for the member's value; a dict from member to
  GraphQL name answers the same (an unknown value still falls through to the scan's error).
- strawberry's argument conversion camel-cases each argument's Python name on every call; `RememberedNames`
  (the schema's name converter) gives the same name from a dict after the first time.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLEnumType, GraphQLObjectType, GraphQLSchema
from strawberry.schema.name_converter import NameConverter


def install(schema: GraphQLSchema, default_resolver: Any) -> None:
    """Swaps the per-field steps of `schema` (graphql-core's schema behind strawberry's), once, at build."""
    if default_resolver is not getattr:
        return  # another default resolver: strawberry's own path keeps its behaviour
    for named in schema.type_map.values():
        if named.name.startswith("__"):
            continue
        if isinstance(named, GraphQLObjectType):
            for field in named.fields.values():
                if getattr(field.resolve, "_is_default", False):
                    field.resolve = _reader(_python_name(field.resolve, field))
        elif isinstance(named, GraphQLEnumType) and hasattr(named, "wrapped_cls"):
            _fast_enum(named)


def _python_name(resolve: Any, field: Any) -> str:
    """The attribute strawberry's basic resolver reads: its `StrawberryField.python_name`."""
    closure = dict(zip(resolve.__code__.co_freevars, resolve.__closure__ or (), strict=True))
    return closure["field"].cell_contents.python_name


def _reader(name: str) -> Any:
    def resolve(source: Any, _info: Any, **_kwargs: Any) -> Any:
        return getattr(source, name)

    resolve._is_default = True  # type: ignore[attr-defined] # as strawberry marks its own
    resolve._riwayat_attribute = name  # type: ignore[attr-defined] # what `executor` reads in one step
    return resolve


def _fast_enum(enum_type: Any) -> None:
    wrapped = enum_type.wrapped_cls
    by_value = {value.value: name for name, value in enum_type.values.items()}
    names = {member: by_value[member.value] for member in wrapped if member.value in by_value}
    general = enum_type.coerce_output_value

    def coerce_output_value(output_value: Any) -> Any:
        try:
            return names[output_value]
        except (KeyError, TypeError):  # not a member (or unhashable): strawberry's own path
            return general(output_value)

    # For `object_steps`: the same names by the member's identity (an enum's `__hash__` is Python code).
    coerce_output_value._riwayat_names = {id(m): n for m, n in names.items()}  # type: ignore[attr-defined]
    enum_type.coerce_output_value = coerce_output_value
    enum_type.serialize = coerce_output_value


class RememberedNames(NameConverter):
    """strawberry's names, each Python name camel-cased once: its argument conversion asks for the GraphQL
    name of every argument of every resolver call (`to_camel_case`, a regex and a join, each time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._names: dict[tuple[bool, str], str] = {}

    def apply_naming_config(self, name: str) -> str:
        key = (self.auto_camel_case, name)
        known = self._names.get(key)
        if known is None:
            known = self._names[key] = super().apply_naming_config(name)
        return known
