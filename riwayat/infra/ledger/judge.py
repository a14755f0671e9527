"""Judging a batch under the head lock: which requests may be written, and each other one's answer.

Each request is judged on its own — its idempotency key (and the fingerprint of the request it was first
used for), the versions of its streams (including versions taken by requests earlier in the same batch)
and its claims — so a refused request is left out of the batch and never fails its neighbours.

A request whose command id is in `commands` already was written by another process that held it too (a
writer fenced off while it hung, which wrote it when it woke, see `handoff`): it is answered as written
there. Judged as new, its streams would have moved under it, and its caller, told of a conflict, would
decide it again: the same training recorded twice. For the same reason a command held twice in one batch
(the woken writer's old copy of a forwarded request, and the copy the forwarder, taking it for lost, handed
to it again) is written once and both copies are answered as the first (`Repeat`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

import asyncpg

from riwayat.domain.errors import ConcurrencyConflict, key_reused
from riwayat.infra.ledger import recovery, statements
from riwayat.infra.ledger.records import AppendRequest, AppendResult, Claim, ClaimTaken, Head


@dataclass(frozen=True)
class Accept:
    """Written with the batch; `request` is the one to write (without the claims its stream holds)."""

    request: AppendRequest


@dataclass(frozen=True)
class Replay:
    result: AppendResult


@dataclass(frozen=True)
class Refuse:
    error: Exception


@dataclass(frozen=True)
class Repeat:
    """The same key (keyless: the same command id) as the request at `of`, earlier in the batch: that
    one's answer, as a replay."""

    of: int


Verdict = Accept | Replay | Refuse | Repeat
Owners = dict[tuple[str, str], UUID]


def decide(
    requests: Sequence[AppendRequest],
    versions: dict[UUID, int],
    stored: dict[str, tuple[dict[str, Any], str | None]],
    owners: Owners,
    landed: dict[str, int | AppendResult] | None = None,
) -> list[Verdict]:
    """The verdicts, given the streams' versions, the stored keys (result, fingerprint) and the claims'
    owners as they are under the lock. Pure: `versions` and `owners` are updated as requests are accepted,
    so a later request of the batch may claim what an earlier one released (deleted first, see
    `statements.release`). Claims a stream already holds are not written again. `landed`: the last
    position of each command id of the batch already written, or its result as the log holds it (keyless
    requests: a key answers itself)."""
    verdicts: list[Verdict] = []
    batch_keys: dict[str, int] = {}
    batch_ids: dict[str, int] = {}  # keyless requests accepted so far, by command id
    for i, request in enumerate(requests):
        key = request.idempotency_key
        if key is None and landed and request.command_id in landed:
            found = landed[request.command_id]  # (a position: this very request landed there)
            found = found if type(found) is AppendResult else AppendResult.landed_at(request, found)
            verdicts.append(Replay(found))
            continue
        if key is None and request.command_id in batch_ids:  # held twice: see the module
            verdicts.append(Repeat(batch_ids[request.command_id]))
            continue
        if key is not None and key in stored:
            result, fingerprint = stored[key]
            if _differ(fingerprint, request.fingerprint):
                verdicts.append(Refuse(key_reused(key)))
            else:
                verdicts.append(Replay(AppendResult.from_json(result, replayed=True)))
            continue
        if key is not None and key in batch_keys:
            first = requests[batch_keys[key]]
            if _differ(first.fingerprint, request.fingerprint):
                verdicts.append(Refuse(key_reused(key)))
            else:
                verdicts.append(Repeat(batch_keys[key]))
            continue
        # released before its own claims are judged: a return may hand a NIP from its old stream to a new one
        handed = {(c.kind, c.value) for c in request.releases if owners.get((c.kind, c.value)) == c.stream_id}
        if refusal := _refusal(request, versions, owners, handed):
            verdicts.append(Refuse(refusal))
            continue
        new = tuple(
            c for c in request.claims if (c.kind, c.value) in handed or (c.kind, c.value) not in owners
        )
        verdicts.append(Accept(request if len(new) == len(request.claims) else replace(request, claims=new)))
        if key is not None:
            batch_keys[key] = i
        else:
            batch_ids[request.command_id] = i
        for stream_id, version, *_ in request.encoded:
            versions[stream_id] = version
        for kind_value in handed:
            del owners[kind_value]
        for claim in request.claims:
            owners[(claim.kind, claim.value)] = claim.stream_id
    return verdicts


def _differ(stored: str | None, given: str | None) -> bool:
    """Keys recorded without a fingerprint (before there were any) match every request."""
    return stored is not None and given is not None and stored != given


def _refusal(
    request: AppendRequest, versions: dict[UUID, int], owners: Owners, handed: set[tuple[str, str]]
) -> Exception | None:
    for stream_id, first in request.first_versions.items():
        current = versions.get(stream_id, 0)
        if current != first - 1:
            return ConcurrencyConflict(
                f"stream {stream_id} is at version {current}, the change was made on version {first - 1}"
            )
    for claim in request.claims:
        if (claim.kind, claim.value) in handed:
            continue
        if owners.get((claim.kind, claim.value), claim.stream_id) != claim.stream_id:
            return ClaimTaken(claim)
    return None


async def judge(
    con: asyncpg.Connection, schema: str, requests: Sequence[AppendRequest]
) -> tuple[Head, list[Verdict]]:
    """Lock the head, read what the verdicts depend on, decide.

    The head lock and the streams' versions come in one statement. Its snapshot is taken before the lock
    is granted, so if another transaction appended while this one waited for the lock, the versions read
    may be stale: `seen` (the head position in that snapshot) then differs from the locked head, and the
    versions are read again — now under the lock, by a statement with a fresh snapshot.
    """
    streams = list({s for r in requests for s in r.first_versions})
    row = await con.fetchrow(statements.lock_head(schema), streams)
    found = row["versions"]
    if row["seen"] != row["position"]:
        found = await con.fetchval(statements.stream_versions(schema), streams)
    versions = dict(zip(streams, found, strict=True))
    keys = [r.idempotency_key for r in requests if r.idempotency_key is not None]
    stored = {}
    if keys:
        rows = await con.fetch(statements.stored_keys(schema), keys)
        stored = {r["key"]: (r["result"], r["fingerprint"]) for r in rows}
    owners = await _claim_owners(con, schema, [c for r in requests for c in (*r.claims, *r.releases)])
    ids = [r.command_id for r in requests if r.idempotency_key is None]
    landed = {}
    if ids:
        rows = await con.fetch(statements.command_positions(schema), ids)
        # its stream and version as the log holds them: a copy decided again (a call a woken writer runs)
        # has versions of its own (a command's events are as many however often it is decided)
        count = {r.command_id: len(r.encoded) for r in requests}
        landed = {r["id"]: await recovery.result_at(con, schema, r["position"], count[r["id"]]) for r in rows}
    head = Head(row["position"], row["hash"], row["recorded_at"])
    return head, decide(requests, versions, stored, owners, landed)


async def _claim_owners(con: asyncpg.Connection, schema: str, claims: list[Claim]) -> Owners:
    if not claims:
        return {}
    rows = await con.fetch(
        statements.claim_owners(schema), [c.kind for c in claims], [c.value for c in claims]
    )
    return {(r["kind"], r["value"]): r["stream_id"] for r in rows}
