"""`GET /public/complaints/{trackingCode}` over HTTP, without a token: a real code answers with status,
dates and the published response and nothing personal; unknown, malformed and another tenant's codes get
the same answer; the per-address rate limit holds (a bounded number of requests)."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from starlette.applications import Starlette
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from riwayat.infra.http_server import uvicorn_options
from riwayat.infra.tenants import TenantRegistry
from riwayat.public import TokenBuckets
from tests.graphql.api import Api, establish, hire, token

FILE = """mutation($input: FileComplaintInput!) { fileComplaint(input: $input) {
  complaint { id trackingCode } errors { code } } }"""
TRIAGE = """mutation($input: TriageComplaintInput!) { triageComplaint(input: $input) { errors { code } } }"""
RESPOND = (
    """mutation($input: RespondToComplaintInput!) { respondToComplaint(input: $input) { errors { code } } }"""
)
_addresses = itertools.count(1)


@pytest.fixture
async def public(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A client from its own address (the buckets are per address), without any token."""
    n = next(_addresses)
    transport = httpx.ASGITransport(app=app, client=(f"10.9.{n // 250}.{n % 250 + 1}", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as client:
        yield client


async def filed(officer: Api, **fields: object) -> dict:
    input = {
        "channel": "LAPOR!",
        "category": "COMPLAINT",
        "description": "Budi Santoso 0812-7777-1234 dimintai uang",
    }
    payload = (await officer.data(FILE, {"input": input | fields}))["fileComplaint"]
    assert payload["errors"] == [], payload
    return payload["complaint"]


async def test_a_real_code_answers_with_status_dates_and_the_published_response_only(
    public: httpx.AsyncClient, admin: Api, hr: Api, as_role: Callable[..., Api]
) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin, name="Dinas Kependudukan dan Catatan Sipil")
    emp = await hire(hr, unit["id"], 81)
    c = await filed(
        officer,
        employeeId=emp["id"],
        unitId=unit["id"],
        reporterContact="0812-7777-1234",
        receivedOn="2026-03-13",
        laporTicket="5099999",
    )
    await officer.data(TRIAGE, {"input": {"complaintId": c["id"], "unitId": unit["id"], "on": "2026-03-16"}})
    answer = {
        "complaintId": c["id"],
        "response": "Berkas Anda selesai; silakan ambil di loket 3.",
        "on": "2026-03-17",
    }
    await officer.data(RESPOND, {"input": answer})

    response = await public.get(f"/public/complaints/{c['trackingCode']}")
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["trackingCode"] == c["trackingCode"] and body["status"] == "TRIAGED"
    assert (body["receivedOn"], body["verifiedOn"], body["respondedOn"]) == (
        "2026-03-13",
        "2026-03-16",
        "2026-03-17",
    )
    assert body["response"] == answer["response"] and body["verificationDue"] == "2026-03-25"
    text = response.text
    for personal in ("0812", "Budi", emp["name"], emp["nip"], emp["id"], c["id"], "5099999", unit["id"]):
        assert personal not in text, personal
    # the code's body is case-insensitive, as it would be typed from an SMS
    assert (await public.get(f"/public/complaints/{c['trackingCode'].lower()}")).json() == body


async def test_unknown_malformed_and_other_tenants_codes_answer_identically(
    public: httpx.AsyncClient, as_role: Callable[..., Api], registry: TenantRegistry, http, settings, new_slug
) -> None:
    mine = await filed(as_role("complaint_officer"))
    other = await registry.create(new_slug + "o", "Other")
    theirs = await filed(Api(http, token(settings, other.slug, "complaint_officer")))
    slug, body_of_mine = mine["trackingCode"].split("-", 1)
    _, body_of_theirs = theirs["trackingCode"].split("-", 1)
    unknown = [
        f"{slug}-{body_of_theirs}",  # another tenant's real code, under this tenant
        f"{other.slug}-{body_of_mine}",  # and this one's under the other
        f"{slug}-0000-0000-0000",  # well formed, never issued
        f"nosuchtenant-{body_of_mine}",  # no such tenant
        "abc",
        f"{slug}-{body_of_mine}X",
        "t_x';DROP TABLE complaints;--",
        "x" * 300,
        "medan-ÄÄÄÄ-0000-0000",
    ]
    answers = []
    for code in unknown:
        started = time.perf_counter()
        r = await public.get(f"/public/complaints/{code}")
        answers.append((r.status_code, r.content, dict(r.headers), time.perf_counter() - started))
    assert {(s, b) for s, b, _, _ in answers} == {
        (404, b'{"error":"NOT_FOUND","message":"no complaint has this tracking code"}')
    }
    # the same headers too, but for the request id every answer gets (random, so it tells nothing)
    assert (
        len({tuple(sorted((k, v) for k, v in h.items() if k != "x-request-id")) for _, _, h, _ in answers})
        == 1
    )
    # every answer waited at least the configured floor (a hit takes the same): no fast path to time
    assert min(t for *_, t in answers) >= settings.public_answer_floor_ms / 1000
    assert (await public.get(f"/public/complaints/{theirs['trackingCode']}")).status_code == 200


async def test_the_rate_limit_holds_per_address(public: httpx.AsyncClient, app: Starlette, settings) -> None:
    burst = settings.public_rate_burst
    codes = [(await public.get("/public/complaints/abc")).status_code for _ in range(burst + 3)]
    assert codes == [404] * burst + [429] * 3
    limited = await public.get("/public/complaints/abc")
    assert limited.json()["error"] == "RATE_LIMITED" and int(limited.headers["retry-after"]) >= 1
    transport = httpx.ASGITransport(app=app, client=("10.8.0.1", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as elsewhere:
        assert (await elsewhere.get("/public/complaints/abc")).status_code == 404


async def test_behind_the_proxy_each_forwarded_client_has_a_bucket(app: Starlette, settings) -> None:
    # What uvicorn does with `riwayat serve`'s options: X-Forwarded-For names the client, from trusted peers.
    options = uvicorn_options(settings)
    assert options["proxy_headers"] is True
    proxied = ProxyHeadersMiddleware(app, trusted_hosts=options["forwarded_allow_ips"])

    async def codes(peer: str, forwarded_for: str, n: int) -> list[int]:
        transport = httpx.ASGITransport(app=proxied, client=(peer, 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as client:
            headers = {"X-Forwarded-For": forwarded_for}
            answers = [await client.get("/public/complaints/abc", headers=headers) for _ in range(n)]
            return [a.status_code for a in answers]

    burst = settings.public_rate_burst
    assert await codes("127.0.0.1", "203.0.113.7", burst + 1) == [404] * burst + [429]
    assert await codes("127.0.0.1", "203.0.113.8", 1) == [404]  # another citizen behind the same proxy
    # an untrusted peer cannot pick a fresh address per request: its own address is what is limited
    spoofed = [await codes("198.51.100.9", f"203.0.113.{i}", 1) for i in range(20, 20 + burst + 1)]
    assert sum(spoofed, []) == [404] * burst + [429]


def test_buckets_refill_at_the_rate_and_stay_bounded() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate_per_minute=60, burst=2, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)][:2] == [0.0, 0.0] and buckets.take("a") > 0
    now[0] += 1.0  # one token a second
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    for i in range(10_050):
        buckets.take(f"k{i}")
    assert len(buckets.buckets) == 10_000
