"""`riwayat serve --workers 2`: each worker listens on a socket of its own (riwayat/infra/http_workers.py), so
a burst of keep-alive connections is spread over the workers instead of all landing on whichever woke
first, and a worker killed is replaced without a connection being lost to its dead socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import psutil
import pytest

from riwayat.infra.settings import Settings
from tests.e2e.conftest import _free_port, serving

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")


@pytest.fixture
def two_workers(database_url: str, settings: Settings, tmp_path) -> Iterator[tuple[subprocess.Popen, int]]:
    port = _free_port()
    log = tmp_path / "serve.log"
    env = os.environ | {"DATABASE_URL": database_url, "RIWAYAT_JWT_SECRET": settings.jwt_secret}
    with serving(port, env, log, "--workers", "2") as process:
        yield process, port


def _listening_workers(process: subprocess.Popen, port: int, count: int, within: float = 30) -> list[int]:
    """The supervisor's children listening on `port` themselves, once there are `count` of them."""
    deadline = time.monotonic() + within
    while True:
        found = []
        for child in psutil.Process(process.pid).children():
            try:
                listening = child.net_connections("tcp")
                if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in listening):
                    found.append(child.pid)
            except psutil.NoSuchProcess:
                continue
        if len(found) == count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _open(port: int, n: int) -> list[socket.socket]:
    """`n` keep-alive connections opened at once, each answered once (and left open)."""
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(n)]
    for s in sockets:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: riwayat\r\n\r\n")
    for s in sockets:
        assert s.recv(4096).startswith(b"HTTP/1.1 200")
    return sockets


def _held_by(pids: list[int], port: int) -> dict[int, int]:
    return {
        pid: sum(c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port
                 for c in psutil.Process(pid).net_connections("tcp"))
        for pid in pids
    }  # fmt: skip


def test_a_burst_of_keep_alive_connections_is_served_by_both_workers(two_workers) -> None:
    process, port = two_workers
    workers = _listening_workers(process, port, 2)
    assert len(workers) == 2, "each worker listens on a socket of its own"
    sockets = _open(port, 24)
    try:
        held = _held_by(workers, port)
        assert sum(held.values()) == 24
        assert all(n > 0 for n in held.values()), f"one worker took every connection: {held}"
    finally:
        for s in sockets:
            s.close()


def test_a_killed_worker_is_replaced_and_no_new_connection_hangs(two_workers) -> None:
    process, port = two_workers
    first, second = _listening_workers(process, port, 2)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = _listening_workers(process, port, 2, within=1)
        if len(workers) == 2 and first not in workers:
            break
    assert second in workers and first not in workers and len(workers) == 2
    sockets = _open(port, 24)  # each answered within the socket timeout: none went to the dead socket
    for s in sockets:
        s.close()
