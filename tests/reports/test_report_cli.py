"""`riwayat report duk|cv` writes the same documents from the command line (format from the extension)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli.test_cli import riwayat
from tests.graphql.api import Api, token
from tests.reports.test_reports import pdf_text

PICK = "{ orgUnits { code name headcount } employees(first: 1) { edges { node { id nip name } } } }"


async def test_report_commands_write_pdf_and_csv(http, settings, database_url, demo, tmp_path: Path) -> None:
    data = (await Api(http, token(settings, demo, "hr")).run(PICK))["data"]
    unit = max(data["orgUnits"], key=lambda u: u["headcount"])
    person = data["employees"]["edges"][0]["node"]

    pdf = tmp_path / "duk.pdf"
    done = riwayat(database_url, "report", "duk", "--tenant", demo, "--unit", unit["code"], "--out", str(pdf))
    assert done.returncode == 0, done.stderr
    assert "DAFTAR URUT KEPANGKATAN" in pdf_text(pdf.read_bytes()) and unit["name"] in pdf_text(
        pdf.read_bytes()
    )

    cv = tmp_path / "drh.csv"
    done = riwayat(
        database_url, "report", "cv", "--tenant", demo, "--employee", person["id"], "--out", str(cv)
    )
    assert done.returncode == 0, done.stderr
    assert ["NIP", person["nip"]] in list(csv.reader(io.StringIO(cv.read_text())))

    unknown = riwayat(database_url, "report", "duk", "--tenant", demo, "--unit", "NOPE", "--out", str(pdf))
    assert unknown.returncode == 2 and "UNIT_NOT_FOUND" in unknown.stderr
    odd = riwayat(database_url, "report", "duk", "--tenant", demo, "--out", str(tmp_path / "duk.docx"))
    assert odd.returncode == 2 and "name it .pdf or .csv" in odd.stderr
