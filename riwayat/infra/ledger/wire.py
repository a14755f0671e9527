"""Frames between the worker processes of one host: a batch of already-encoded append requests one way, its
answers the other, each frame a 4-byte length and a pickle.

Pickle is safe here only because nobody but this user can reach the socket: it lives in a directory of
this user's own, mode 0700 (`socket_path`). Answers that are exceptions travel as their class, args and
attributes and are rebuilt without calling `__init__` (`ClaimTaken(claim)` cannot be made from its
message, which is all an exception's default pickling keeps).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_LENGTH = 4


def socket_path(url: str, schema: str) -> Path:
    """The writer's socket for one tenant schema on one database server: the same name in every worker
    of this host (credentials left out of the name), in a directory only this user may enter."""
    parts = urlsplit(url)
    where = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    digest = hashlib.sha256(f"{where}|{schema}".encode()).hexdigest()[:24]
    base = Path(os.environ.get("RIWAYAT_RUN_DIR") or tempfile.gettempdir()) / f"riwayat-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    info = base.stat()
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise PermissionError(f"{base} must belong to this user alone (mode 0700)")
    return base / f"w-{digest}.sock"


class _Raised:
    """An exception as it travels: rebuilt with its class, args and attributes, its `__init__` not run."""

    def __init__(self, error: BaseException) -> None:
        self.cls, self.args, self.state = type(error), error.args, dict(getattr(error, "__dict__", {}))

    def rebuild(self) -> BaseException:
        error = self.cls.__new__(self.cls)
        error.args = self.args
        error.__dict__.update(self.state)
        return error


def encode_answers(answers: list[Any]) -> list[Any]:
    out = []
    for answer in answers:
        if isinstance(answer, BaseException):
            raised = _Raised(answer)
            try:
                pickle.dumps(raised)
            except Exception:  # noqa: BLE001 - an attribute that does not travel: the message does
                raised = _Raised(RuntimeError(f"{type(answer).__name__}: {answer}"))
            answer = raised
        out.append(answer)
    return out


def decode_answers(answers: list[Any]) -> list[Any]:
    return [a.rebuild() if isinstance(a, _Raised) else a for a in answers]


def send(writer: asyncio.StreamWriter, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(len(data).to_bytes(_LENGTH, "big") + data)


async def receive(reader: asyncio.StreamReader) -> Any:
    """The next message; `asyncio.IncompleteReadError` once the other side is gone."""
    size = int.from_bytes(await reader.readexactly(_LENGTH), "big")
    return pickle.loads(await reader.readexactly(size))  # noqa: S301 - see the module: this user only
