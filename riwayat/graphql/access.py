"""The read audit's hook in the /graphql path: after an operation ran (or a cached answer was served), the
personal fields it showed go to the access log (`riwayat.infra.access_log`), off the critical path.

The plan of a document is cached (`personal_fields.plan`), so a response that cannot hold personal data
costs one cache lookup; a cached answer is audited like a fresh one, from its bytes."""

from __future__ import annotations

from typing import Any

import orjson

from riwayat.graphql.personal_fields import plan, shown
from riwayat.infra.access_log import AccessEntry


def note(state: dict[str, Any], schema: Any, data: Any) -> None:
    """Record what the response `data` showed of whom (`state` is the request's, see http.py)."""
    services, document = state.get("services"), state.get("document")
    writer = getattr(services, "access_log", None)
    if writer is None or document is None or data is None:
        return
    node = plan(schema, document["query"], document.get("operationName"))
    if node is None:
        return
    fields = shown(node, data)
    if fields:
        principal, tenant = state["principal"], state["tenant"]
        writer.record(AccessEntry(
            tenant_slug=tenant.slug, schema=tenant.schema, request_id=state["request_id"],
            actor=principal.subject, roles=tuple(sorted(principal.roles)),
            operation=state.get("operation") or "-", fields=fields,
        ))  # fmt: skip


def note_cached(state: dict[str, Any], schema: Any, body: bytes) -> None:
    """The same for an answer served from the response cache."""
    document = state.get("document")
    if document is None or plan(schema, document["query"], document.get("operationName")) is None:
        return
    note(state, schema, orjson.loads(body).get("data"))
