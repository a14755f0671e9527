"""Does a ledger (in the database or an export) still contain the prefix a signed digest pinned, unchanged?

The chain is recomputed as `riwayat audit verify` does, remembering the verified hashes at the digest's
position and checkpoints; then the verdict names what happened:

- `OK`: events 1..N are there and event N's chained hash is the digested one (so are the checkpoints);
- `TAIL_CUT`: the ledger or export ends before N (events cut off, the head rewound);
- `HEAD_REWOUND`: the head was set back before N although the events after it are still stored;
- `HISTORY_REWRITTEN`: the chain verifies but its hash at N is not the digested one: it was recomputed from
  a position on, narrowed down by the checkpoints;
- `CHAIN_BROKEN`: the chain itself is broken (a changed or missing event), as plain verification says;
- `WRONG_TENANT`: the digest is of another tenant.
A digest whose signature does not verify is refused before any of this (DigestError).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from riwayat.infra.audit import ChainChecker, IntegrityReport, verify_file, verify_tenant
from riwayat.infra.digest import SignedDigest, Statement
from riwayat.infra.tenants import Tenant


@dataclass(frozen=True)
class DigestReport:
    ok: bool
    verdict: str
    message: str
    digest_position: int
    ledger_position: int
    chain: IntegrityReport
    rewritten_after: int | None = None  # the last position still as digested (a checkpoint), if known


def _checker(statement: Statement) -> ChainChecker:
    return ChainChecker(watch={statement.position, *(p for p, _ in statement.checkpoints)})


def judge(
    statement: Statement,
    chain: IntegrityReport,
    seen: dict[int, str],
    where: str,
    end: int,
    stored: int | None = None,
) -> DigestReport:
    """`end`: the last position the ledger claims (its head, or the export's last line); `stored`: the
    highest position in the events table, when there is one."""
    n, at = statement.position, statement.issued_at

    def report(ok: bool, verdict: str, message: str, after: int | None = None) -> DigestReport:
        return DigestReport(ok, verdict, message, n, end, chain, after)

    if chain.problem and chain.problem.startswith("the head says") and chain.checked_events < n:
        return report(
            False,
            "TAIL_CUT",
            f"{where}: events {chain.checked_events + 1}..{n} of the {n} digested at {at} are missing "
            f"(the head still says {end})",
        )
    if chain.first_broken_position is not None and chain.first_broken_position <= n:
        return report(
            False,
            "CHAIN_BROKEN",
            f"{where}: the chain is broken at position {chain.first_broken_position} ({chain.problem}), "
            f"inside the {n} events digested at {at}",
        )
    if end < n and stored is not None and stored > end:
        return report(
            False,
            "HEAD_REWOUND",
            f"{where}: the head says {end} events, but the digest of {at} covered {n} and events up to "
            f"{stored} are still stored: the head was rewound",
        )
    if end < n:
        return report(
            False,
            "TAIL_CUT",
            f"{where} ends at position {end}, but the digest of {at} covered {n} events: "
            f"events {end + 1}..{n} were cut off and the head rewound",
        )
    if n and seen.get(n) != statement.head_hash:
        matched = [p for p, h in statement.checkpoints if seen.get(p) == h]
        differs = [p for p, h in statement.checkpoints if seen.get(p) != h]
        after = max(matched, default=0)
        upto = min([p for p in differs if p > after] + [n])
        return report(
            False,
            "HISTORY_REWRITTEN",
            f"{where}: the chain verifies but its hash at position {n} is not the one digested at {at}: "
            f"the history was rewritten and the chain recomputed from a position in {after + 1}..{upto}",
            after,
        )
    if not chain.ok:
        return report(
            False,
            "CHAIN_BROKEN",
            f"{where}: the {n} digested events are unchanged, but the chain breaks later, at position "
            f"{chain.first_broken_position} ({chain.problem})",
        )
    return report(
        True,
        "OK",
        f"{where} still holds the {n} events digested at {at} unchanged (now {end} events)",
    )


def _same_tenant(digest: SignedDigest, slug: str | None, where: str) -> DigestReport | None:
    if slug is None or digest.statement.tenant == slug:
        return None
    empty = IntegrityReport(ok=False, checked_events=0, head_position=0, head_hash=None)
    return DigestReport(
        False,
        "WRONG_TENANT",
        f"{where}: the digest is of tenant {digest.statement.tenant}, not {slug}",
        digest.statement.position,
        0,
        empty,
    )


async def check_tenant(
    store: Any, tenant: Tenant, digest: SignedDigest, trusted: Ed25519PublicKey | None = None
) -> DigestReport:
    digest.check_signature(trusted)
    where = f"tenant {tenant.slug}"
    wrong = _same_tenant(digest, tenant.slug, where)
    if wrong is not None:
        return wrong
    checker = _checker(digest.statement)
    chain = await verify_tenant(store, tenant, checker)
    pool = await store.db.pool_for_tenant(tenant.slug)
    stored = await pool.fetchval(f"SELECT coalesce(max(position), 0) FROM {tenant.schema}.events")
    return judge(digest.statement, chain, checker.seen, where, chain.head_position, stored)


def check_file(path: Path, digest: SignedDigest, trusted: Ed25519PublicKey | None = None) -> DigestReport:
    """An export against a digest; a digest of tenant T fits any export of T (the file does not name it)."""
    digest.check_signature(trusted)
    checker = _checker(digest.statement)
    chain = verify_file(path, checker)
    return judge(digest.statement, chain, checker.seen, f"the export {path.name}", chain.checked_events)


__all__ = ["DigestReport", "check_file", "check_tenant", "judge"]
