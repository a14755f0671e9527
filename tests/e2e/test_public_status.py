"""The public status page on the served process: a reporter's code answers without a token, a miss is a
plain 404, and the server stops one address after its burst (a bounded number of requests)."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from riwayat.infra.settings import Settings
from tests.graphql.api import Api

FILE = """mutation($input: FileComplaintInput!) { fileComplaint(input: $input) {
  complaint { trackingCode } errors { code } } }"""


async def test_a_reporter_follows_a_complaint_on_the_served_process(
    live: httpx.AsyncClient, as_role: Callable[..., Api], settings: Settings
) -> None:
    input = {
        "channel": "SMS 1708",
        "category": "COMPLAINT",
        "description": "Lampu jalan mati",
        "anonymous": True,
    }
    code = (await as_role("complaint_officer").data(FILE, {"input": input}))["fileComplaint"]["complaint"]
    found = await live.get(f"/public/complaints/{code['trackingCode']}")
    assert found.status_code == 200 and found.json()["status"] == "FILED"
    assert "Lampu" not in found.text
    statuses = [
        (await live.get("/public/complaints/nope")).status_code for _ in range(settings.public_rate_burst)
    ]
    assert set(statuses) == {404, 429} and statuses[-1] == 429  # the burst was spent, on one address
