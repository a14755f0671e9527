"""Auditors get a signed digest on demand (`ledgerDigest`), and the server issues them on a schedule."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import httpx
import pytest

from riwayat.app import create_app
from riwayat.infra.digest import SignedDigest, generate_key_file
from riwayat.infra.digest_check import check_tenant
from tests.graphql.api import Api, token

QUERY = "{ ledgerDigest { tenant position headHash issuedAt keyId document } }"


@pytest.fixture
async def signing_app(settings, tmp_path):
    key = generate_key_file(tmp_path / "signing.pem")
    configured = replace(
        settings, signing_key_file=tmp_path / "signing.pem", digest_interval=0.2, digest_dir=tmp_path / "d"
    )
    app = create_app(configured)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as client:
            yield client, configured, key


async def test_an_auditor_gets_a_digest_that_verifies_against_the_ledger(signing_app, tenant, bare_store):
    client, configured, key = signing_app
    await Api(client, token(configured, tenant.slug, "admin")).run(
        'mutation { establishOrgUnit(input: {code: "BKPSDM", name: "BKPSDM"}) { errors { code } } }'
    )

    body = await Api(client, token(configured, tenant.slug, "auditor")).run(QUERY)

    answer = body["data"]["ledgerDigest"]
    assert answer["tenant"] == tenant.slug and answer["position"] >= 1
    assert answer["headHash"] == (await bare_store.head(tenant))[1]
    digest = SignedDigest.from_json(answer["document"])
    report = await check_tenant(bare_store, tenant, digest, trusted=key.public_key())
    assert report.verdict == "OK"


async def test_only_auditors_and_admins_get_a_digest(signing_app, tenant):
    client, configured, _ = signing_app
    body = await Api(client, token(configured, tenant.slug, "hr")).run(QUERY)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_without_a_key_the_answer_says_what_is_missing(http, settings, tenant):
    body = await Api(http, token(settings, tenant.slug, "auditor")).run(QUERY)
    assert body["errors"][0]["extensions"]["code"] == "SIGNING_KEY_MISSING"
    assert "RIWAYAT_SIGNING_KEY_FILE" in body["errors"][0]["message"]


async def test_the_server_writes_digests_on_its_schedule(signing_app, tenant, tmp_path):
    client, configured, key = signing_app
    for _ in range(100):  # bounded: 10 s at most
        mine = sorted((tmp_path / "d").glob(f"{tenant.slug}-*.json"))
        if len(mine) >= 2:
            break
        await asyncio.sleep(0.1)
    assert len(mine) >= 2, "no two scheduled digests within 10 s"
    digest = SignedDigest.from_json(mine[-1].read_bytes())
    digest.check_signature(key.public_key())
    assert digest.statement.tenant == tenant.slug
