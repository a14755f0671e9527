"""An idempotency key names one request (issue 21.4): the same request again gets the first result; the
same key with another mutation, another input or another user's token is IDEMPOTENCY_KEY_REUSED, and
nothing of the second request is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from riwayat.infra.tenants import Tenant
from tests.graphql.api import HIRE, SEPARATE, TRAINING, Api, decree, establish, hire_input


async def _payload(api: Api, document: str, input: dict[str, Any]) -> dict[str, Any]:
    data = await api.data(document, {"input": input})
    return next(iter(data.values()))


async def _head(api: Api) -> int:
    log = await api.data("{ auditLog(first: 100) { edges { node { position } } } }")
    return max((e["node"]["position"] for e in log["auditLog"]["edges"]), default=0)


def _training(employee_id: str, key: str, hours: int = 2) -> dict[str, Any]:
    return {
        "employeeId": employee_id, "title": "Pelatihan Dasar", "kind": "E_LEARNING", "hours": hours,
        "completedOn": "2024-03-01", "idempotencyKey": key,
    }  # fmt: skip


async def test_a_key_reused_for_another_request_is_refused_and_writes_nothing(
    admin: Api, hr: Api, as_role: Callable[..., Api], tenant: Tenant
) -> None:
    unit = await establish(admin)
    key = f"hire-{uuid.uuid4()}"
    first = await _payload(hr, HIRE, hire_input(unit["id"], 61, idempotencyKey=key))
    assert first["errors"] == []
    employee_id = first["employee"]["id"]
    auditor = as_role("auditor")
    head = await _head(auditor)

    # Another mutation with the key: the case of the report — it used to "succeed" and change nothing.
    leave = {"employeeId": employee_id, "reason": "RESIGNATION", "effectiveOn": "2021-01-01",
             "decree": decree(), "idempotencyKey": key}  # fmt: skip
    other_mutation = await _payload(hr, SEPARATE, leave)
    # The same mutation with another input (another NIP), and the same input from another user.
    other_input = await _payload(hr, HIRE, hire_input(unit["id"], 62, idempotencyKey=key))
    other_user = await _payload(
        as_role("hr", subject="someone-else@x"), HIRE, hire_input(unit["id"], 61, idempotencyKey=key)
    )

    for refused in (other_mutation, other_input, other_user):
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [
            ("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")
        ]
        assert refused["employee"] is None and refused["positions"] == []
    assert await _head(auditor) == head  # nothing written
    still = (await hr.data("query($id: ID) { employee(id: $id) { status } }", {"id": employee_id}))[
        "employee"
    ]
    assert still["status"] == "CANDIDATE"


async def test_the_same_request_twice_gets_the_first_result(admin: Api, hr: Api) -> None:
    unit = await establish(admin)
    employee_id = (await _payload(hr, HIRE, hire_input(unit["id"], 63)))["employee"]["id"]
    key = f"training-{uuid.uuid4()}"

    first = await _payload(hr, TRAINING, _training(employee_id, key))
    again = await _payload(hr, TRAINING, _training(employee_id, key))
    changed = await _payload(hr, TRAINING, _training(employee_id, key, hours=3))

    assert first["errors"] == again["errors"] == []
    assert again["positions"] == first["positions"] and again["version"] == first["version"] == 2
    assert [e["code"] for e in changed["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
