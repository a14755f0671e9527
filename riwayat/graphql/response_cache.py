"""Answers to repeated queries, kept while the tenant's ledger has not moved.

Every change to what a query can read — every projection row — is written in the transaction that moves the
tenant's head position. So an answer computed when the head stood at position P is exactly right for as long
as the head still stands at P: a request checks the head (one primary-key read) and, when it has not moved,
gets the stored bytes without running GraphQL. Any append moves the head, so read-your-writes holds.

Only plain queries with no errors are kept, keyed by tenant, roles (they decide what is visible), the
token's subject (an `employee` token sees its own record: `me`, `pendingApprovals`), the day (WIB: what an
omitted `asOf` means, and the status shown during CLTN, change at midnight without an append), document,
variables and operation name. Fields whose answer can change without an append are never kept:
`verifyIntegrity` (a tampered row does not move the head) and `projectionStatus`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import orjson
from starlette.types import Message, Send

from riwayat.application.clock import today

NOT_KEPT = re.compile(r"\b(mutation|subscription|verifyIntegrity|projectionStatus|accessLog\w*)\b")
MAX_ENTRIES = 1024
MAX_BODY = 512 * 1024
MAX_BYTES = 64 * 1024 * 1024  # all kept answers together, per worker

Key = tuple[str, tuple[str, ...], str, bytes, str | None, str | None, date]


class ResponseCache:
    def __init__(self, entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.size = 0
        self._answers: OrderedDict[Key, tuple[int, bytes]] = OrderedDict()

    @staticmethod
    def key(
        tenant: str, roles: frozenset[str], document: dict[str, Any], subject: str | None = None
    ) -> Key | None:
        """None for what must always run (mutations, the fields above, unusual variables)."""
        query = document["query"]
        if NOT_KEPT.search(query):
            return None
        try:
            variables = orjson.dumps(document.get("variables") or {}, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None
        name = document.get("operationName")
        named = name if isinstance(name, str) else None
        return tenant, tuple(sorted(roles)), query, variables, named, subject, today()

    def get(self, key: Key, head: int) -> bytes | None:
        found = self._answers.get(key)
        if found is None or found[0] != head:
            return None
        self._answers.move_to_end(key)
        return found[1]

    def keep(self, key: Key, head: int, body: bytes) -> None:
        previous = self._answers.pop(key, None)
        if previous is not None:
            self.size -= len(previous[1])
        self._answers[key] = (head, body)
        self.size += len(body)
        while len(self._answers) > self.entries or self.size > self.max_bytes:
            _, (_, dropped) = self._answers.popitem(last=False)
            self.size -= len(dropped)

    def recording(self, send: Send, key: Key, head: int) -> Callable[[Message], Awaitable[None]]:
        """Passes the response through, and keeps it if it is a complete 200 without errors."""
        status, parts = 0, []

        async def wrapped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False) and status == 200:
                    body = b"".join(parts)
                    if len(body) <= MAX_BODY and b'"errors"' not in body:
                        self.keep(key, head, body)
            await send(message)

        return wrapped
