"""Instructions per served `employees(first: 20)` request, ours (cache off) against plain Starlette, each
server counted by callgrind over the same requests: the ratio `bench.http` measures with wrk, as a figure that
the speed swings of a shared machine do not move.

    python -m bench.http_callgrind [--requests 300] [--connections 8] [--server-path /work/main]

Each server (`riwayat serve`, then `bench.plain_app` answering the same bytes) runs alone under
`valgrind --tool=callgrind` with instrumentation off. It is warmed with 60 requests. Then instrumentation is
switched on (`callgrind_control -i on`) around `--requests` requests, sent over `--connections` keep-alive
connections by a client outside valgrind. The count is user-space instructions only: the kernel's side of the
sockets is in `bench.http`'s CPU figure, not here. Needs valgrind.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import bench_database
from bench.http import LIST, free_port, seeded, serve


async def send(port: int, token: str | None, requests: int, connections: int) -> None:
    """`requests` POSTs of the list query over `connections` keep-alive connections; every answer checked."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120) as client:

        async def one() -> None:
            response = await client.post("/graphql", json={"query": LIST}, headers=headers)
            if response.status_code != 200 or b'"errors"' in response.content:
                raise RuntimeError(f"unexpected answer {response.status_code}: {response.text[:200]}")

        for first in range(0, requests, connections):
            await asyncio.gather(*(one() for _ in range(min(connections, requests - first))))


def counted(args: list[str], env: dict[str, str], port: int, token: str | None, requests: int,
            connections: int, cwd: str) -> float:  # fmt: skip
    """User-space instructions per request of the server `python -m args` under callgrind."""
    out = Path(tempfile.mkdtemp(prefix="riwayat-http-callgrind-")) / "callgrind.out"
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
         sys.executable, "-m", *args],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                asyncio.run(send(port, token, 1, 1))
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"server {args} did not start under valgrind") from None
                time.sleep(1)
        asyncio.run(send(port, token, 60, connections))
        toggle = ["callgrind_control", "-i"]
        subprocess.run(
            [*toggle, "on", str(server.pid)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        asyncio.run(send(port, token, requests, connections))
        subprocess.run(
            [*toggle, "off", str(server.pid)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        server.terminate()
        server.wait(timeout=120)
    found = re.findall(r"^(?:summary|totals):\s+(\d+)", out.read_text(), re.MULTILINE)
    return int(found[-1]) / requests


async def main(requests: int, connections: int, server_path: str) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install valgrind")
    async with bench_database() as db:
        _, token, env = await seeded(db, "hcg")
        env |= {"RIWAYAT_RESPONSE_CACHE": "off", "PYTHONPATH": server_path}
        port = free_port()
        ours = await asyncio.to_thread(
            counted, ["riwayat.cli", "serve", "--port", str(port)], env, port, token, requests, connections,
            server_path,
        )  # fmt: skip
        answer = Path(tempfile.mkstemp(suffix=".json")[1])
        answer.write_bytes(await asyncio.to_thread(_answer, env, token))
        port = free_port()
        plain = await asyncio.to_thread(
            counted, ["bench.plain_app", "--port", str(port), "--body-file", str(answer)], env, port, None,
            requests, connections, server_path,
        )  # fmt: skip
        print(f"ours (cache off): {ours / 1e6:.3f} M instructions per request; plain {plain / 1e6:.3f} M")
        print(f"  ratio {plain / ours:.3f} (plain ÷ ours: the share of a request's instructions plain needs)")


def _answer(env: dict[str, str], token: str) -> bytes:
    """The bytes our server answers to the list query, for the plain server to send."""
    port = free_port()
    server = serve(["riwayat.cli", "serve", "--port", str(port)], env, port)
    try:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": LIST}, headers=headers).content
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--server-path", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.connections, args.server_path))
