"""The append's SQL, built without a database: parameters where the text says, inline parts joined."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest

from riwayat.infra.codec import GENESIS_HASH
from riwayat.infra.ledger import statements
from riwayat.infra.ledger.chain import chain
from riwayat.infra.ledger.records import INLINE_GATE, Claim, Head
from tests.infra.ledger.requests import request

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def numbers(sql: str) -> set[int]:
    return {int(n) for n in re.findall(r"\$(\d+)", sql)}


def test_the_append_parameters_follow_the_documented_layout() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    requests = [
        request(a, events=2, key="k-1", fingerprint="fp"),
        request(b, claims=(Claim("nip", "1", b),), releases=(Claim("nip", "0", b),)),
    ]
    chained = chain(Head(10, GENESIS_HASH), requests, NOW)
    args = statements.append_args(requests, chained)

    assert len(args) == 21
    assert args[0] == 10  # the position before the first row
    assert args[3] == [1, 2, 1] and args[7] == NOW  # versions; one timestamp
    assert args[10:12] == [13, chained[-1][-1].hash]  # the head it leaves
    assert args[13] == ["k-1"] and args[14] == [{"stream_id": str(a), "version": 2, "positions": [11, 12]}]
    assert args[15] == ["fp"]
    assert args[16:19] == [["nip"], ["1"], [b]]
    assert args[19:21] == [[requests[0].command_id, requests[1].command_id], [12, 13]]
    sql, judged_args = statements.write_judged("t_x", requests, chained)
    assert numbers(sql) == set(range(1, 22)) and judged_args == args
    sql, released = statements.release("t_x", requests)
    assert numbers(sql) == {1, 2, 3} and released == [["nip"], ["0"], [b]]
    assert statements.release("t_x", requests[:1]) is None


def test_rows_must_be_consecutive_with_one_timestamp() -> None:
    (events,) = chain(Head(0, GENESIS_HASH), [request(uuid.uuid4(), events=2)], NOW)
    with pytest.raises(ValueError, match="consecutive"):
        statements.columns([events[1], events[0]])


def test_the_one_statement_write_checks_its_head_and_joins_the_inline_parts_behind_the_gate() -> None:
    a = uuid.uuid4()
    requests = [request(a, first=3)]
    chained = chain(Head(5, "ab" * 32), requests, NOW)
    inline = [
        (
            f"INSERT INTO t_x.names SELECT * FROM unnest($1::uuid[], $2::text[]) WHERE {INLINE_GATE}",
            [[a], ["n"]],
        ),
        (f"UPDATE t_x.projection_checkpoints SET position = $1 WHERE {INLINE_GATE}", [6]),
    ]
    sql, args = statements.write_on_head("t_x", Head(5, "ab" * 32), {a: 2}, requests, chained, inline)

    assert args[21:26] == [5, "ab" * 32, [a], [2], None]  # the head, versions and deadline it checks
    assert args[26:] == [[a], ["n"], 6]
    assert numbers(sql) == set(range(1, len(args) + 1))  # every parameter used, none missing
    assert INLINE_GATE not in sql and sql.count("EXISTS (SELECT FROM moved)") >= 6
    assert "unnest($27::uuid[], $28::text[])" in sql and "position = $29" in sql
    assert "clock_timestamp() < coalesce($26::timestamptz, 'infinity')" in sql


def test_an_inline_statement_without_the_gate_is_refused() -> None:
    requests = [request(uuid.uuid4())]
    chained = chain(Head(0, GENESIS_HASH), requests, NOW)
    with pytest.raises(ValueError, match="inline gate"):
        statements.write_on_head(
            "t_x", Head(0, GENESIS_HASH), {}, requests, chained, [("UPDATE t_x.n SET a = 1", [])]
        )


def test_an_append_without_inline_projections_keeps_their_checkpoints_at_the_head_before_it() -> None:
    # checkpoints "at the head" (NULL) get the head the batch was chained on: those projections stop there
    a = uuid.uuid4()
    requests = [request(a)]
    chained = chain(Head(5, GENESIS_HASH), requests, NOW)
    inline = [(f"UPDATE t_x.projection_checkpoints SET position = NULL WHERE {INLINE_GATE}", [])]
    bare, args = statements.write_on_head("t_x", Head(5, "ab" * 32), {a: 0}, requests, chained, [])
    projected, _ = statements.write_on_head("t_x", Head(5, "ab" * 32), {a: 0}, requests, chained, inline)
    judged, judged_args = statements.write_judged("t_x", requests, chained, projected=False)

    held = "held AS (UPDATE t_x.projection_checkpoints SET position = $1::bigint  WHERE position IS NULL"
    assert held in bare and args[0] == 5 and "held AS" not in projected
    assert held in judged and judged_args[0] == 5
    assert "held AS" not in statements.write_judged("t_x", requests, chained)[0]
