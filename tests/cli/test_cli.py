"""The `riwayat` command line, run as a user would: a separate process against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import jwt
import pytest


def riwayat(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "RIWAYAT_JWT_SECRET": "cli-test-secret-" + "y" * 32}
    return subprocess.run(
        [sys.executable, "-m", "riwayat.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def cli_tenant(database_url: str) -> str:
    slug = f"cli{uuid.uuid4().hex[:8]}"
    done = riwayat(database_url, "tenant", "create", slug, "--name", "Pemerintah Kota Medan")
    assert done.returncode == 0, done.stderr
    return slug


def test_tenant_create_is_idempotent_and_tenant_list_shows_it(database_url: str, cli_tenant: str) -> None:
    again = riwayat(database_url, "tenant", "create", cli_tenant, "--name", "Pemerintah Kota Medan")
    listed = riwayat(database_url, "tenant", "list")

    assert again.returncode == 0
    assert cli_tenant in listed.stdout and "Pemerintah Kota Medan" in listed.stdout


def test_a_bad_slug_is_a_clear_error(database_url: str) -> None:
    done = riwayat(database_url, "tenant", "create", "Medan; DROP SCHEMA riwayat", "--name", "x")
    assert done.returncode == 2
    assert "invalid tenant slug" in done.stderr


def test_audit_verify_export_and_verify_file(database_url: str, cli_tenant: str, tmp_path: Path) -> None:
    verified = riwayat(database_url, "audit", "verify", "--tenant", cli_tenant)
    assert verified.returncode == 0 and "ok" in verified.stdout

    out = tmp_path / "export.ndjson"
    exported = riwayat(database_url, "audit", "export", "--tenant", cli_tenant, "--out", str(out))
    assert exported.returncode == 0 and out.exists()
    assert riwayat(database_url, "audit", "verify-file", str(out)).returncode == 0


def test_verify_file_exits_1_and_names_the_broken_position(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"position": 1, "hash": "00"}\n')
    done = riwayat(database_url, "audit", "verify-file", str(bad))
    assert done.returncode == 1 and "first broken position 1" in done.stdout


def test_token_prints_a_signed_development_token(database_url: str, cli_tenant: str) -> None:
    done = riwayat(database_url, "token", "--tenant", cli_tenant, "--role", "auditor", "--ttl", "60")
    claims = jwt.decode(done.stdout.strip(), "cli-test-secret-" + "y" * 32, algorithms=["HS256"])
    assert claims["tenant"] == cli_tenant and claims["roles"] == ["auditor"]
    assert claims["exp"] - claims["iat"] == 60
