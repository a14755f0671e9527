"""`riwayat serve --demo --port P` tells the truth: the GraphiQL address and the curl it prints are for port
P, it says where it listens, and the printed curl answers with demo data."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import _free_port

ROOT = Path(__file__).resolve().parents[2]


def test_serve_demo_prints_its_real_address_and_a_working_curl(database_url: str, tmp_path: Path) -> None:
    port = _free_port()
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    env = os.environ | {"DATABASE_URL": database_url, "RIWAYAT_DIGEST_INTERVAL": "0"}
    with out.open("wb") as o, err.open("wb") as e:
        command = ["serve", "--demo", "--employees", "40", "--port", str(port)]
        process = subprocess.Popen(
            [sys.executable, "-m", "riwayat.cli", *command], cwd=ROOT, env=env, stdout=o, stderr=e
        )
    try:
        deadline = time.monotonic() + 240
        while "listening on" not in err.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, err.read_text()
            time.sleep(0.2)
        printed, said = out.read_text(), err.read_text()
        assert f"listening on http://127.0.0.1:{port}" in said, said
        assert f"GraphiQL: http://127.0.0.1:{port}/graphql" in printed
        assert ":8000" not in printed
        curl = next(line for line in printed.splitlines() if line.startswith("curl "))
        if shutil.which("curl"):
            answer = subprocess.run(shlex.split(curl), capture_output=True, text=True, timeout=30).stdout
        else:  # the same request, as the printed line says it
            args = shlex.split(curl)
            headers = dict(args[i + 1].split(": ", 1) for i, a in enumerate(args) if a == "-H")
            body = args[args.index("-d") + 1]
            answer = httpx.post(args[2], headers=headers, content=body, timeout=30).text
        total = re.search(r'"totalCount":\s*(\d+)', answer)
        assert total and int(total.group(1)) > 0, answer
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
