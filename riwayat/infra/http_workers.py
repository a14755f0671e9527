"""`riwayat serve --workers N`: uvicorn's supervisor, but every worker listens on a socket of its own.

Why: uvicorn binds one listening socket and every worker accepts from it. The worker whose loop wakes
first accepts every connection waiting there, so a burst of keep-alive connections — a reverse proxy
filling its upstream pool, a load test, a frontend's many tabs — lands on one worker and stays there while
the others idle: with 2 workers and 32 connections one worker served everything (bench/RESULTS.md,
"Round 7"). Here each worker binds its own socket in one SO_REUSEPORT group and the kernel spreads new
connections over them by address, as nginx's `reuseport` and gunicorn's `--reuse-port` do.

The supervisor binds the address first (SO_REUSEPORT set, never listening: a socket that does not listen
is given no connections), so that a port already in use is reported before any worker starts and the
address stays held while a dead worker is replaced. Where the platform has no SO_REUSEPORT, uvicorn's own
shared socket is used.
"""

from __future__ import annotations

import socket
from typing import Any

from uvicorn import Config
from uvicorn.supervisors import Multiprocess, multiprocess


class _Worker(multiprocess.Process):
    """uvicorn's worker process, serving on a listening socket of its own instead of the inherited one."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # runs in the worker
        own = [_reusing_port(s.family, s.getsockname()) for s in sockets or []]
        for inherited in sockets or []:
            inherited.close()
        super().target(own)


def _reusing_port(family: socket.AddressFamily, address: Any) -> socket.socket:
    sock = socket.socket(family=family, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(config: Config) -> None:
    """Serves `config` (host and port, `config.workers` > 1) until the supervisor is told to stop."""
    if not hasattr(socket, "SO_REUSEPORT"):
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    held = _reusing_port(family, (config.host, config.port))
    # Multiprocess makes its workers from the module's `Process`; ours only changes the socket they serve on.
    made, multiprocess.Process = multiprocess.Process, _Worker
    try:
        Multiprocess(config, sockets=[held]).run()
    finally:
        multiprocess.Process = made
        held.close()
