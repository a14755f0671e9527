"""Each request of a batch judged on its own, from what the head lock shows (pure, no database)."""

from __future__ import annotations

import dataclasses
import uuid

from riwayat.domain.errors import ConcurrencyConflict, IdempotencyKeyReused
from riwayat.infra.ledger.judge import Accept, Refuse, Repeat, Replay, decide
from riwayat.infra.ledger.records import Claim, ClaimTaken
from tests.infra.ledger.requests import request

FIRST = {"stream_id": str(uuid.uuid4()), "version": 1, "positions": [4]}


def test_a_stored_key_replays_for_the_same_request_and_is_refused_for_another() -> None:
    a = uuid.uuid4()
    stored = {"same": (FIRST, "fp-1"), "old": (FIRST, None)}
    verdicts = decide(
        [
            request(a, key="same", fingerprint="fp-1"),
            request(a, key="same", fingerprint="fp-2"),
            request(a, key="old", fingerprint="fp-9"),  # stored before fingerprints: matches
            request(a, key="same"),  # a caller that sends none: matches
        ],
        {a: 0},
        stored,
        {},
    )
    assert (
        isinstance(verdicts[0], Replay)
        and verdicts[0].result.positions == [4]
        and verdicts[0].result.replayed
    )
    assert isinstance(verdicts[1], Refuse) and isinstance(verdicts[1].error, IdempotencyKeyReused)
    assert verdicts[1].error.code == "IDEMPOTENCY_KEY_REUSED"
    assert isinstance(verdicts[2], Replay) and isinstance(verdicts[3], Replay)


def test_a_key_repeated_in_one_batch_repeats_the_first_or_is_refused_for_another_request() -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    verdicts = decide(
        [
            request(a, key="k", fingerprint="x"),
            request(b, key="k", fingerprint="x"),
            request(c, key="k", fingerprint="y"),
        ],
        {a: 0, b: 0, c: 0},
        {},
        {},
    )
    assert isinstance(verdicts[0], Accept)
    assert verdicts[1] == Repeat(0)
    assert isinstance(verdicts[2], Refuse) and isinstance(verdicts[2].error, IdempotencyKeyReused)


def test_versions_count_the_requests_accepted_before_in_the_batch() -> None:
    a = uuid.uuid4()
    verdicts = decide([request(a, first=3), request(a, first=4), request(a, first=4)], {a: 2}, {}, {})
    assert [type(v) for v in verdicts] == [Accept, Accept, Refuse]
    assert isinstance(verdicts[2].error, ConcurrencyConflict)


def test_claims_are_refused_when_another_stream_holds_them_and_not_written_twice_for_their_own() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    mine, theirs = Claim("nip", "1", a), Claim("nip", "2", a)
    verdicts = decide(
        [request(a, claims=(mine, theirs)), request(b, claims=(Claim("nip", "1", b),))],
        {a: 0, b: 0},
        {},
        {("nip", "1"): a},
    )
    assert isinstance(verdicts[0], Accept) and verdicts[0].request.claims == (theirs,)  # "1" is already a's
    assert isinstance(verdicts[1], Refuse) and isinstance(verdicts[1].error, ClaimTaken)


def test_a_claim_released_earlier_in_the_batch_or_in_the_same_request_may_be_claimed_again() -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    verdicts = decide(
        [
            request(a, first=5, releases=(Claim("nip", "1", a),)),
            request(b, claims=(Claim("nip", "1", b),)),  # freed by the request before it
            request(c, releases=(Claim("nip", "2", a),), claims=(Claim("nip", "2", c),)),  # handed over
        ],
        {a: 4, b: 0, c: 0},
        {},
        {("nip", "1"): a, ("nip", "2"): a},
    )
    assert all(isinstance(v, Accept) for v in verdicts), verdicts
    assert verdicts[1].request.claims == (Claim("nip", "1", b),)  # written: the release is deleted first
    assert verdicts[2].request.claims == (Claim("nip", "2", c),)


def test_a_release_of_a_claim_another_stream_holds_frees_nothing() -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    verdicts = decide(
        [request(a, releases=(Claim("nip", "1", a),)), request(c, claims=(Claim("nip", "1", c),))],
        {a: 0, c: 0},
        {},
        {("nip", "1"): b},
    )
    assert isinstance(verdicts[0], Accept)
    assert isinstance(verdicts[1], Refuse) and isinstance(verdicts[1].error, ClaimTaken)


def test_a_command_whose_id_landed_already_is_answered_as_written_there_not_judged_again() -> None:
    # Its stream is past it (its own events moved it): judged as new, it would be a conflict, and its
    # caller would decide it a second time.
    a, b = uuid.uuid4(), uuid.uuid4()
    landed, fresh = request(a, first=3, events=2), request(b, first=1)
    verdicts = decide([landed, fresh], {a: 4, b: 0}, {}, {}, {landed.command_id: 41})
    assert isinstance(verdicts[0], Replay) and not verdicts[0].result.replayed
    assert (verdicts[0].result.stream_id, verdicts[0].result.version) == (a, 4)
    assert verdicts[0].result.positions == [40, 41]
    assert isinstance(verdicts[1], Accept)


def test_a_command_held_twice_in_one_batch_is_written_once_and_both_copies_answered_so() -> None:
    # A woken writer still holds a forwarded request that the forwarder, taking it for lost, handed it
    # again: judged as new, the second copy would be a conflict on the first's version, and its caller
    # would decide the command again (the training recorded twice).
    a = uuid.uuid4()
    first = request(a, first=3)
    again = dataclasses.replace(first)  # the same command id, as it crossed the socket again
    verdicts = decide([first, again], {a: 2}, {}, {})
    assert isinstance(verdicts[0], Accept)
    assert verdicts[1] == Repeat(0)
