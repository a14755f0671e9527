"""The same responses from two trees of the code: each document of `DOCS` (pages with and without cursors,
personal fields for an allowed and a refused role, a forbidden caller, a resolver's BAD_USER_INPUT, an invalid
cursor, fragments and aliases, a validation error) sent to the app of each `--server-path` (in process, cache
off, one fixed request id) against the same seeded database; prints, per document, whether the bytes match.

    python -m bench.graphql_same [--server-path /work/main --server-path .]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import orjson

PAGE = "edges { node { id nip name gender employmentType status rank position } }"
VARS = "query($f: EmployeeFilter, $first: Int, $after: String)"
DOCS: list[tuple[dict, list[str]]] = [
    ({"query": "{ employees(first: 20) { " + PAGE + " } }"}, ["hr"]),
    (
        {
            "query": VARS + " { employees(filter: $f, first: $first, after: $after) { totalCount"
            " edges { cursor node { id name status birthDate trainingHours(year: 2016) unit { code } } }"
            " pageInfo { hasNextPage endCursor } } }",
            "variables": {"f": {"search": "Pegawai 1"}, "first": 5},
        },
        ["hr"],
    ),
    (
        {
            "query": VARS + " { employees(filter: $f, first: $first, after: $after)"
            " { edges { node { id name birthDate } } } }",
            "variables": {"f": {"employmentType": "PNS"}, "first": 3},
        },
        ["viewer"],  # personal data: null for this role
    ),
    ({"query": "{ employees(first: 2) { edges { node { appraisals { year } } } } }"}, ["viewer"]),
    ({"query": "{ employees(first: 0) { edges { node { name } } } }"}, ["hr"]),
    ({"query": '{ employees(after: "xyz") { edges { node { name } } } }'}, ["hr"]),
    ({"query": "{ employees { edges { node { name } } } }"}, ["employee"]),
    (
        {
            "query": "{ a: employees(first: 2) { ...F } b: orgUnits { code name } } fragment F on"
            " EmployeeConnection { edges { node { __typename id ... on Employee { name } } } }"
        },
        ["auditor"],
    ),
    ({"query": "{ employees(first: 2) { edges { node { name nope } } } }"}, ["hr"]),
]


async def child(url, kek, slug):
    from bench.graphql_cpu import call, request
    from bench.http import SECRET
    from riwayat.app import create_app
    from riwayat.infra.auth import issue_token
    from riwayat.infra.settings import Settings

    settings = Settings(
        database_url=url, jwt_secret=SECRET, kek_file=Path(kek), response_cache=False, graphiql=False
    )
    app = create_app(settings)
    out = []
    async with app.router.lifespan_context(app):
        for doc, roles in DOCS:
            token = issue_token(settings, tenant=slug, roles=roles, subject="same")
            body = orjson.dumps(doc)
            scope = request(body, token)[0]
            scope["headers"].append((b"x-request-id", b"fixedrequestid1"))
            out.append((await call(app, scope, body, {})).decode())
    print("RESULT" + json.dumps(out))


async def main(trees: list[str]) -> None:
    from bench.common import bench_database, bench_kek_file
    from bench.http import SECRET, seed
    from riwayat.infra.settings import Settings

    runner = f"import runpy; runpy.run_path({str(Path(__file__).resolve())!r}, run_name='__main__')"
    async with bench_database() as db:
        kek, slug = bench_kek_file(), f"same{uuid.uuid4().hex[:6]}"
        await seed(Settings(database_url=db.url, jwt_secret=SECRET, kek_file=kek), slug)
        answers = []
        for tree in trees:
            done = subprocess.run(
                [sys.executable, "-c", runner, "--child", db.url, str(kek), slug],
                env=os.environ | {"PYTHONPATH": tree}, capture_output=True, text=True, cwd=tree,
            )  # fmt: skip
            line = [x for x in done.stdout.splitlines() if x.startswith("RESULT")]
            answers.append(json.loads(line[0][6:]) if line else [done.stderr[-2000:]])
        for i, bodies in enumerate(zip(*answers, strict=True)):
            same = all(b == bodies[0] for b in bodies)
            print(i, "same" if same else "DIFFERENT", len(bodies[0]), bodies[0][:100])
            if not same:
                for tree, b in zip(trees, bodies, strict=True):
                    print(f"   {tree}: {b[:400]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server-path", action="append", default=None)
    parser.add_argument("--child", nargs=3, metavar=("URL", "KEK", "SLUG"))
    args = parser.parse_args()
    if args.child:
        asyncio.run(child(*args.child))
    else:
        asyncio.run(main(args.server_path or ["/work/main", str(Path(__file__).resolve().parent.parent)]))
