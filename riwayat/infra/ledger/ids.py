"""The ids a command is recorded under when it brings none (no idempotency key): see
`records.AppendRequest.command_id`."""

from __future__ import annotations

import itertools
import os


class _CommandIds:
    """Ids for commands that bring none (32 hex digits, as `uuid4().hex`): a random prefix per process
    and a counter, so an id costs no system call for random bytes. A forked child draws its own prefix."""

    def __init__(self) -> None:
        self._draw()
        os.register_at_fork(after_in_child=self._draw)

    def _draw(self) -> None:
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count()

    def __call__(self) -> str:
        return f"{self.prefix}{next(self.counter):016x}"


new_command_id = _CommandIds()
