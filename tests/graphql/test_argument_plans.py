"""The arguments' conversion planned once per field (`guarded_resolvers._converter`) builds, for every
argument of every field of the schema, what strawberry's `convert_argument` builds from the same value:
given in full, with its optional fields left out, and with them null."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from strawberry.types.arguments import convert_argument
from strawberry.types.base import StrawberryList, StrawberryOptional, has_object_definition
from strawberry.types.enum import has_enum_definition
from strawberry.types.unset import UNSET

from riwayat.graphql.guarded_resolvers import _converter
from riwayat.graphql.schema import strawberry_schema

SCHEMA = strawberry_schema()
CONFIG, REGISTRY = SCHEMA.config, SCHEMA.schema_converter.scalar_registry
SAMPLES = {str: "Pegawai", int: 7, bool: True, float: 1.5, date: date(2024, 3, 1), Decimal: Decimal("1.25"),
           datetime: datetime(2024, 3, 1, 8, 0), uuid.UUID: uuid.UUID(int=5)}  # fmt: skip


def _arguments() -> list[tuple[str, Any]]:
    found = []
    for definition in SCHEMA.schema_converter.type_map.values():
        for field in getattr(definition.definition, "fields", ()):
            for argument in getattr(field, "arguments", ()):
                where = f"{definition.definition.name}.{field.name}({argument.python_name})"
                found.append((where, argument.type))
    return found


def _value(type_: Any, optional: str) -> Any:
    """A value as graphql-core hands it over; `optional`: "full", "left out" or "null" for optional fields."""
    if isinstance(type_, StrawberryOptional):
        return None if optional == "null" else _value(type_.of_type, optional)
    if isinstance(type_, StrawberryList):
        return [_value(type_.of_type, optional), _value(type_.of_type, optional)]
    if has_enum_definition(type_):
        return next(iter(type_))
    if has_object_definition(type_):
        value = {}
        for field in type_.__strawberry_definition__.fields:
            field_type = field.resolve_type(type_definition=type_.__strawberry_definition__)
            if optional == "left out" and isinstance(field_type, StrawberryOptional):
                continue
            value[CONFIG.name_converter.from_field(field)] = _value(field_type, optional)
        return value
    for python_type, sample in SAMPLES.items():
        if type_ is python_type or (isinstance(type_, type) and issubclass(type_, python_type)):
            return sample
    return "an-id"  # ID and the other text scalars


ARGUMENTS = _arguments()


def test_every_kind_of_argument_is_compared() -> None:
    inputs = [t for _, t in ARGUMENTS if has_object_definition(getattr(t, "of_type", t))]
    assert len(ARGUMENTS) > 40 and len(inputs) > 40


@pytest.mark.parametrize("optional", ["full", "left out", "null"])
def test_the_planned_conversion_builds_what_strawberry_builds(optional: str) -> None:
    for where, type_ in ARGUMENTS:
        value = _value(type_, optional)
        theirs = convert_argument(value, type_, REGISTRY, CONFIG, None, path=("a",))
        convert = _converter(type_, CONFIG, REGISTRY)
        ours = value if convert is None else convert(value, None, ("a",))
        assert type(ours) is type(theirs) and ours == theirs, where
        if isinstance(value, list):
            assert ours is not value, where  # a list is copied: graphql-core shares defaults
        if isinstance(ours, enum.Enum | str | int):
            assert ours is value, where


def test_unset_and_null_inputs_come_out_as_they_went_in() -> None:
    for _, type_ in ARGUMENTS:
        convert = _converter(type_, CONFIG, REGISTRY)
        if convert is not None and isinstance(type_, StrawberryOptional):
            assert convert(None, None, ("a",)) is None
            assert convert(UNSET, None, ("a",)) is UNSET
