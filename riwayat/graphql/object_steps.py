"""The completions of `executor`'s plain steps: per field a closure (check non-null, serialise, check the
serialised value), and for an object value one function per selection set, generated, that reads each
field and completes it in straight-line code with the common leaves inlined.

A page of 20 employees with 8 fields ran ~3 Python calls per field, 480 per page; the generated function
makes one call per row and one per field only where a serialiser must run. Inlined, with the same
outcome as the per-field completion they stand for:

- a `String` or `ID` field whose value is exactly a `str`: graphql-core's serialiser returns it unchanged;
  any other value (None, a subclass, a number) goes through the field's completion as before;
- an enum field: the member's GraphQL name from `fast_paths`' dict by the member's identity (members live
  as long as their enum, so an id found there is the member's); anything not found goes through the
  completion (strawberry's dict by member, then its own serialiser, or the refusal).

Any exception (the completion's `Unusual`, an attribute that raises, an unhashable value) leaves the step
as before: `executor` sends that field to graphql-core's general path. Only attribute names that are
Python identifiers are written into the code; response names are written as string literals.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from typing import Any

from graphql import Undefined
from graphql.type.scalars import serialize_id, serialize_string

Step = Callable[[Any], Any]
READ = "_riwayat_read"  # on a field's step: (attribute, completion of the attribute's value)
CONSTANT = "_riwayat_constant"  # on a `__typename` step: the type's name
LEAF = "_riwayat_leaf"  # on a leaf completion: its serialiser
NON_NULL = "_riwayat_non_null"  # on a non-null completion: the inner completion
NAMES = "_riwayat_names"  # on a `fast_paths` enum serialiser: id(member) -> GraphQL name
PASSTHROUGH = (serialize_string, serialize_id)  # a `str` comes out of these as it went in


class Unusual(Exception):
    """A plain step met a value graphql-core must judge itself (null for non-null, unexpected class)."""


def typename(type_name: str) -> Step:
    def step(_source: Any) -> Any:
        return type_name

    setattr(step, CONSTANT, type_name)
    return step


def non_null(inner: Step) -> Step:
    def complete(value: Any) -> Any:
        if value is None:
            raise Unusual
        return inner(value)

    setattr(complete, NON_NULL, inner)
    return complete


def listed(item: Step) -> Step:
    def complete(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not list and type(value) is not tuple:
            raise Unusual
        return [item(v) for v in value]

    return complete


def leaf(serialize: Callable[[Any], Any]) -> Step:
    def complete(value: Any) -> Any:
        if value is None:
            return None
        out = serialize(value)
        if out is None or out is Undefined:
            raise Unusual
        return out

    setattr(complete, LEAF, serialize)
    return complete


def generated(
    classes: tuple[type, ...],
    fields: list[tuple[str, Step]],
    checks_cast: bool,
    cast_attribute: str,
    unusual: type[Exception],
) -> Step | None:
    """The object's step, or None when a field's step is not one this can write out (the caller then
    keeps its per-field closures)."""
    namespace: dict[str, Any] = {
        "classes": classes, "isinstance": isinstance, "getattr": getattr, "str": str, "id": id,
        "Unusual": unusual, "CAST": cast_attribute,
    }  # fmt: skip
    cast = " or getattr(value, CAST, None)" if checks_cast else ""
    lines = [
        "def complete(value):",
        "    if value is None:",
        "        return None",
        f"    if not isinstance(value, classes){cast}:",
        "        raise Unusual",
    ]
    out = []
    for index, (response_name, step) in enumerate(fields):
        v = f"v{index}"
        out.append(f"{response_name!r}: {v}")
        if hasattr(step, CONSTANT):
            namespace[f"k{index}"] = getattr(step, CONSTANT)
            lines.append(f"    {v} = k{index}")
            continue
        read = getattr(step, READ, None)
        if read is None:
            return None
        attribute, completion = read
        namespace[f"c{index}"] = completion
        access = (
            f"value.{attribute}"
            if attribute.isidentifier() and not keyword.iskeyword(attribute)
            else f"getattr(value, {attribute!r})"
        )
        lines.append(f"    {v} = {access}")
        serialiser = _serialiser(completion)
        names = getattr(serialiser, NAMES, None)
        if serialiser in PASSTHROUGH:
            lines += [f"    if {v}.__class__ is not str:", f"        {v} = c{index}({v})"]
        elif names is not None:
            namespace[f"n{index}"] = names
            lines += [f"    r = n{index}.get(id({v}))", f"    {v} = c{index}({v}) if r is None else r"]
        else:
            lines.append(f"    {v} = c{index}({v})")
    lines.append("    return {" + ", ".join(out) + "}")
    exec("\n".join(lines), namespace)  # noqa: S102 - our own text: identifiers checked, names as literals
    return namespace["complete"]


def _serialiser(completion: Step) -> Any:
    """The serialiser of a (non-null) leaf completion, or None for any other completion."""
    inner = getattr(completion, NON_NULL, completion)
    return getattr(inner, LEAF, None)
