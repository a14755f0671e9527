"""What a forwarder keeps for itself (issue 20.2): a request whose events name a data key that only its
process holds (privacy: a new subject's key rides in the append's own statement) is written by that worker,
not handed to the writer, whose statement would lack the key. Two stores in one process stand for two
workers: their relays meet over the same unix socket as two processes' would."""

from __future__ import annotations

import asyncio
import uuid

from riwayat.domain.complaint import Complaint
from riwayat.infra.ledger import EventStore
from riwayat.infra.privacy import Privacy, load_kek
from tests.infra.ledger.fixtures import Thing, metadata


def _complaint(contact: str) -> Complaint:
    return Complaint.file(
        channel="WEB", category="PELAYANAN", description="d", employee_id=None, unit_id=None,
        reporter_contact=contact, tracking_code=None, received_on=None, anonymous=False,
        confidential=False, lapor_ticket=None,
    )  # fmt: skip


async def test_a_forwarder_writes_itself_what_names_its_own_new_data_key_and_hands_over_the_rest(
    db, settings, tenant
) -> None:
    tries = {"a": 0, "b": 0}

    def counting(name):
        async def observe(attempt) -> None:
            tries[name] += 1

        return observe

    kek = load_kek(settings)
    a, b = (EventStore(db, privacy=Privacy(db, kek), handoff=True, observer=counting(n)) for n in "ab")
    try:
        for store in (a, b, a, b):  # each writes on a head the other moved: both see the other, and elect
            await store.append(tenant, Thing(name="x").collect_events(), metadata=metadata())
        relays = [s.committer(tenant).relay for s in (a, b)]
        for _ in range(100):
            if {r.role for r in relays} == {"writer", "forwarder"} and all(r.electing.done() for r in relays):
                break
            await asyncio.sleep(0.05)
        assert {r.role for r in relays} == {"writer", "forwarder"}
        forwarder = a if relays[0].role == "forwarder" else b
        name = "a" if forwarder is a else "b"

        before = tries[name]
        handed = await forwarder.append(tenant, Thing(name="y").collect_events(), metadata=metadata())
        assert tries[name] == before  # written in the writer's batch

        complaint = _complaint("0812-77")
        kept = await forwarder.append(tenant, complaint.collect_events(), metadata=metadata())
        assert tries[name] == before + 1  # written by the forwarder itself, with its new key

        records = await forwarder.read_stream(tenant, complaint.id)
        (opened,) = await Privacy(db, load_kek(settings)).open_records(tenant, records)  # a fresh process
        assert opened.data["reporter_contact"] == "0812-77"
        assert kept.version == 1 and handed.version == 1 and isinstance(handed.stream_id, uuid.UUID)
    finally:
        await a.close()
        await b.close()
