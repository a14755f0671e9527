"""The SQL of an append, built by pure functions: text and parameters, no connection (tested without a
database). Tenant schema names come from the registry (validated slugs); every value is a parameter.

A batch is appended by one statement of `WITH` parts (`inserts`) over the parameters of `append_args`:
$1–$10  the events' rows (see `ROWS`)              $11–$13 the head the batch leaves
$14–$16 idempotency keys, results, fingerprints    $17–$19 claims (kind, value, stream id)
$20–$21 command ids and their last positions
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from riwayat.infra import deadlines
from riwayat.infra.ledger.chain import Chained
from riwayat.infra.ledger.records import INLINE_GATE, AppendRequest, AppendResult, Head, RecordedEvent

COLUMNS = "position, stream_id, stream_type, version, topic, data, metadata, recorded_at, effective_on, hash"
_APPEND_PARAMS = 21
_PLACEHOLDER = re.compile(r"\$(\d+)")

# The events' rows from the ten parameters made by `columns`. The data and metadata of all rows travel as
# one JSON array each (one encoding call, parsed once by the server) rather than as jsonb[], whose elements
# are encoded and quoted one by one. A batch's positions follow each other and it has one timestamp, so
# those travel as the position before the first ($1) and one value ($8): arrays cost the client an encoding
# call per element.
ROWS = (
    "(SELECT $1::bigint + r.n, r.stream_id, r.stream_type, r.version, r.topic, r.data, r.metadata,"
    " $8::timestamptz, r.effective_on, r.hash"
    " FROM ROWS FROM (unnest($2::uuid[]), unnest($3::text[]), unnest($4::int[]), unnest($5::text[]),"
    " jsonb_array_elements($6::jsonb), jsonb_array_elements($7::jsonb), unnest($9::date[]),"
    " unnest($10::text[])) WITH ORDINALITY"
    " AS r(stream_id, stream_type, version, topic, data, metadata, effective_on, hash, n)) rows"
)


def columns(recorded: Sequence[RecordedEvent]) -> list[Any]:
    first = recorded[0]
    if any(
        r.position != first.position + i or r.recorded_at != first.recorded_at for i, r in enumerate(recorded)
    ):
        raise ValueError("a batch's events have consecutive positions and one timestamp")
    return [
        first.position - 1,
        [r.stream_id for r in recorded],
        [r.stream_type for r in recorded],
        [r.version for r in recorded],
        [r.topic for r in recorded],
        [r.data for r in recorded],
        [r.metadata for r in recorded],
        first.recorded_at,
        [r.effective_on for r in recorded],
        [r.hash for r in recorded],
    ]


def result_of(events: Sequence[RecordedEvent]) -> AppendResult:
    last = events[-1]
    return AppendResult.of(last.stream_id, last.version, [e.position for e in events])


def results_of(chained: Chained) -> list[AppendResult]:
    """`result_of` of each request's events, without two of its calls for a request of one event."""
    results = []
    for events in chained:
        last = events[-1]
        positions = [last.position] if len(events) == 1 else [e.position for e in events]
        results.append(_result(last.stream_id, last.version, positions))
    return results


_result = AppendResult.of


def append_args(requests: Sequence[AppendRequest], chained: Chained) -> list[Any]:
    """Parameters $1–$21 (see the module's docstring) of the statement appending `requests` as `chained`."""
    recorded = [event for events in chained for event in events]
    last = recorded[-1]
    keyed = [(r, e) for r, e in zip(requests, chained, strict=True) if r.idempotency_key is not None]
    claims = [c for r in requests for c in r.claims]
    return [
        *columns(recorded),
        last.position,
        last.hash,
        last.recorded_at,
        [r.idempotency_key for r, _ in keyed],
        [result_of(e).to_json() for _, e in keyed],
        [r.fingerprint for r, _ in keyed],
        [c.kind for c in claims],
        [c.value for c in claims],
        [c.stream_id for c in claims],
        [r.command_id for r in requests],
        [e[-1].position for e in chained],
    ]


def held(schema: str, head: str, gate: str | None) -> str:
    """The `WITH` part of an append without inline projections: checkpoints "at the head" (NULL, see
    `projections.base.move_checkpoints`) get the position `head` (the head before the batch), where
    those projections stopped; a checkpoint holding a position already keeps it."""
    where = "" if gate is None else f" AND {gate}"
    return (
        f" held AS (UPDATE {schema}.projection_checkpoints SET position = {head}::bigint"
        f"  WHERE position IS NULL{where}),"
    )


def inserts(schema: str, gate: str | None, projected: bool = True) -> str:
    """The `WITH` parts that write a batch from `append_args`, each only when `gate` holds (always: None);
    unless `projected`, with `held` ($1, the position before the first row: the head before the batch)."""
    where = "" if gate is None else f" WHERE {gate}"
    return (
        f"{'' if projected else held(schema, '$1', gate)}"
        f"appended AS (INSERT INTO {schema}.events ({COLUMNS}) SELECT * FROM {ROWS}{where}),"
        f" keyed AS (INSERT INTO {schema}.idempotency_keys (key, result, recorded_at, fingerprint)"
        "  SELECT k.key, k.result, $13, k.fingerprint FROM ROWS FROM (unnest($14::text[]),"
        f"  jsonb_array_elements($15::jsonb), unnest($16::text[])) AS k(key, result, fingerprint){where}),"
        f" claimed AS (INSERT INTO {schema}.claims (kind, value, stream_id)"
        f"  SELECT * FROM unnest($17::text[], $18::text[], $19::uuid[]){where}),"
        f" commanded AS (INSERT INTO {schema}.commands (id, position)"
        f"  SELECT * FROM unnest($20::text[], $21::bigint[]){where})"
    )


def release(schema: str, requests: Sequence[AppendRequest]) -> tuple[str, list[Any]] | None:
    """The judged batch's released claims deleted (each only where its stream holds it), sent before the
    batch's own writes so that a later request of the batch may claim the value again; None if none."""
    released = [c for r in requests for c in r.releases]
    if not released:
        return None
    sql = (
        f"DELETE FROM {schema}.claims c USING unnest($1::text[], $2::text[], $3::uuid[]) AS u(k, v, s)"
        " WHERE c.kind = u.k AND c.value = u.v AND c.stream_id = u.s"
    )
    return sql, [[c.kind for c in released], [c.value for c in released], [c.stream_id for c in released]]


def write_judged(
    schema: str, requests: Sequence[AppendRequest], chained: Chained, projected: bool = True
) -> tuple[str, list[Any]]:
    """The judged batch's events, keys, claims and command ids, and the head's move: one statement (the
    head is locked, every part already judged). `projected`: the inline projections run in its
    transaction (else `held`)."""
    sql = (
        f"WITH {inserts(schema, None, projected)}"
        f" UPDATE {schema}.head SET position = $11, hash = $12, recorded_at = $13"
    )
    return sql, append_args(requests, chained)


def write_on_head(
    schema: str,
    head: Head,
    expected: dict,
    requests: Sequence[AppendRequest],
    chained: Chained,
    inline: Sequence[tuple[str, list[Any]]],
) -> tuple[str, list[Any]]:
    """ONE statement, outside any explicit transaction, that writes the batch chained on `head` with its
    keys, claims, command ids and the inline projections' rows — if `head` is still the head, every stream
    is at the version `expected`, none of its keys and claims is taken, and no caller's deadline has passed
    by the server's clock. Without `inline` statements (no inline projections), with `held`. It returns
    `written` and the head as it is (or as it was, when not written).

    The deadline gate: a server that hung with this statement in its socket runs it when it wakes; it
    then writes nothing for callers already told DEADLINE_EXCEEDED.

    `locked` waits for the head row and reads it as last committed. If it is the head the batch was chained
    on, nothing was appended since (every append moves the head), so what the statement checks in its
    snapshot is current. Each `inline` statement's `INLINE_GATE` becomes "the head was moved", so its rows
    are written only with the events.
    """
    args = append_args(requests, chained)
    n = _APPEND_PARAMS
    deadline = deadlines.as_timestamp(deadlines.earliest(r.deadline for r in requests))
    args.extend([head.position, head.hash, list(expected), list(expected.values()), deadline])
    parts = []
    for i, (sql, params) in enumerate(inline):
        parts.append(joined(i, sql, len(args)))
        args.extend(params)
    sql = (
        f"WITH locked AS (SELECT position, hash, recorded_at FROM {schema}.head FOR UPDATE),"
        f" moved AS (UPDATE {schema}.head SET position = $11, hash = $12, recorded_at = $13"
        f"  WHERE (SELECT position = ${n + 1} AND hash = ${n + 2} FROM locked)"
        f"  AND clock_timestamp() < coalesce(${n + 5}::timestamptz, 'infinity') AND NOT EXISTS ("
        f"    SELECT FROM unnest(${n + 3}::uuid[], ${n + 4}::int[]) AS x(stream_id, version)"
        f"   WHERE coalesce((SELECT max(version) FROM {schema}.events e WHERE e.stream_id = x.stream_id), 0)"
        "      <> x.version)"
        # Driven from the batch's own keys and claims (usually none): a primary-key probe each, whatever
        # the size of the tenant's tables.
        "  AND NOT EXISTS (SELECT FROM unnest($14::text[]) AS k(key)"
        f"    WHERE EXISTS (SELECT FROM {schema}.idempotency_keys i WHERE i.key = k.key))"
        "  AND NOT EXISTS (SELECT FROM unnest($17::text[], $18::text[]) AS u(kind, value)"
        f"    WHERE EXISTS (SELECT FROM {schema}.claims c WHERE c.kind = u.kind AND c.value = u.value))"
        "  RETURNING 1),"
        f" {inserts(schema, 'EXISTS (SELECT FROM moved)', bool(inline))}"
        f"{''.join(parts)}"
        " SELECT EXISTS (SELECT FROM moved) AS written, l.position, l.hash, l.recorded_at FROM locked l"
    )
    return sql, args


@functools.lru_cache(maxsize=512)
def joined(n: int, sql: str, offset: int) -> str:
    """An inline statement as the n-th part of `write_on_head`'s statement: its parameters renumbered
    after the append's own, its gate "the head was moved". Remembered: a tenant's texts repeat."""
    if INLINE_GATE not in sql:
        raise ValueError(f"an inline statement lacks {INLINE_GATE}: {sql}")
    sql = _PLACEHOLDER.sub(lambda m: f"${int(m.group(1)) + offset}", sql)
    return f", inline{n} AS ({sql.replace(INLINE_GATE, 'EXISTS (SELECT FROM moved)')})"


def _versions(schema: str) -> str:
    # One backward index probe per stream (max() on the (stream_id, version) index), in the order asked.
    return (
        f"ARRAY(SELECT coalesce((SELECT max(version) FROM {schema}.events e WHERE e.stream_id = s.id), 0)"
        " FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n) ORDER BY s.n)"
    )


def lock_head(schema: str) -> str:
    """The head, locked, with the versions of the streams in $1 and the position `seen` in the statement's
    snapshot (taken before the lock was granted: if it differs, the versions must be read again)."""
    return (
        f"SELECT h.position, h.hash, h.recorded_at, (SELECT position FROM {schema}.head) AS seen,"
        f" {_versions(schema)} AS versions FROM {schema}.head h FOR UPDATE OF h"
    )


def stream_versions(schema: str) -> str:
    return f"SELECT {_versions(schema)}"


def stored_keys(schema: str) -> str:
    return f"SELECT key, result, fingerprint FROM {schema}.idempotency_keys WHERE key = any($1)"


def command_positions(schema: str) -> str:
    return f"SELECT id, position FROM {schema}.commands WHERE id = any($1::text[])"


def claim_owners(schema: str) -> str:
    return (
        f"SELECT c.kind, c.value, c.stream_id FROM {schema}.claims c"
        " JOIN unnest($1::text[], $2::text[]) AS u(kind, value) ON c.kind = u.kind AND c.value = u.value"
    )


def landed(schema: str) -> str:
    """How many of the command ids in $1 are recorded at the last positions in $2: after a lost answer,
    all of them means the batch was written (`attempts.landed`)."""
    return (
        f"SELECT count(*) FROM {schema}.commands c"
        " JOIN unnest($1::text[], $2::bigint[]) AS x(id, position) ON c.id = x.id AND c.position = x.position"
    )
