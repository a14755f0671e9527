"""What the edge reads of a GraphQL document before GraphQL runs it: a label for logs (`operation_name`),
the operations' names and root fields (`document_facts`: the multiple-operations rule and the bounded
metrics label)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import graphql

from riwayat.graphql.limits import MAX_TOKENS

SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class DocumentFacts:
    """What the edge needs to know of a document before GraphQL runs it: its operations' names and root
    fields (for the multiple-operations rule and the bounded metrics label)."""

    operations: tuple[tuple[str | None, tuple[str, ...]], ...]

    def label(self, name: object, known: frozenset[str]) -> str:
        """The operation's root field if it has one the schema knows, else "multiple" or "other"."""
        chosen = [fields for op, fields in self.operations if op == name] if name else []
        fields = chosen[0] if chosen else self.operations[0][1] if self.operations else ()
        roots = {f for f in fields if f != "__typename"}
        if roots and roots <= {"__schema", "__type"}:
            return "introspection"
        roots -= {"__schema", "__type"}
        if len(roots) > 1:
            return "multiple"
        if len(roots) == 1 and (root := next(iter(roots))) in known:
            return root
        return "other"


@functools.lru_cache(maxsize=512)
def document_facts(query: str) -> DocumentFacts | None:
    """The facts of a document, or None when it does not parse (GraphQL reports that itself).
    Remembered: clients send the same few documents again and again."""
    try:
        parsed = graphql.parse(query, no_location=True, max_tokens=MAX_TOKENS)
    except graphql.GraphQLError:
        return None
    fragments = {d.name.value: d for d in parsed.definitions if isinstance(d, graphql.FragmentDefinitionNode)}
    operations = tuple(
        (d.name.value if d.name else None, tuple(_root_fields(d.selection_set, fragments, set())))
        for d in parsed.definitions
        if isinstance(d, graphql.OperationDefinitionNode)
    )
    return DocumentFacts(operations)


def _root_fields(selection_set: Any, fragments: dict[str, Any], seen: set[str]) -> list[str]:
    names: list[str] = []
    for selection in selection_set.selections:
        if isinstance(selection, graphql.FieldNode):
            names.append(selection.name.value)
        elif isinstance(selection, graphql.InlineFragmentNode):
            names.extend(_root_fields(selection.selection_set, fragments, seen))
        elif isinstance(selection, graphql.FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and selection.name.value not in seen:
                seen.add(selection.name.value)
                names.extend(_root_fields(fragment.selection_set, fragments, seen))
    return names


_NAMED = re.compile(r"^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")
_FIRST_FIELD = re.compile(r"{\s*(?:[_A-Za-z][_0-9A-Za-z]*\s*:\s*)?([_A-Za-z][_0-9A-Za-z]*)")


def operation_name(document: dict[str, Any]) -> str:
    """A label for metrics and logs: the operation's name, else its first field (bounded, safe text)."""
    name = document.get("operationName")
    if not isinstance(name, str) or not SAFE_ID.match(name):
        query = document["query"][:2000]
        match = _NAMED.match(query) or _FIRST_FIELD.search(query)
        name = match.group(1) if match else "anonymous"
    return name[:64]
