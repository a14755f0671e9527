"""A fault-injecting TCP proxy between a client and PostgreSQL, on 127.0.0.1 only: it forwards both ways
and, with a given probability, drops the connection instead of passing on the server's answer to a
commit — the commit is durable, the client never hears of it (a network blip, a pooler restart, a backend
killed after COMMIT).

It reads the protocol's message framing: a client's Parse names a statement, Bind runs it, a simple
Query runs text. A statement that moves a tenant's head (every append does) or a COMMIT marks the
connection as writing; the server's next ReadyForQuery with status idle ('I') is then the answer to a
commit, and that is what may be dropped: the connection is closed instead of passing it on.
"""

from __future__ import annotations

import asyncio
import random
import struct
from urllib.parse import parse_qs, urlparse

WRITES = (b"head SET position", b"COMMIT")


class LosingProxy:
    def __init__(self, database_url: str, probability: float, seed: int = 0) -> None:
        self.database_url = database_url
        self.probability = probability
        self.random = random.Random(seed)
        self.dropped = 0
        self.commits = 0
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task] = set()

    async def start(self) -> str:
        """Listen on a free loopback port; the URL a client connects to instead of `database_url`."""
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        parsed = urlparse(self.database_url)
        user = parsed.username or "postgres"
        password = f":{parsed.password}" if parsed.password else ""
        return f"postgresql://{user}{password}@127.0.0.1:{port}{parsed.path or '/postgres'}?sslmode=disable"

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _open_upstream(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        parsed = urlparse(self.database_url)
        host = parse_qs(parsed.query).get("host", [parsed.hostname or "127.0.0.1"])[0]
        port = parsed.port or 5432
        if host.startswith("/"):
            return await asyncio.open_unix_connection(f"{host}/.s.PGSQL.{port}")
        return await asyncio.open_connection(host, port)

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self.tasks.add(task)
        server_r, server_w = await self._open_upstream()
        connection = {"writing": False, "writes": set()}
        pumps = [
            asyncio.create_task(self._from_client(client_r, server_w, connection)),
            asyncio.create_task(self._from_server(server_r, client_w, connection)),
        ]
        try:
            await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pump in pumps:
                pump.cancel()
            for writer in (client_w, server_w):
                writer.transport.abort()
            self.tasks.discard(task)

    async def _from_client(self, reader, writer, connection: dict) -> None:
        (length,) = struct.unpack("!i", await reader.readexactly(4))  # the startup packet: no type byte
        writer.write(struct.pack("!i", length) + await reader.readexactly(length - 4))
        while True:
            kind = await reader.readexactly(1)
            (length,) = struct.unpack("!i", await reader.readexactly(4))
            body = await reader.readexactly(length - 4)
            if kind == b"P":  # Parse: statement name, then its text
                name, _, rest = body.partition(b"\0")
                if any(w in rest.partition(b"\0")[0] for w in WRITES):
                    connection["writes"].add(name)
                else:
                    connection["writes"].discard(name)
            elif kind == b"B":  # Bind: portal name, statement name
                statement = body.split(b"\0", 2)[1]
                if statement in connection["writes"]:
                    connection["writing"] = True
            elif kind == b"Q" and any(w in body for w in WRITES):
                connection["writing"] = True
            writer.write(kind + struct.pack("!i", length) + body)
            await writer.drain()

    async def _from_server(self, reader, writer, connection: dict) -> None:
        while True:
            kind = await reader.readexactly(1)
            (length,) = struct.unpack("!i", await reader.readexactly(4))
            body = await reader.readexactly(length - 4)
            if kind == b"Z" and body == b"I" and connection["writing"]:
                connection["writing"] = False
                self.commits += 1
                if self.random.random() < self.probability:
                    self.dropped += 1
                    return  # the commit happened; the client never hears that it is done
            writer.write(kind + struct.pack("!i", length) + body)
            await writer.drain()
