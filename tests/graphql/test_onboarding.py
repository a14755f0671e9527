"""The onboarding mutations over HTTP: enrollEmployee (with its NIP rules as user errors) and
transferEmployeeOut; receiveTransfer refuses a tampered file as a user error naming the position."""

from __future__ import annotations

from tests.graphql.api import PAYLOAD, Api, establish

ENROL = f"""mutation($input: EnrollEmployeeInput!) {{
  enrollEmployee(input: $input) {{
    employee {{ id nip status rank rankSince hiredOn source }} {PAYLOAD} }} }}"""
OUT = f"""mutation($input: TransferEmployeeOutInput!) {{
  transferEmployeeOut(input: $input) {{ employee {{ id status }} {PAYLOAD} }} }}"""
RECEIVE = f"""mutation($input: ReceiveTransferInput!) {{
  receiveTransfer(input: $input) {{ employee {{ id }} {PAYLOAD} }} }}"""
SK = {"number": "823/2020/BKD", "date": "2020-03-20"}


def enrol_input(unit_id: str, **overrides: object) -> dict:
    return {
        "nip": "19860926 201204 1 001", "name": "Rahmat Hidayat", "gender": "MALE", "birthDate": "1986-09-26",
        "employmentType": "PNS", "tmtCpns": "2012-04-01", "tmtPns": "2013-06-01", "rank": "III/c",
        "rankSince": "2020-04-01", "rankDecree": SK, "position": "Analis", "positionSince": "2021-01-04",
        "unitId": unit_id, "enrolledOn": "2025-01-02", "source": "SIASN_IMPORT",
    } | overrides  # fmt: skip


async def test_enrol_then_transfer_out_over_graphql(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    wrong = (await hr.data(ENROL, {"input": enrol_input(unit["id"], tmtCpns="2012-05-01")}))["enrollEmployee"]
    assert [(e["code"], e["field"]) for e in wrong["errors"]] == [("INVALID_NIP", "nip")]

    done = (await hr.data(ENROL, {"input": enrol_input(unit["id"])}))["enrollEmployee"]
    assert done["errors"] == []
    assert {k: done["employee"][k] for k in ("status", "rank", "rankSince", "hiredOn", "source")} == {
        "status": "ACTIVE", "rank": "III/c", "rankSince": "2020-04-01", "hiredOn": "2012-04-01",
        "source": "siasn-import",
    }  # fmt: skip
    out = {"employeeId": done["employee"]["id"], "destinationTenant": "dumai", "effectiveOn": "2025-03-01",
           "decree": SK}  # fmt: skip
    moved = (await hr.data(OUT, {"input": out}))["transferEmployeeOut"]
    assert moved["errors"] == [] and moved["employee"]["status"] == "TRANSFERRED_OUT"

    bad = {"file": '{"format": "riwayat-transfer/1"}\n{"position": 1}\n{"seal": "x"}\n', "unitId": unit["id"],
           "position": "Analis", "effectiveOn": "2025-03-01"}  # fmt: skip
    refused = (await hr.data(RECEIVE, {"input": bad}))["receiveTransfer"]
    assert refused["errors"][0]["code"] == "INVALID_TRANSFER_FILE" and refused["positions"] == []
