"""The baseline for the GraphQL benchmark: plain Starlette answering POST /graphql with fixed JSON bytes.

python -m bench.plain_app --port 8101 --body-file response.json
"""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def build(body: bytes) -> Starlette:
    async def graphql(request: Request) -> Response:
        await request.body()  # read the request like the real endpoint does
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body-file", type=Path, required=True)
    args = parser.parse_args()
    uvicorn.run(build(args.body_file.read_bytes()), host="127.0.0.1", port=args.port, log_level="warning")
