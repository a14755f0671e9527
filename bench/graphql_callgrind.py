"""Instructions per uncached GraphQL request, counted by callgrind: a figure that does not move with the
load of a shared machine, for comparing two trees of the code (`--server-path`) one after the other.

    python -m bench.graphql_callgrind [--requests 200] [--server-path /work/main]

The parent starts a database and seeds it as `bench.http` does; a child process runs the app in process
(as `bench.graphql_cpu`, cache off) under `valgrind --tool=callgrind` with instrumentation off, warms it,
switches instrumentation on (`callgrind_control -i on`) around `--requests` sequential `employees(first: 20)`
requests (or as many of the mixed readers' varied documents, `--which varied`), with the JSON request log
configured as `riwayat serve` does (its lines go to /dev/null), and prints instructions per request.
Needs valgrind.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import orjson

from bench.common import bench_database, bench_kek_file
from bench.http import LIST, READ, SECRET, seed

VARIED = [
    {"query": READ, "variables": {"f": f, "first": size}}
    for f in ({"search": "Pegawai 1"}, {"search": "1986092620150"}, {})
    for size in (5, 10, 20)
]


def _instructions(out_file: Path) -> int:
    text = out_file.read_text()
    found = re.findall(r"^(?:summary|totals):\s+(\d+)", text, re.MULTILINE)
    return int(found[-1]) if found else 0


def _toggle(state: str) -> None:
    subprocess.run(
        ["callgrind_control", "-i", state, str(os.getpid())], check=True, stdout=subprocess.DEVNULL
    )


async def child(url: str, kek: str, slug: str, requests: int, which: str) -> None:
    from bench.graphql_cpu import call, request
    from riwayat.app import create_app
    from riwayat.infra.auth import issue_token
    from riwayat.infra.observability import configure_logging
    from riwayat.infra.settings import Settings

    configure_logging()  # as `riwayat serve`: the request log line is part of each request (to /dev/null)
    settings = Settings(
        database_url=url, jwt_secret=SECRET, kek_file=Path(kek), response_cache=False, graphiql=False
    )
    token = issue_token(settings, tenant=slug, roles=["hr"], subject="bench")
    bodies = [orjson.dumps({"query": LIST})] if which == "list" else [orjson.dumps(v) for v in VARIED]
    scopes = [request(b, token)[0] for b in bodies]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        state: dict[str, Any] = {}
        for k in range(60):
            answer = await call(app, scopes[k % len(scopes)], bodies[k % len(bodies)], state)
            assert b'"errors"' not in answer, answer
        _toggle("on")
        for k in range(requests):
            await call(app, scopes[k % len(scopes)], bodies[k % len(bodies)], state)
        _toggle("off")


def measure(url: str, kek: Path, slug: str, requests: int, server_path: str, which: str) -> float:
    out = Path(tempfile.mkdtemp(prefix="riwayat-callgrind-")) / "callgrind.out"
    env = os.environ | {"PYTHONPATH": server_path, "RIWAYAT_RESPONSE_CACHE": "off"}
    # This file runs by path: the other tree's `bench` (its `graphql_cpu`) and `riwayat` are imported.
    runner = f"import runpy; runpy.run_path({str(Path(__file__).resolve())!r}, run_name='__main__')"
    subprocess.run(
        [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
            sys.executable, "-c", runner, "--child", url, str(kek), slug,
            "--requests", str(requests), "--which", which,
        ],
        env=env, check=True, stderr=subprocess.DEVNULL, cwd=server_path,
    )  # fmt: skip
    return _instructions(out) / requests


async def main(requests: int, server_paths: list[str], whiches: list[str]) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed: apt-get install valgrind")
    async with bench_database() as db:
        kek = bench_kek_file()
        slug = f"cg{uuid.uuid4().hex[:8]}"
        from riwayat.infra.settings import Settings

        await seed(Settings(database_url=db.url, jwt_secret=SECRET, kek_file=kek), slug)
        for path in server_paths:
            for which in whiches:
                per = await asyncio.to_thread(measure, db.url, kek, slug, requests, path, which)
                print(f"{path}: {which} {per / 1e6:.3f} M instructions per request")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--server-path", action="append", default=None)
    parser.add_argument("--which", action="append", choices=("list", "varied"), default=None)
    parser.add_argument("--child", nargs=3, metavar=("URL", "KEK", "SLUG"))
    args = parser.parse_args()
    if args.child:
        asyncio.run(child(*args.child, args.requests, (args.which or ["list"])[0]))
    else:
        default = str(Path(__file__).resolve().parent.parent)
        asyncio.run(main(args.requests, args.server_path or [default], args.which or ["list", "varied"]))
