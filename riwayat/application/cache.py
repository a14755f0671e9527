"""The latest known state of recently used streams: what makes a command cheap on a busy employee."""

from __future__ import annotations

from collections import OrderedDict
from uuid import UUID

from eventsourcing.domain import Aggregate


class AggregateCache:
    """The latest known state of recently used streams (least recently used dropped first).

    Only a speed-up, never a source of truth: a command decides on the cached state, and the append's version
    check (under the tenant's head lock) refuses it if another worker moved the stream meanwhile; the command
    is then re-run on a fresh read. Read-only loads catch up from the log.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._states: OrderedDict[tuple[str, UUID], Aggregate] = OrderedDict()

    def __contains__(self, key: tuple[str, UUID]) -> bool:
        return key in self._states

    def take(self, key: tuple[str, UUID]) -> Aggregate | None:
        return self._states.pop(key, None)

    def put(self, key: tuple[str, UUID], aggregate: Aggregate) -> None:
        states = self._states
        known = len(states)
        states[key] = aggregate  # a new key goes last; a known one must be moved (a key's hash is a call)
        if len(states) == known:
            states.move_to_end(key)
        while len(self._states) > self.size:
            self._states.popitem(last=False)
