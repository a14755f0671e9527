"""`riwayat keys` and the KEK at start, as an operator meets them: separate processes, the test database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.privacy import Privacy, load_kek
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant
from tests.infra.test_privacy_keys import _complaint


def riwayat(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "RIWAYAT_KEK_FILE"}
    return subprocess.run(
        [sys.executable, "-m", "riwayat.cli", *args],
        capture_output=True,
        text=True,
        env=base | {"DATABASE_URL": database_url, "RIWAYAT_JWT_SECRET": "cli-test-secret-" + "y" * 32} | env,
        timeout=120,
    )


def test_without_a_kek_a_real_database_is_refused_with_what_to_do(database_url: str) -> None:
    done = riwayat(database_url, "tenant", "list")
    assert done.returncode == 2 and "KEK_MISSING" in done.stderr and "RIWAYAT_KEK_FILE" in done.stderr
    assert "Traceback" not in done.stderr


def test_new_kek_never_overwrites(database_url: str, tmp_path: Path) -> None:
    first = riwayat(database_url, "keys", "new-kek", "--out", str(tmp_path / "k.key"))
    assert first.returncode == 0 and "written" in first.stdout
    assert (tmp_path / "k.key").stat().st_mode & 0o077 == 0
    second = riwayat(database_url, "keys", "new-kek", "--out", str(tmp_path / "k.key"))
    assert second.returncode == 2 and "never overwritten" in second.stderr


async def test_rotation_there_and_back(
    database_url: str, tmp_path: Path, db: Database, tenant: Tenant, settings: Settings
) -> None:
    store = EventStore(db, privacy=Privacy(db, load_kek(settings)))
    await store.append(tenant, _complaint("0812-9").collect_events(), metadata={"actor": "cli-test"})
    session = os.environ["RIWAYAT_KEK_FILE"]
    assert riwayat(database_url, "keys", "new-kek", "--out", str(tmp_path / "new.key")).returncode == 0
    there = riwayat(
        database_url, "keys", "rotate-kek", "--new", str(tmp_path / "new.key"), RIWAYAT_KEK_FILE=session
    )
    assert there.returncode == 0 and f"{tenant.slug}: 1 data keys re-wrapped" in there.stdout, there.stderr
    stale = riwayat(database_url, "tenant", "list", RIWAYAT_KEK_FILE=session)
    assert stale.returncode == 2 and "KEK_MISMATCH" in stale.stderr
    back = riwayat(
        database_url, "keys", "rotate-kek", "--new", session, RIWAYAT_KEK_FILE=str(tmp_path / "new.key")
    )
    assert back.returncode == 0, back.stderr
    assert riwayat(database_url, "tenant", "list", RIWAYAT_KEK_FILE=session).returncode == 0
