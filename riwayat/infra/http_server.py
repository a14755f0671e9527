"""How `riwayat serve` runs uvicorn: bounds on slow and idle clients.

uvicorn closes an idle kept-alive connection after `timeout_keep_alive`, but a connection that trickles its
request headers a byte at a time is kept open for as long as the client likes (300 such connections stayed
40 s in a test). `SlowClientH11Protocol` closes a connection whose request headers are not complete within
`RIWAYAT_HEADER_TIMEOUT` seconds; `limit_concurrency` answers 503 beyond `RIWAYAT_MAX_CONNECTIONS`; the
request line plus headers are bounded by h11's incomplete-event size. A slow *body* is bounded by the
request deadline (`RIWAYAT_REQUEST_TIMEOUT`). A reverse proxy in front (nginx, HAProxy) is still what
should absorb slow clients at scale: it buffers requests and talks to Riwayat only with complete ones
(see docs/operations.md "Slow clients and the reverse proxy").
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from riwayat.infra import event_loop
from riwayat.infra.settings import Settings

MAX_HEADER_BYTES = 16 * 1024


class SlowClientH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers do not arrive in time."""

    # Read from the environment once per process: uvicorn's worker processes get the class, by reference.
    header_timeout: float | None = None
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # a request's headers are complete
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this connection gets the same time for its headers

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        cls = type(self)
        if cls.header_timeout is None:
            cls.header_timeout = Settings.from_env().header_timeout
        self._header_timer = self.loop.call_later(cls.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` besides the app, host, port and workers. (`settings` is the
    environment's: the header timeout is read from it by each worker process itself.)"""
    return {
        "http": SlowClientH11Protocol,
        "loop": event_loop.name(),  # uvloop unless RIWAYAT_EVENT_LOOP=asyncio (infra/event_loop.py)
        "log_level": "warning",
        "access_log": False,  # our own JSON request log replaces it
        "timeout_keep_alive": settings.keep_alive_timeout,
        "limit_concurrency": settings.max_connections,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "timeout_graceful_shutdown": 10,
        # uvicorn takes the client address from X-Forwarded-For only when the peer is one of these.
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
    }
