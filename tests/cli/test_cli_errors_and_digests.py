"""The command line's refusals are clear (one line, exit 2, no traceback), and its digest commands prove a
ledger or an export still holds what was digested — run as a user would, in separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.cli.test_cli import riwayat
from tests.infra.ledger.fixtures import Thing, metadata


def _clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr


@pytest.fixture(scope="module")
def tenant_slug(database_url: str) -> str:
    slug = f"cli{uuid.uuid4().hex[:8]}"
    assert riwayat(database_url, "tenant", "create", slug, "--name", "Pemerintah Kota Dumai").returncode == 0
    return slug


def test_a_bad_slug_shows_the_real_pattern(database_url: str) -> None:
    done = riwayat(database_url, "tenant", "create", "Bad Slug", "--name", "x")
    assert done.returncode == 2 and "^[a-z][a-z0-9_]{1,30}$" in done.stderr
    _clean(done)


def test_an_unknown_event_loop_is_refused_with_the_choices(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIWAYAT_EVENT_LOOP", "trio")
    done = riwayat(database_url, "tenant", "list")
    assert done.returncode == 2 and "must be one of auto, uvloop, asyncio, not 'trio'" in done.stderr
    _clean(done)


def test_export_into_a_missing_directory_is_a_clear_error(database_url: str, tenant_slug: str) -> None:
    done = riwayat(database_url, "audit", "export", "--tenant", tenant_slug, "--out", "/no/such/dir/x")
    assert done.returncode == 2 and "cannot write /no/such/dir/x" in done.stderr
    _clean(done)


def test_verify_file_of_a_directory_is_a_clear_error(database_url: str, tmp_path: Path) -> None:
    done = riwayat(database_url, "audit", "verify-file", str(tmp_path))
    assert done.returncode == 2 and "is not a file" in done.stderr
    _clean(done)


def test_a_token_for_an_unknown_tenant_or_already_expired_is_refused(
    database_url: str, tenant_slug: str
) -> None:
    unknown = riwayat(database_url, "token", "--tenant", "atlantis", "--role", "hr")
    assert unknown.returncode == 2 and "no tenant atlantis" in unknown.stderr and unknown.stdout == ""
    for ttl in ("0", "-5"):
        expired = riwayat(database_url, "token", "--tenant", tenant_slug, "--role", "hr", "--ttl", ttl)
        assert expired.returncode == 2 and "must be more than 0 seconds" in expired.stderr
        assert expired.stdout == ""


def test_without_a_database_the_tenant_is_not_checked_but_a_warning_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"RIWAYAT_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "riwayat.cli", "token", "--tenant", "atlantis", "--role", "hr"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.count(".") == 2  # a JWT
    assert "warning" in done.stderr and "not checked" in done.stderr
    assert not (tmp_path / "pg").exists()  # no embedded server was started for it


def _with_key(database_url: str, key: Path, *args: str) -> subprocess.CompletedProcess[str]:
    os.environ["RIWAYAT_SIGNING_KEY_FILE"] = str(key)
    try:
        return riwayat(database_url, *args)
    finally:
        del os.environ["RIWAYAT_SIGNING_KEY_FILE"]


async def test_digest_then_verify_the_ledger_and_exports_against_it(
    database_url: str, bare_store, tenant, tmp_path: Path
) -> None:
    for i in range(5):
        thing = Thing(name=f"Pegawai {i}")
        await bare_store.append(tenant, thing.collect_events(), metadata=metadata())
    tenant_slug = tenant.slug
    key = tmp_path / "signing.pem"
    made = riwayat(database_url, "audit", "keygen", "--out", str(key))
    assert made.returncode == 0 and "BEGIN PUBLIC KEY" in made.stdout
    public = tmp_path / "riwayat.pub"
    printed = _with_key(database_url, key, "audit", "public-key")
    assert printed.stdout == made.stdout
    public.write_text(printed.stdout)

    digest = tmp_path / "digest.json"
    done = _with_key(database_url, key, "audit", "digest", "--tenant", tenant_slug, "--out", str(digest))
    assert done.returncode == 0, done.stderr
    statement = json.loads(digest.read_text())["statement"]
    assert statement["tenant"] == tenant_slug and statement["position"] == 5

    verified = riwayat(
        database_url, "audit", "verify", "--tenant", tenant_slug, "--digest", str(digest),
        "--public-key", str(public),
    )  # fmt: skip
    assert verified.returncode == 0 and "unchanged" in verified.stdout, verified.stdout + verified.stderr

    export = tmp_path / "export.ndjson"
    assert (
        riwayat(database_url, "audit", "export", "--tenant", tenant_slug, "--out", str(export)).returncode
        == 0
    )
    whole = riwayat(database_url, "audit", "verify-file", str(export), "--digest", str(digest))
    assert whole.returncode == 0 and "key ed25519:" in whole.stdout
    cut = tmp_path / "cut.ndjson"
    cut.write_bytes(b"".join(export.read_bytes().splitlines(keepends=True)[:-1]))
    truncated = riwayat(database_url, "audit", "verify-file", str(cut), "--digest", str(digest))
    assert truncated.returncode == 1 and "TAIL_CUT" in truncated.stdout
    assert "were cut off" in truncated.stdout

    forged = json.loads(digest.read_text())
    forged["statement"]["position"] -= 1
    digest.write_text(json.dumps(forged))
    refused = riwayat(database_url, "audit", "verify-file", str(export), "--digest", str(digest))
    assert refused.returncode == 2 and "DIGEST_SIGNATURE_INVALID" in refused.stderr
    _clean(refused)


def test_a_digest_needs_a_key_when_a_database_is_configured(database_url: str, tenant_slug: str) -> None:
    done = riwayat(database_url, "audit", "digest", "--tenant", tenant_slug)
    assert done.returncode == 2 and "RIWAYAT_SIGNING_KEY_FILE" in done.stderr
    _clean(done)
