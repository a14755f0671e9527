"""Metrics (Prometheus) and structured logs (one JSON line per request).

Metrics live in one registry owned by this module, so tests and several apps in one process do not trip over
prometheus-client's global default registry. Their labels are bounded: `operation` is a root field of the
schema (or "multiple", "other"), never a name the client chose; `outcome` is one of `OUTCOMES`, read from
the GraphQL result rather than the HTTP status (a refused or invalid operation is still HTTP 200).

Every log line written while a request is served carries its request id (`REQUEST_ID`, set by the request
middleware before anything else runs), whichever logger wrote it.
"""

from __future__ import annotations

import collections
import contextvars
import logging
import sys
import time
from collections.abc import Mapping
from typing import Any

import orjson
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry()
# process_* (CPU, memory, open files) and python_* (version, garbage collection), as prometheus-client's
# default registry would have them.
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

# What a request came to; "unavailable" is the database not answering or a request past its deadline.
OUTCOMES = ("ok", "user_error", "forbidden", "invalid", "unavailable", "internal")
REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("riwayat_request_id", default=None)

REQUESTS = Counter(
    "riwayat_graphql_requests_total", "GraphQL requests by operation and outcome", ["operation", "outcome"],
    registry=REGISTRY,
)  # fmt: skip
LATENCY = Histogram(
    "riwayat_graphql_request_seconds", "GraphQL latency by operation", ["operation"], registry=REGISTRY
)
EVENTS = Counter("riwayat_events_appended_total", "Events appended", ["tenant", "type"], registry=REGISTRY)
COMMAND_ERRORS = Counter(
    "riwayat_command_errors_total", "Refused commands by error code", ["command", "code"], registry=REGISTRY
)
PROJECTION_LAG = Gauge(
    "riwayat_projection_lag_events", "Events appended but not yet projected", ["tenant", "projection"],
    registry=REGISTRY,
)  # fmt: skip

CONTENT_TYPE = CONTENT_TYPE_LATEST


def render() -> bytes:
    return generate_latest(REGISTRY)


# The two metrics' children by (operation, outcome): prometheus-client's `labels()` validates, locks and
# looks up on every call; the children never change once made (labels are bounded, none is removed).
_OBSERVERS: dict[tuple[str, str], tuple[Any, Any]] = {}


def observe_request(operation: str, outcome: str, seconds: float) -> None:
    observers = _OBSERVERS.get((operation, outcome))
    if observers is None:
        label = operation or "anonymous"
        observers = _OBSERVERS[(operation, outcome)] = (
            REQUESTS.labels(label, outcome).inc,
            LATENCY.labels(label).observe,
        )
    observers[0]()
    observers[1](seconds)


def count_events(tenant: str, types: list[str]) -> None:
    """Once per committed batch: one increment per event type, not per event (a label lookup costs)."""
    for event_type, n in collections.Counter(types).items():
        EVENTS.labels(tenant, event_type).inc(n)


def count_command_error(command: str, code: str) -> None:
    COMMAND_ERRORS.labels(command, code).inc()


class JsonFormatter(logging.Formatter):
    """One JSON object per line; `extra={"fields": {...}}` adds structured fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": f"{_second(int(record.created))}.{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            entry.update(fields)
        if entry.get("request_id") is None and (request_id := REQUEST_ID.get()) is not None:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["stack"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


_last_second: tuple[int, str] = (-1, "")  # the last second formatted and its text: one strftime a second


def _second(second: int) -> str:
    global _last_second  # noqa: PLW0603 - one tuple, swapped whole: a reader sees a matching pair
    last = _last_second
    if last[0] != second:
        last = _last_second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
    return last[1]


def configure_logging(level: int = logging.INFO) -> None:
    # What the JSON lines never show is not gathered per record (the logging HOWTO's "Optimization"): the
    # caller's file and line (a walk of the stack for every line), thread and process names.
    logging._srcfile = None  # type: ignore[attr-defined]
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("riwayat")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
