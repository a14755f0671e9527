"""CPU per GraphQL request inside the process, without sockets: where `bench.http` measures the whole
server under wrk, this calls the ASGI app directly (the same Starlette app `riwayat serve` runs, cache off)
and the plain Starlette baseline the same way, so the figures are our own code's and move little with load.

    python -m bench.graphql_cpu [--requests 2000] [--rounds 3] [--profile]

Prints, per round, µs of this process's CPU per request (`time.process_time`) for `employees(first: 20)`
with 8 fields, for the mixed readers' varied documents of `bench.http`, and for plain Starlette returning the
same bytes; `--profile` adds cProfile's top functions of one more round of the list query.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import time
import uuid
from typing import Any

import orjson

from bench.common import bench_database, bench_kek_file, median
from bench.http import LIST, READ, SECRET, seed
from bench.plain_app import build as plain_app
from riwayat.infra import event_loop
from riwayat.infra.auth import issue_token
from riwayat.infra.settings import Settings


def request(body: bytes, token: str | None) -> tuple[dict[str, Any], list[bytes]]:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/graphql", "raw_path": b"/graphql", "root_path": "", "query_string": b"", "headers": headers,
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    return scope, [body]


async def call(app: Any, scope: dict[str, Any], body: bytes, state: dict[str, Any]) -> bytes:
    sent: list[bytes] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            sent.append(message.get("body", b""))

    await app(dict(scope, state=state), receive, send)
    return b"".join(sent)


async def cpu_per_request(
    app: Any, bodies: list[bytes], token: str | None, n: int, state: dict, concurrency: int = 1
) -> float:
    """µs of CPU per request, `concurrency` requests in flight at a time (as wrk's connections)."""
    scopes = [request(b, token)[0] for b in bodies]
    for k in range(50):  # warm: parse and validation caches, pools
        await call(app, scopes[k % len(scopes)], bodies[k % len(bodies)], state)

    async def client(first: int) -> None:
        for k in range(first, n, concurrency):
            await call(app, scopes[k % len(scopes)], bodies[k % len(bodies)], state)

    start = time.process_time()
    await asyncio.gather(*(client(c) for c in range(concurrency)))
    return (time.process_time() - start) / n * 1e6


async def main(requests: int, rounds: int, profile: bool) -> None:
    os.environ["RIWAYAT_RESPONSE_CACHE"] = "off"
    async with bench_database() as db:
        settings = Settings(
            database_url=db.url, jwt_secret=SECRET, kek_file=bench_kek_file(), response_cache=False,
            graphiql=False,
        )  # fmt: skip
        slug = f"cpu{uuid.uuid4().hex[:8]}"
        await seed(settings, slug)
        token = issue_token(settings, tenant=slug, roles=["hr"], subject="bench")
        from riwayat.app import create_app

        app = create_app(settings)
        async with app.router.lifespan_context(app):
            state: dict[str, Any] = {}
            listing = orjson.dumps({"query": LIST})
            answer = await call(app, request(listing, token)[0], listing, state)
            assert len(orjson.loads(answer)["data"]["employees"]["edges"]) == 20, answer
            plain = plain_app(answer)
            varied = [
                orjson.dumps({"query": READ, "variables": {"f": f, "first": size}})
                for f in ({"search": "Pegawai 1"}, {"search": "1986092620150"}, {})
                for size in (5, 10, 20)
            ]
            figures: dict[str, list[float]] = {"list": [], "list16": [], "varied": [], "plain": []}
            for _ in range(rounds):
                figures["list"].append(await cpu_per_request(app, [listing], token, requests, state))
                figures["list16"].append(await cpu_per_request(app, [listing], token, requests, state, 16))
                figures["varied"].append(await cpu_per_request(app, varied, token, requests, state))
                figures["plain"].append(await cpu_per_request(plain, [listing], None, requests, {}))
                print(
                    f"round: list {figures['list'][-1]:,.0f} µs (16 at a time {figures['list16'][-1]:,.0f}),"
                    f" varied {figures['varied'][-1]:,.0f} µs,"
                    f" plain Starlette {figures['plain'][-1]:,.0f} µs of CPU per request"
                )
            ours, varied_cpu, base = (median(figures[k]) for k in ("list", "varied", "plain"))
            print(
                f"median CPU per request, in process: employees(first: 20) {ours:,.0f} µs,"
                f" varied {varied_cpu:,.0f} µs"
            )
            print(f"  plain Starlette {base:,.0f} µs (no HTTP server on either side: {base / ours:.3f}×)")
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
                await cpu_per_request(app, [listing], token, requests, state)
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(35)
                print(out.getvalue())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    event_loop.run(main(args.requests, args.rounds, args.profile))
