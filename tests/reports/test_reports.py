"""The DUK and the DRH as a BKPSDM prints them: rendered as PDF and CSV, read back as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import httpx
from pypdf import PdfReader

from riwayat.domain.enums import EmploymentType
from riwayat.domain.rank import Rank
from tests.graphql.api import Api, token

ON = "2026-12-01"
DIRECTORY = """{ orgUnits { code name headcount }
  employees(filter: {employmentType: PNS, status: ACTIVE}, first: 100) {
    edges { node { id nip name rank rankSince unit { code } } } } }"""
CAREER = """query ($id: ID!) { employee(id: $id) { nip name rank
  history(first: 100) { edges { node { type data } } } } }"""


def _iso(dd_mm_yyyy: str) -> str:
    day, month, year = dd_mm_yyyy.split("-")
    return f"{year}-{month}-{day}"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def _directory(http, settings, slug: str) -> dict:
    return (await Api(http, token(settings, slug, "hr")).run(DIRECTORY))["data"]


def _get(http: httpx.AsyncClient, settings, slug: str, path: str, *roles: str):
    return http.get(path, headers={"Authorization": f"Bearer {token(settings, slug, *roles)}"})


async def test_the_duk_of_a_unit_lists_its_pns_by_rank_then_rank_tmt(http, settings, demo) -> None:
    data = await _directory(http, settings, demo)
    unit = max(data["orgUnits"], key=lambda u: u["headcount"])
    serving = [e["node"] for e in data["employees"]["edges"] if e["node"]["unit"]["code"] == unit["code"]]

    got = await _get(http, settings, demo, f"/reports/duk.csv?unit={unit['code']}&on={ON}", "hr")

    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert {e["nip"] for e in serving} <= {r["NIP"] for r in rows}
    keys = [(-Rank.parse(r["Gol/Ruang"], EmploymentType.PNS).index, _iso(r["TMT Pangkat"])) for r in rows]
    assert keys == sorted(keys)  # highest rank first; within a rank, the earliest TMT first
    assert all(r["Unit Kerja"] == unit["name"] for r in rows)
    first = rows[0]
    assert first["Pangkat"] == Rank.parse(first["Gol/Ruang"]).pangkat and "th" in first["Masa Kerja"]

    everyone = await _get(http, settings, demo, f"/reports/duk.csv?on={ON}", "hr")
    schooling = {r["Pendidikan"] for r in csv.DictReader(io.StringIO(everyone.text))}
    assert schooling - {"-"}, "no diploma from the education read model on the DUK"
    assert schooling <= {"-", "SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "S1", "D-IV", "S2", "S3"}

    pdf = await _get(http, settings, demo, f"/reports/duk.pdf?unit={unit['code']}&on={ON}", "auditor")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "DAFTAR URUT KEPANGKATAN" in text and unit["name"] in text and "01-12-2026" in text
    assert first["NIP"] in text and first["Nama"].split()[0] in text


async def test_the_cv_holds_the_career_with_its_decrees(http, settings, demo) -> None:
    data = await _directory(http, settings, demo)
    hr = Api(http, token(settings, demo, "hr"))
    careers = [
        (await hr.run(CAREER, {"id": e["node"]["id"]}))["data"]["employee"] | {"id": e["node"]["id"]}
        for e in data["employees"]["edges"][:15]
    ]
    person = max(careers, key=lambda c: len(c["history"]["edges"]))
    promotions = [
        n["node"]["data"] for n in person["history"]["edges"] if n["node"]["type"] == "Employee.RankPromoted"
    ]

    pdf = await _get(http, settings, demo, f"/reports/cv/{person['id']}.pdf?on={ON}", "hr")

    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "DAFTAR RIWAYAT HIDUP" in text and person["nip"] in text
    assert "Riwayat kepangkatan" in text and "Riwayat jabatan" in text
    for promoted in promotions:
        assert promoted["decree"]["number"] in text.replace("\n", "")
    as_csv = await _get(http, settings, demo, f"/reports/cv/{person['id']}.csv?on={ON}", "admin")
    lines = list(csv.reader(io.StringIO(as_csv.text)))
    assert ["Nama", person["name"]] in lines and ["NIP", person["nip"]] in lines
    assert sum(1 for line in lines if line and line[0] == person["rank"]) >= 1


async def test_reports_are_for_hr_auditor_and_admin_only(http, settings, demo) -> None:
    for role in ("viewer", "complaint_officer"):
        refused = await _get(http, settings, demo, "/reports/duk.pdf", role)
        assert refused.status_code == 403 and refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await http.get("/reports/duk.csv")).status_code == 401
    unknown = await _get(http, settings, demo, "/reports/duk.csv?unit=NOPE", "hr")
    assert (
        unknown.status_code == 404 and unknown.json()["errors"][0]["extensions"]["code"] == "UNIT_NOT_FOUND"
    )
    bad_date = await _get(http, settings, demo, "/reports/duk.csv?on=20261201", "hr")
    assert bad_date.status_code == 400


def test_within_a_rank_and_its_tmt_the_higher_kelas_jabatan_comes_first() -> None:
    from riwayat.reports.duk import DukEntry

    def entry(nip: str, job_class: int | None, hired: date) -> DukEntry:
        rank = Rank.parse("III/c", EmploymentType.PNS)
        return DukEntry(nip, nip, rank, date(2020, 4, 1), "Analis", job_class, "Bappeda", hired, 0, None,
                        date(1985, 1, 1))  # fmt: skip

    entries = [
        entry("a", 8, date(2005, 1, 1)),
        entry("b", None, date(2001, 1, 1)),
        entry("c", 11, date(2010, 1, 1)),
    ]
    # kelas jabatan (jabatan, PP 15/1979) before service years; an uncatalogued position after catalogued ones
    assert [e.nip for e in sorted(entries, key=DukEntry.key)] == ["c", "a", "b"]
