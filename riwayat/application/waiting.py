"""What the runner does with an append whose caller went away before awaiting it."""

from __future__ import annotations

import asyncio
from typing import Any


def retrieve(appending: asyncio.Future[Any]) -> None:
    """An append whose caller went away is still answered; its error must not be reported as unretrieved."""
    if not appending.cancelled():
        appending.exception()
