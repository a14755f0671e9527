"""Which fields of the API are personal data of a data subject, and which of them a response showed.

Declared per GraphQL type (the API's words, as frontends and auditors read them): the personal fields, and
the field that names the subject. `Event.data` (history, auditLog) is personal when the event's data holds
one of `PERSONAL_DATA_KEYS`. A response is looked at through its document, never its text: `plan` walks the
operation's selections once per document (cached) and answers None when nothing personal can be asked;
`shown` walks the data along that plan and returns {subject: [fields]} for the personal fields that came
back non-null — a masked field (null for a `viewer`) shows nothing and logs nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import graphql

# type -> (the field naming the subject, the personal fields)
PERSONAL: dict[str, tuple[str, frozenset[str]]] = {
    "Employee": ("id", frozenset({"birthDate"})),
    "LeaveRequest": ("employeeId", frozenset({"reason", "address"})),  # a sick leave's reason is health data
    "Event": ("streamId", frozenset({"data"})),
    "Query": ("", frozenset({"subjectDataReport"})),  # everything held about one person (JSON)
}
# Keys of an event's data that are personal data (birth, contact, address, health, identity numbers).
PERSONAL_DATA_KEYS = frozenset({
    "birth_date", "birthplace", "reporter_contact", "reporter_name", "address", "phone", "email", "nik",
    "contact", "reason_detail",
})  # fmt: skip
UNIDENTIFIED = "?"


@dataclass
class Node:
    """The selections on one object type: response key -> (field name, child node or None)."""

    type_name: str
    children: dict[str, tuple[str, Node | None]] = field(default_factory=dict)
    subject_key: str | None = None  # the response key holding the subject's id, when selected
    personal: dict[str, str] = field(default_factory=dict)  # response key -> personal field name
    any_personal: bool = False


def _named(t: graphql.GraphQLOutputType) -> graphql.GraphQLNamedType:
    return graphql.get_named_type(t)


def _build(schema: Any, doc: Any, type_: Any, sel: Any, node: Node) -> None:
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, graphql.FragmentDefinitionNode)}
    for s in sel.selections:
        if isinstance(s, graphql.FieldNode):
            name = s.name.value
            key = s.alias.value if s.alias else name
            fields = getattr(type_, "fields", {})
            if name not in fields:
                continue
            declared = PERSONAL.get(node.type_name)
            if declared and name == declared[0]:
                node.subject_key = key
            if declared and name in declared[1]:
                node.personal[key] = name
                node.any_personal = True
            child_type = _named(fields[name].type)
            child = None
            if s.selection_set is not None:
                child = node.children.get(key, (name, None))[1] or Node(child_type.name)
                _build(schema, doc, child_type, s.selection_set, child)
                node.any_personal |= child.any_personal
            node.children[key] = (name, child)
        else:
            frag = fragments.get(s.name.value) if isinstance(s, graphql.FragmentSpreadNode) else s
            if frag is None:
                continue
            cond = frag.type_condition.name.value if frag.type_condition else node.type_name
            target = schema.get_type(cond) or type_
            if cond != node.type_name and cond in PERSONAL:  # `... on Employee` under a Node field
                node.type_name = cond
            _build(schema, doc, target, frag.selection_set, node)


@functools.lru_cache(maxsize=512)
def plan(schema: graphql.GraphQLSchema, query: str, operation: str | None) -> Node | None:
    """The root node of the operation to run, or None when it selects nothing personal (or fails to parse:
    then GraphQL answers with errors and no data)."""
    try:
        doc = graphql.parse(query)
    except graphql.GraphQLError:
        return None
    ops = [d for d in doc.definitions if isinstance(d, graphql.OperationDefinitionNode)]
    chosen = [o for o in ops if operation is None or (o.name and o.name.value == operation)]
    if not chosen:
        return None
    op = chosen[0]
    root = schema.get_root_type(op.operation)
    if root is None:
        return None
    node = Node(root.name)
    _build(schema, doc, root, op.selection_set, node)
    return node if node.any_personal else None


def shown(node: Node, data: Any) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    _walk(node, data, UNIDENTIFIED, found)
    return {subject: sorted(fields) for subject, fields in found.items()}


def _walk(node: Node, data: Any, subject: str, found: dict[str, set[str]]) -> None:
    if isinstance(data, list):
        for item in data:
            _walk(node, item, subject, found)
        return
    if not isinstance(data, dict) or not node.any_personal:
        return
    if node.subject_key is not None and data.get(node.subject_key) is not None:
        subject = str(data[node.subject_key])
    for key, name in node.personal.items():
        value = data.get(key)
        if value is None:
            continue
        if name == "subjectDataReport":
            found.setdefault(str(value.get("subjectId", subject)), set()).add(name)
            continue
        if name == "data":  # an event's data: personal only when it holds personal keys
            keys = sorted(k for k, v in value.items() if k in PERSONAL_DATA_KEYS and v is not None)
            if keys:
                found.setdefault(subject, set()).update(f"data.{k}" for k in keys)
            continue
        found.setdefault(subject, set()).add(name)
    for key, (_, child) in node.children.items():
        if child is not None and child.any_personal:
            _walk(child, data.get(key), subject, found)
