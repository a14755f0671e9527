"""The reports over HTTP, for hr, auditor and admin tokens of the tenant:

    GET /reports/duk.pdf?unit=CODE[&on=YYYY-MM-DD]     (or duk.csv; no unit: the whole tenant)
    GET /reports/cv/EMPLOYEE_ID.pdf[?on=YYYY-MM-DD]    (or .csv)

Refusals are JSON in the API's error shape: 401 without a valid token, 403 for other roles, 400 for a bad
date or format, 404 for an unknown unit or employee.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from riwayat.infra.auth import AuthError, verify_token
from riwayat.reports.cv import curriculum_vitae
from riwayat.reports.duk import ReportError, duk
from riwayat.reports.render import FORMATS, MEDIA_TYPES, render

ROLES = ("hr", "auditor")  # and admin: personal data, as PERSONNEL_READ in the API


def _error(status: int, code: str, message: str, request_id: str) -> JSONResponse:
    body = {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}
    headers = {"X-Request-Id": request_id}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, headers=headers)


async def _caller(request: Request, request_id: str) -> tuple[Any, Response | None]:
    services = request.app.state.services
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, _error(401, "UNAUTHENTICATED", "missing Authorization: Bearer <token>", request_id)
    try:
        principal = verify_token(services.settings, token.strip())
    except AuthError as exc:
        return None, _error(401, "UNAUTHENTICATED", str(exc), request_id)
    tenant = await services.tenants.get(principal.tenant)
    if tenant is None:
        return None, _error(401, "UNAUTHENTICATED", "the token names an unknown tenant", request_id)
    if not principal.has(*ROLES):
        return None, _error(403, "FORBIDDEN", "forbidden: reports need one of the roles admin, hr, auditor",
                            request_id)  # fmt: skip
    return tenant, None


def _on(request: Request) -> date:
    text = request.query_params.get("on")
    if not text:
        return datetime.now(UTC).date()
    if len(text) != 10:
        raise ReportError("BAD_USER_INPUT", "on must be a date YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError("BAD_USER_INPUT", "on must be a date YYYY-MM-DD") from None


STATUS = {"BAD_USER_INPUT": 400, "NOT_FOUND": 404, "UNIT_NOT_FOUND": 404}


async def report(request: Request) -> Response:
    request_id = uuid.uuid4().hex
    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        return _error(404, "NOT_FOUND", "reports are .csv or .pdf", request_id)
    tenant, refusal = await _caller(request, request_id)
    if refusal is not None:
        return refusal
    services = request.app.state.services
    pool = await services.db.pool_for_tenant(tenant.slug)
    try:
        on = _on(request)
        if request.path_params.get("kind") == "duk":
            made = await duk(pool, tenant.schema, tenant.name, request.query_params.get("unit"), on)
        else:
            try:
                employee = uuid.UUID(request.path_params["employee"])
            except ValueError:
                raise ReportError("NOT_FOUND", "no such employee") from None
            made = await curriculum_vitae(services.store, pool, tenant, employee, on)
    except ReportError as refused:
        return _error(STATUS.get(refused.code, 400), refused.code, str(refused), request_id)
    return Response(
        render(made, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={
            "X-Request-Id": request_id,
            "Content-Disposition": f'attachment; filename="{made.name}.{fmt}"',
            "Cache-Control": "no-store",  # personal data
        },
    )


def routes() -> list[Route]:
    return [
        Route("/reports/{kind:str}.{fmt:str}", _only_duk, methods=["GET"]),
        Route("/reports/cv/{employee:str}.{fmt:str}", report, methods=["GET"]),
    ]


async def _only_duk(request: Request) -> Response:
    if request.path_params["kind"] != "duk":
        return _error(404, "NOT_FOUND", "reports: /reports/duk.pdf or /reports/cv/ID.pdf", uuid.uuid4().hex)
    return await report(request)
