"""Slow clients against a real `riwayat serve`: a connection that trickles its headers (slowloris) or sits
idle is closed after its timeout, while complete requests are served meanwhile. Loopback only, bounded."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from riwayat.infra.settings import Settings
from tests.e2e.conftest import _free_port, serving

TRICKLERS = 20


@pytest.fixture(scope="module")
def strict_server(
    database_url: str, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("strict") / "serve.log"
    env = os.environ | {
        "DATABASE_URL": database_url,
        "RIWAYAT_JWT_SECRET": settings.jwt_secret,
        "RIWAYAT_HEADER_TIMEOUT": "1",
        "RIWAYAT_KEEP_ALIVE_TIMEOUT": "1",
    }
    with serving(port, env, log):
        yield f"http://127.0.0.1:{port}"


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    """True if the server closes the connection within `within` seconds while we keep trickling."""
    deadline = time.monotonic() + within
    sock.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if sock.recv(1024) == b"":
                return True
        except TimeoutError:
            pass
        except (ConnectionResetError, BrokenPipeError):
            return True
        try:
            sock.sendall(b"X-Trickle: 1\r\n")  # never the blank line that ends the headers
        except (ConnectionResetError, BrokenPipeError):
            return True
    return False


def test_connections_trickling_headers_are_closed_while_complete_requests_are_served(
    strict_server: str,
) -> None:
    host, port = strict_server.removeprefix("http://").split(":")
    tricklers = []
    try:
        for _ in range(TRICKLERS):
            sock = socket.create_connection((host, int(port)), timeout=2)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: riwayat\r\n")
            tricklers.append(sock)
        assert httpx.get(f"{strict_server}/healthz", timeout=2).status_code == 200  # still served
        closed = [_closed_by_server(sock, within=4.0) for sock in tricklers]
    finally:
        for sock in tricklers:
            sock.close()
    assert all(closed), (
        f"{closed.count(False)} of {TRICKLERS} trickling connections were still open after 4 s"
    )


def test_an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout(strict_server: str) -> None:
    host, port = strict_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=2) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: riwayat\r\n\r\n")
        answer = b""
        while b"}" not in answer:  # the headers and the body may arrive in separate reads
            chunk = sock.recv(4096)
            assert chunk, answer
            answer += chunk
        assert b"200 OK" in answer
        sock.settimeout(4.0)
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < 3.5
