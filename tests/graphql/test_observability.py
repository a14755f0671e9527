"""What operators see: Prometheus counters that move with mutations, JSON request logs, CORS for frontends."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
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
    establish = {"operation": "establishOrgUnit"}
    for outcome in ("ok", "user_error"):  # the refusal is HTTP 200 too: counted from the GraphQL result
        labels = establish | {"outcome": outcome}
        assert _sample(after, "riwayat_graphql_requests_total", **labels) == (
            _sample(before, "riwayat_graphql_requests_total", **labels) + 1
        )
    assert _sample(after, "riwayat_projection_lag_events", tenant=tenant.slug, projection="employees") == 0


@contextlib.contextmanager
def request_log() -> Iterator[list[dict]]:
    """The request log's lines written inside the block, parsed (the list is filled when it ends)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("riwayat.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    lines: list[dict] = []
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        lines.extend(orjson.loads(line) for line in stream.getvalue().splitlines())


async def test_each_request_is_one_valid_json_log_line(admin, tenant) -> None:
    with request_log() as lines:
        await admin.run("query Units { orgUnits { code } }")
        await admin.run(ESTABLISH, {"input": {"code": "BAPPEDA", "name": "Bappeda"}})

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


def _capture(logger_name: str = "riwayat") -> tuple[io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return stream, handler


async def test_outcomes_are_counted_from_the_graphql_result_not_the_http_status(
    http, admin, as_role, tenant
) -> None:
    viewer = as_role("viewer")
    before = (await http.get("/metrics")).text
    cases = [
        (admin, "{ orgUnits { code } }", {}, "orgUnits", "ok"),
        (admin, "{ orgUnitz { code } }", {}, "other", "invalid"),
        (
            viewer,
            ESTABLISH,
            {"input": {"code": "DISDIK", "name": "Dinas Pendidikan"}},
            "establishOrgUnit",
            "forbidden",
        ),
        (admin, '{ auditLog(after: "forged") { edges { cursor } } }', {}, "auditLog", "user_error"),
    ]
    for api, query, variables, _, _ in cases:
        assert (await api.post(query, variables)).status_code == 200
    after = (await http.get("/metrics")).text
    for _, _, _, operation, outcome in cases:
        labels = {"operation": operation, "outcome": outcome}
        assert _sample(after, "riwayat_graphql_requests_total", **labels) == (
            _sample(before, "riwayat_graphql_requests_total", **labels) + 1
        ), labels


async def test_the_operation_label_is_a_root_field_never_a_client_chosen_name(http, admin) -> None:
    for i in range(5):
        response = await admin.http.post(
            "/graphql",
            json={"query": f"query Client{i}x {{ orgUnits {{ id }} }}", "operationName": f"Client{i}x"},
            headers={"Authorization": f"Bearer {admin.bearer}"},
        )
        assert response.status_code == 200
    await admin.post("{ orgUnits { id } employees { totalCount } }")
    metrics = (await http.get("/metrics")).text
    assert "Client0x" not in metrics and "Client4x" not in metrics
    labels = set(re.findall(r'riwayat_graphql_requests_total\{[^}]*operation="([^"]+)"', metrics))
    assert {"orgUnits", "multiple"} <= labels
    from riwayat.graphql.schema import build_schema

    schema = build_schema(introspection=True)._schema
    fixed = set(schema.query_type.fields) | set(schema.mutation_type.fields)
    fixed |= {"multiple", "other", "introspection", "unauthenticated", "refused", "graphiql"}
    assert labels <= fixed, labels - fixed


async def test_process_and_python_runtime_metrics_are_exported(http) -> None:
    metrics = (await http.get("/metrics")).text
    for name in (
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
        "python_info",
        "python_gc_objects_collected_total",
    ):
        assert f"\n{name}" in metrics or f"\n# TYPE {name.removesuffix('_total')}" in metrics, name


async def test_refused_and_graphiql_requests_are_logged_with_their_request_id(settings, admin) -> None:
    from riwayat.app import create_app

    app = create_app(replace(settings, graphiql=True))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        auth = {"Authorization": f"Bearer {admin.bearer}"}
        stream, handler = _capture()  # after start-up: only what the requests log
        try:
            answers = [
                await client.post("/graphql", json={"query": "{ orgUnits { id } }"}),  # 401
                await client.post(
                    "/graphql", content=b"{oops", headers=auth | {"Content-Type": "application/json"}
                ),
                await client.put("/graphql", json={"query": "{ orgUnits { id } }"}, headers=auth),  # 405
                await client.get("/graphql", headers={"Accept": "text/html"}),  # GraphiQL
            ]
        finally:
            logging.getLogger("riwayat").removeHandler(handler)
    assert [a.status_code for a in answers] == [401, 400, 405, 200]
    lines = [orjson.loads(line) for line in stream.getvalue().splitlines()]
    lines = [line for line in lines if line["logger"] != "riwayat.digest"]  # a background task, no request
    requests = [line for line in lines if line["message"] == "request"]
    assert [line["status"] for line in requests] == [401, 400, 405, 200]
    assert [line["request_id"] for line in requests] == [a.headers["x-request-id"] for a in answers]
    assert all(line["request_id"] for line in lines), [line for line in lines if not line.get("request_id")]


async def test_every_log_line_written_during_a_request_carries_its_request_id(admin, monkeypatch) -> None:
    from riwayat.projections import org_units

    async def broken(*args: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(org_units, "list_units", broken)
    admin.headers["X-Request-Id"] = "req-logged-2"
    stream, handler = _capture()
    try:
        await admin.post("{ orgUnits { id } }")
    finally:
        logging.getLogger("riwayat").removeHandler(handler)
    lines = [orjson.loads(line) for line in stream.getvalue().splitlines()]
    assert {line["logger"] for line in lines} >= {"riwayat.graphql", "riwayat.request"}
    assert {line["request_id"] for line in lines} == {"req-logged-2"}


async def test_labels_follow_the_chosen_operation_each_time_the_same_document_is_sent(admin) -> None:
    document = "query Units { orgUnits { id } } query Count { employees { totalCount } }"
    with request_log() as lines:
        for name in ("Units", "Count", "Units", "Count"):  # the names are remembered per document: no mix-up
            response = await admin.http.post(
                "/graphql", json={"query": document, "operationName": name},
                headers={"Authorization": f"Bearer {admin.bearer}", "X-Correlation-Id": f"c-{name}"},
            )  # fmt: skip
            assert response.status_code == 200 and "errors" not in response.json()
        odd = await admin.http.post(  # a name that is not text: answered, not a fault of ours
            "/graphql", json={"query": document, "operationName": {"not": "a name"}},
            headers={"Authorization": f"Bearer {admin.bearer}"},
        )  # fmt: skip
        assert odd.status_code in (200, 400) and odd.json()["errors"]
    named = [(e["operation"], e["correlation_id"]) for e in lines[:4]]
    assert named == [("Units", "c-Units"), ("Count", "c-Count"), ("Units", "c-Units"), ("Count", "c-Count")]
    assert lines[4]["correlation_id"] is None and lines[4]["status"] in (200, 400)
