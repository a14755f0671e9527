"""What operators see: Prometheus counters that move with mutations, JSON request logs, CORS for frontends."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace

import httpx
import orjson

from riwayat.infra.observability import JsonFormatter
from tests.graphql.api import ESTABLISH


def _sample(metrics: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in metrics.splitlines():
        match = re.match(rf"^{name}{{(.*)}} (\S+)$", line)
        if match and ",".join(sorted(match[1].split(","))) == wanted:
            return float(match[2])
    return 0.0


async def test_metrics_move_when_mutations_are_performed(http, admin, tenant) -> None:
    before = (await http.get("/metrics")).text

    ok = await admin.run(ESTABLISH, {"input": {"code": "DISKOMINFO", "name": "Dinas Kominfo"}})
    refused = await admin.run(ESTABLISH, {"input": {"code": "DISKOMINFO", "name": "Lagi"}})

    after = (await http.get("/metrics")).text
    assert ok["data"]["establishOrgUnit"]["errors"] == []
    assert refused["data"]["establishOrgUnit"]["errors"][0]["code"] == "INVALID_INPUT"
    appended = {"tenant": tenant.slug, "type": "OrgUnit.Established"}
    assert _sample(after, "riwayat_events_appended_total", **appended) == 1
    errors = {"command": "establishOrgUnit", "code": "INVALID_INPUT"}
    assert _sample(after, "riwayat_command_errors_total", **errors) == (
        _sample(before, "riwayat_command_errors_total", **errors) + 1
    )
    assert _sample(after, "riwayat_graphql_requests_total", operation="establishOrgUnit", outcome="ok") >= 2
    assert _sample(after, "riwayat_projection_lag_events", tenant=tenant.slug, projection="employees") == 0


async def test_each_request_is_one_valid_json_log_line(admin, tenant) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("riwayat.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        await admin.run("query Units { orgUnits { code } }")
        await admin.run(ESTABLISH, {"input": {"code": "BAPPEDA", "name": "Bappeda"}})
    finally:
        logger.removeHandler(handler)

    lines = [orjson.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 2
    assert lines[0]["operation"] == "Units" and lines[1]["operation"] == "establishOrgUnit"
    for entry in lines:
        assert entry["tenant"] == tenant.slug and entry["actor"] and entry["request_id"]
        assert entry["status"] == 200 and entry["outcome"] == "ok" and entry["duration_ms"] >= 0


async def test_configured_frontend_origins_may_call_the_api_from_a_browser(settings) -> None:
    from riwayat.app import create_app

    app = create_app(replace(settings, cors_origins=("https://simpeg.pemkomedan.go.id",)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        allowed = await client.options(
            "/graphql",
            headers={
                "Origin": "https://simpeg.pemkomedan.go.id",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        other = await client.options(
            "/graphql",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert allowed.headers["access-control-allow-origin"] == "https://simpeg.pemkomedan.go.id"
    assert "access-control-allow-origin" not in other.headers
