"""What callers see while the database hangs or is down, and that the server recovers by itself.

A frozen PostgreSQL (SIGSTOP) must not hang the server: /readyz answers 503 within its second, a request
past its deadline is answered 503 with a clear code and is *not* written when the server wakes up. A
stopped one gives every operation a JSON 503 DATABASE_UNAVAILABLE, and service resumes when it is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time

import httpx
import pytest

from riwayat.infra.database import DatabaseUnreachable
from riwayat.infra.tenants import Tenant
from tests.chaos.conftest import OwnPostgres
from tests.graphql.api import ESTABLISH, token

UNITS = "{ orgUnits { code } }"
RETRYABLE = {"DEADLINE_EXCEEDED", "DATABASE_UNAVAILABLE"}


def _post(http: httpx.AsyncClient, bearer: str, query: str, variables: dict | None = None):
    return http.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {bearer}"},
    )


def _code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()["errors"][0]["extensions"]["code"]


async def _units(http: httpx.AsyncClient, bearer: str) -> list[str]:
    response = await _post(http, bearer, UNITS)
    assert response.status_code == 200, response.text
    return [u["code"] for u in response.json()["data"]["orgUnits"]]


async def _until_ready(http: httpx.AsyncClient, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (await http.get("/readyz")).status_code == 200:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the server did not become ready again by itself")


async def test_a_frozen_database_gives_503_in_time_and_an_abandoned_mutation_is_never_written(
    own_postgres: OwnPostgres, fault_http: httpx.AsyncClient, fault_settings, fault_tenant: Tenant
) -> None:
    bearer = token(fault_settings, fault_tenant.slug, "admin")
    # Warm: the tenant is known and its head remembered, so the next append is the one-statement path.
    first = await _post(fault_http, bearer, ESTABLISH, {"input": {"code": "WARM", "name": "Warm"}})
    assert first.json()["data"]["establishOrgUnit"]["errors"] == []
    assert (await fault_http.get("/readyz")).status_code == 200

    with own_postgres.frozen():
        started = time.monotonic()
        ready = await fault_http.get("/readyz")
        readyz_seconds = time.monotonic() - started
        started = time.monotonic()
        mutation = await _post(fault_http, bearer, ESTABLISH, {"input": {"code": "FROZEN", "name": "Beku"}})
        mutation_seconds = time.monotonic() - started
        query = await _post(fault_http, bearer, "{ orgUnits { code name } }")
        await asyncio.sleep(0.5)  # the abandoned write is still in the frozen server's socket

    assert ready.status_code == 503 and ready.json()["database"] == "unreachable"
    assert readyz_seconds < 2.0, f"/readyz took {readyz_seconds:.1f}s with the database frozen"
    assert mutation.status_code == 503 and _code(mutation) in RETRYABLE, mutation.text
    assert mutation_seconds < 5.0, f"the mutation was answered after {mutation_seconds:.1f}s"
    assert query.status_code == 503 and _code(query) in RETRYABLE, query.text
    assert mutation.headers["x-request-id"] == mutation.json()["errors"][0]["extensions"]["requestId"]

    await _until_ready(fault_http)
    await asyncio.sleep(1.0)  # time for anything the woken server still had to run
    assert await _units(fault_http, bearer) == ["WARM"], "a mutation answered DEADLINE_EXCEEDED was written"
    again = await _post(fault_http, bearer, ESTABLISH, {"input": {"code": "THAWED", "name": "Cair"}})
    assert again.json()["data"]["establishOrgUnit"]["errors"] == []
    assert sorted(await _units(fault_http, bearer)) == ["THAWED", "WARM"]


async def test_an_append_sent_to_a_frozen_server_is_not_written_when_it_wakes_after_the_deadline(
    own_postgres: OwnPostgres, fault_app, fault_tenant: Tenant
) -> None:
    """The append statement is already in the frozen server's socket when its caller gives up; PostgreSQL
    runs it on SIGCONT. Only the statement's own deadline gate keeps it from writing then."""
    from riwayat.infra import deadlines
    from riwayat.infra.ledger import EventStore
    from tests.infra.ledger.fixtures import Thing, metadata

    store = EventStore(fault_app.state.services.db)
    # Three appends: the later ones take the one-statement path and leave it prepared on the connection
    # (else the frozen server would hold back its Parse, and the statement would never be sent).
    for name in ("primer", "second", "third"):
        await store.append(fault_tenant, Thing(name=name).collect_events(), metadata=metadata())
    with own_postgres.frozen():
        with deadlines.within(0.8), pytest.raises((TimeoutError, deadlines.DeadlineExceeded)):
            async with asyncio.timeout(1.0):
                await store.append(fault_tenant, Thing(name="late").collect_events(), metadata=metadata())
        await asyncio.sleep(1.5)  # past the statement timeout too: the committer has given up on it
    await asyncio.sleep(1.0)  # the woken server runs what was in its socket
    names = [e.data.get("name") for e in await store.read_log(fault_tenant, limit=10)]
    assert names == ["primer", "second", "third"], f"written after its deadline: {names}"
    await store.append(fault_tenant, Thing(name="after").collect_events(), metadata=metadata())
    names = [e.data.get("name") for e in await store.read_log(fault_tenant, limit=10)]
    assert names == ["primer", "second", "third", "after"]


async def test_a_stopped_database_gives_json_503_for_every_operation_and_recovery_is_automatic(
    own_postgres: OwnPostgres, fault_http: httpx.AsyncClient, fault_settings, fault_tenant: Tenant, fault_app
) -> None:
    from riwayat.infra.tenants import TenantRegistry
    from riwayat.services import provisioners

    bearer = token(fault_settings, fault_tenant.slug, "admin")
    assert await _units(fault_http, bearer) == []
    # A second tenant this app has never looked up: its first request needs the tenant registry.
    unseen = await TenantRegistry(fault_app.state.services.db, provisioners()).create(
        fault_tenant.slug[:-1] + "z", "Unseen"
    )
    unseen_bearer = token(fault_settings, unseen.slug, "viewer")

    own_postgres.stop()
    try:
        answers = {
            "query (cached head read)": await _post(fault_http, bearer, UNITS),
            "query (tenant lookup)": await _post(fault_http, unseen_bearer, UNITS),
            "mutation": await _post(
                fault_http, bearer, ESTABLISH, {"input": {"code": "DOWN", "name": "Mati"}}
            ),
            "audit": await _post(fault_http, bearer, "{ projectionStatus { name lag } }"),
        }
        ready = await fault_http.get("/readyz")
        scrape = await fault_http.get("/metrics")
    finally:
        own_postgres.start()

    for what, response in answers.items():
        assert response.status_code == 503, (what, response.status_code, response.text)
        assert _code(response) == "DATABASE_UNAVAILABLE", (what, response.text)
        assert response.headers["retry-after"] == "1"
    assert ready.status_code == 503
    assert scrape.status_code == 200 and "process_cpu_seconds_total" in scrape.text  # the process is up

    await _until_ready(fault_http)
    assert await _units(fault_http, bearer) == []
    done = await _post(fault_http, bearer, ESTABLISH, {"input": {"code": "BACK", "name": "Kembali"}})
    assert done.json()["data"]["establishOrgUnit"]["errors"] == []
    assert await _units(fault_http, unseen_bearer) == []


async def test_start_up_waits_for_the_database_then_gives_up_with_a_clear_message(
    own_postgres: OwnPostgres, fault_settings
) -> None:
    from riwayat.services import services

    # Nobody listens on this port: the start-up retries for `startup_timeout`, then names the cause.
    with socket_port() as port:
        nowhere = dataclasses.replace(
            fault_settings, database_url=f"postgresql://riwayat:secret@127.0.0.1:{port}/riwayat"
        )
        started = time.monotonic()
        with pytest.raises(DatabaseUnreachable) as refused:
            async with services(nowhere):
                pass
    assert 1.5 < time.monotonic() - started < 10
    message = str(refused.value)
    assert "did not answer within 2 s" in message and "RIWAYAT_DB_STARTUP_TIMEOUT" in message
    assert "secret" not in message

    # A database that comes up while the server waits is used: a proxy that starts listening late.
    with socket_port() as port:
        late = dataclasses.replace(fault_settings, database_url=_via_port(own_postgres.url, port))
        proxy = asyncio.get_running_loop().create_task(_late_proxy(own_postgres.url, port, after=0.7))
        try:
            async with services(late) as svc:
                assert await (await svc.db.pool()).fetchval("SELECT 1") == 1
        finally:
            proxy.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await proxy


@contextlib.contextmanager
def socket_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port


def _via_port(url: str, port: int) -> str:
    """The pgserver URL (a unix socket) as a TCP URL to 127.0.0.1:port."""
    base, _, _query = url.partition("?")
    return base.replace("@/", f"@127.0.0.1:{port}/")


async def _late_proxy(url: str, port: int, after: float) -> None:
    """After `after` seconds, forward 127.0.0.1:port to the server's unix socket (bounded by the test)."""
    from urllib.parse import parse_qs, urlparse

    socket_dir = parse_qs(urlparse(url).query)["host"][0]
    socket_path = f"{socket_dir}/.s.PGSQL.5432"
    await asyncio.sleep(after)

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def serve(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_unix_connection(socket_path)
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    server = await asyncio.start_server(serve, "127.0.0.1", port)
    async with server:
        await asyncio.sleep(30)
