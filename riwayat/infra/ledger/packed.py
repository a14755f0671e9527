"""The one statement of a batch chained on a known head (`statements.write_on_head`), with its lists sent
as JSON text instead of PostgreSQL arrays: the same checks, the same rows, fewer parameters.

asyncpg encodes an array element by element, and asks of each element (and of each array) whether it is
itself a sized iterable through the `collections.abc` isinstance checks: per appended command that was
more Python work than the rule and the event together. orjson writes a whole list (UUIDs, dates, dicts,
RecordedEvents as objects) in one C call, and the server reads it back with `jsonb_to_recordset`.

The events' rows are the hash chain's own input (`chain.chain(..., rows)`), each a JSON object of the
event's columns already made for its hash: joined, they are the rows, at the cost of no further encoding.
(Their keys are sorted and `data` follows them; jsonb keeps keys in its own order, so the stored values
are the same. Their effective date is the `date` or the `isoformat` of a datetime, whose date part
PostgreSQL's date input keeps, as asyncpg's date encoding does.)

The other lists are written by orjson, which refuses a subclass (asyncpg's own UUID, say): such a batch
goes as arrays (`write_on_head` returns None).

$1 the events' rows              $2 their timestamp              $3–$4 the head the batch leaves
$5 keys [key, result, fingerprint]  $6 claims [kind, value, stream id]  $7 commands [id, last position]
$8–$9 the head it was chained on    $10 expected versions [stream id, version]
$11 the earliest deadline           $12 the events' hashes           from $13 the inline statements'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from riwayat.infra import deadlines
from riwayat.infra.ledger.chain import Chained
from riwayat.infra.ledger.records import AppendRequest, Head
from riwayat.infra.ledger.statements import COLUMNS, held, joined, result_of

_dumps = orjson.dumps

ROWS = (
    "(SELECT r.position, r.stream_id, r.stream_type, r.version, r.topic, r.data, r.metadata, $2::timestamptz,"
    " r.effective_on, r.hash FROM ROWS FROM (jsonb_to_recordset($1::text::jsonb) AS (position bigint,"
    " stream_id uuid, stream_type text, version int, topic text, data jsonb, metadata jsonb,"
    " effective_on date), jsonb_array_elements_text($12::text::jsonb))"
    " AS r(position, stream_id, stream_type, version, topic, data, metadata, effective_on, hash)) rows"
)


def args(
    head: Head,
    expected: dict,
    requests: Sequence[AppendRequest],
    chained: Chained,
    rows: list[bytes] | None = None,
) -> list[Any] | None:
    """Parameters $1–$12, or None when some value is not one orjson writes as the arrays would store it.
    `rows`: the events' hash inputs, if the chain kept them (else the events are written anew)."""
    recorded = [event for events in chained for event in events]
    last = recorded[-1]
    keyed = [
        (r.idempotency_key, result_of(e).to_json(), r.fingerprint)
        for r, e in zip(requests, chained, strict=True)
        if r.idempotency_key is not None
    ]
    claims = [(c.kind, c.value, c.stream_id) for r in requests for c in r.claims]
    try:
        events = (b"[" + b",".join(rows) + b"]" if rows else _dumps(recorded)).decode()
        values = [
            events,
            last.recorded_at,
            last.position,
            last.hash,
            _dumps(keyed).decode() if keyed else "[]",
            _dumps(claims).decode() if claims else "[]",
            _dumps([(r.command_id, e[-1].position) for r, e in zip(requests, chained, strict=True)]).decode(),
            head.position,
            head.hash,
            _dumps(list(expected.items())).decode() if expected else "[]",
        ]
    except TypeError:  # a subclass of UUID or date: sent as arrays
        return None
    deadline = deadlines.as_timestamp(deadlines.earliest([r.deadline for r in requests]))
    values.append(deadline)
    values.append(_dumps([e.hash for e in recorded]).decode())
    return values


def write_on_head(
    schema: str,
    head: Head,
    expected: dict,
    requests: Sequence[AppendRequest],
    chained: Chained,
    inline: Sequence[tuple[str, list[Any]]],
    rows: list[bytes] | None = None,
) -> tuple[str, list[Any]] | None:
    """`statements.write_on_head` with the lists as JSON (None: the batch goes as arrays, see the module)."""
    values = args(head, expected, requests, chained, rows)
    if values is None:
        return None
    parts = []
    for i, (sql, params) in enumerate(inline):
        parts.append(joined(i, sql, len(values)))
        values.extend(params)
    text = _statement(schema, values[4] != "[]", values[5] != "[]", values[9] != "[]", bool(inline))
    return text + "".join(parts) + _END, values


_END = " SELECT EXISTS (SELECT FROM moved) AS written, l.position, l.hash, l.recorded_at FROM locked l"
_cache: dict[tuple[str, bool, bool, bool, bool], str] = {}


def _statement(schema: str, keyed: bool, claimed: bool, probed: bool, projected: bool = True) -> str:
    found = _cache.get((schema, keyed, claimed, probed, projected))
    if found is None:
        found = _cache[(schema, keyed, claimed, probed, projected)] = _text(
            schema, keyed, claimed, probed, projected
        )
    return found


def _text(schema: str, keyed: bool, claimed: bool, probed: bool, projected: bool) -> str:
    """Without keys (or claims), the batch's usual case, the text has no part for them: their checks and
    INSERTs cost the server plan nodes to start and relations and indexes to open and lock on every
    batch, for nothing. It then says `$5 = '[]'` (or `$6`), so a text is never used for a batch it does
    not fit: such a batch would write nothing rather than lose its keys. Likewise without versions to
    probe (`$10`: every stream's version known from the committer's own batches, `attempts.plan`).
    Without inline projections (`projected` false), with `statements.held` on the head before ($8)."""
    gate = " WHERE EXISTS (SELECT FROM moved)"
    versions = (
        "  AND NOT EXISTS ("
        "    SELECT FROM jsonb_array_elements($10::text::jsonb) AS x(e)"
        f"   WHERE coalesce((SELECT max(version) FROM {schema}.events e"
        "    WHERE e.stream_id = (x.e->>0)::uuid), 0)"
        "      <> (x.e->>1)::int)"
        if probed
        else "  AND $10::text = '[]'"
    )
    keys = (
        "  AND NOT EXISTS (SELECT FROM jsonb_array_elements($5::text::jsonb) AS k(e)"
        f"    WHERE EXISTS (SELECT FROM {schema}.idempotency_keys i WHERE i.key = k.e->>0))"
        if keyed
        else "  AND $5::text = '[]'"
    )
    claims = (
        "  AND NOT EXISTS (SELECT FROM jsonb_array_elements($6::text::jsonb) AS u(e)"
        f"    WHERE EXISTS (SELECT FROM {schema}.claims c WHERE c.kind = u.e->>0 AND c.value = u.e->>1))"
        if claimed
        else "  AND $6::text = '[]'"
    )
    keyed_part = (
        f" keyed AS (INSERT INTO {schema}.idempotency_keys (key, result, recorded_at, fingerprint)"
        f"  SELECT k.e->>0, k.e->1, $2, k.e->>2 FROM jsonb_array_elements($5::text::jsonb) AS k(e){gate}),"
        if keyed
        else ""
    )
    claimed_part = (
        f" claimed AS (INSERT INTO {schema}.claims (kind, value, stream_id)"
        "  SELECT c.e->>0, c.e->>1, (c.e->>2)::uuid"
        f"  FROM jsonb_array_elements($6::text::jsonb) AS c(e){gate}),"
        if claimed
        else ""
    )
    return (
        f"WITH locked AS (SELECT position, hash, recorded_at FROM {schema}.head FOR UPDATE),"
        f" moved AS (UPDATE {schema}.head SET position = $3, hash = $4, recorded_at = $2"
        "  WHERE (SELECT position = $8 AND hash = $9 FROM locked)"
        "  AND clock_timestamp() < coalesce($11::timestamptz, 'infinity')"
        f"{versions}{keys}{claims}"
        "  RETURNING 1),"
        f" appended AS (INSERT INTO {schema}.events ({COLUMNS}) SELECT * FROM {ROWS}{gate}),"
        f"{keyed_part}{claimed_part}{'' if projected else held(schema, '$8', 'EXISTS (SELECT FROM moved)')}"
        f" commanded AS (INSERT INTO {schema}.commands (id, position)"
        f"  SELECT c.e->>0, (c.e->>1)::bigint FROM jsonb_array_elements($7::text::jsonb) AS c(e){gate})"
    )
