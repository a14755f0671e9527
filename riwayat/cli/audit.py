"""`riwayat audit verify|export|verify-file|digest|keygen|public-key`: the hash chain recomputed, the events
exported as NDJSON, an export verified offline, and signed head digests that prove a ledger or an export
still holds what was digested (a cut tail and a recomputed chain are named)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from riwayat.cli.base import Subparsers, err, out, with_services
from riwayat.infra.digest import (
    DigestError,
    SignedDigest,
    generate_key_file,
    issue_digest,
    load_public_key,
    load_signing_key,
    public_pem,
)
from riwayat.infra.settings import Settings

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from riwayat.infra.audit import IntegrityReport
    from riwayat.infra.digest_check import DigestReport
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    audit = sub.add_parser("audit", help="integrity, exports and signed digests").add_subparsers(
        dest="action", required=True
    )
    verify = audit.add_parser("verify", help="recompute the hash chain (against a digest with --digest)")
    verify.add_argument("--tenant", required=True)
    _digest_options(verify)
    verify.set_defaults(run=verify_tenant_chain)
    export = audit.add_parser("export", help="the events as NDJSON")
    export.add_argument("--tenant", required=True)
    export.add_argument("--out", type=Path)
    export.set_defaults(run=export_events)
    vfile = audit.add_parser("verify-file", help="verify an export offline (against a digest with --digest)")
    vfile.add_argument("file", type=Path)
    _digest_options(vfile)
    vfile.set_defaults(run=verify_file)
    digest = audit.add_parser("digest", help="print a signed digest of the tenant's head")
    digest.add_argument("--tenant", required=True)
    digest.add_argument("--out", type=Path, help="write it to this file (default: standard output)")
    digest.set_defaults(run=make_digest)
    keygen = audit.add_parser("keygen", help="make an Ed25519 signing key (for RIWAYAT_SIGNING_KEY_FILE)")
    keygen.add_argument("--out", type=Path, required=True)
    keygen.set_defaults(run=make_key)
    public = audit.add_parser("public-key", help="print the signing key's public half (PEM), for auditors")
    public.set_defaults(run=print_public_key)


def _digest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--digest", type=Path, help="a digest file: prove its prefix is still unchanged")
    parser.add_argument("--public-key", type=Path, help="accept only digests signed by this key (PEM)")


def fail(message: str) -> int:
    """A usage or environment error: one line on stderr, exit 2 (no traceback)."""
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return 2


def print_report(report: IntegrityReport, what: str) -> int:
    if report.ok:
        out.print(
            f"[green]ok[/green] {escape(what)}: {report.checked_events} events verified, "
            f"head {report.head_position} {report.head_hash or ''}",
            soft_wrap=True,
        )
        return 0
    out.print(
        f"[red]BROKEN[/red] {escape(what)}: first broken position {report.first_broken_position} "
        f"({escape(report.problem or '')})",
        soft_wrap=True,
    )
    return 1


def print_digest_report(report: DigestReport, digest: SignedDigest, trusted: bool) -> int:
    signer = "the trusted key" if trusted else f"key {digest.key_id} (compare it with the operator's)"
    if report.ok:
        out.print(f"[green]ok[/green] {escape(report.message)}; digest signed by {signer}", soft_wrap=True)
        return 0
    out.print(f"[red]{report.verdict}[/red] {escape(report.message)}", soft_wrap=True)
    return 1


def _read_digest(args: argparse.Namespace) -> tuple[SignedDigest, Ed25519PublicKey | None]:
    """Raises DigestError or OSError with a message for the user."""
    try:
        raw = args.digest.read_bytes()
    except OSError as exc:
        raise DigestError(f"cannot read the digest {args.digest}: {exc.strerror or exc}") from exc
    digest = SignedDigest.from_json(raw)
    trusted = None
    if args.public_key is not None:
        try:
            trusted = load_public_key(args.public_key)
        except (OSError, ValueError) as exc:
            raise DigestError(f"cannot read the public key {args.public_key}: {exc}") from exc
    return digest, trusted


@with_services(projections=False)  # the ledger alone
async def verify_tenant_chain(svc: Services, args: argparse.Namespace) -> int:
    from riwayat.infra.audit import verify_tenant  # the ledger layers: loaded by the commands that read it
    from riwayat.infra.digest_check import check_tenant

    tenant = await svc.tenants.require(args.tenant)
    if args.digest is None:
        return print_report(await verify_tenant(svc.store, tenant), f"tenant {tenant.slug}")
    try:
        digest, trusted = _read_digest(args)
        report = await check_tenant(svc.store, tenant, digest, trusted)
    except DigestError as exc:
        return fail(f"{exc} [{exc.code}]")
    return print_digest_report(report, digest, trusted is not None)


@with_services(projections=False)  # the ledger alone
async def export_events(svc: Services, args: argparse.Namespace) -> int:
    from riwayat.infra.audit import export_tenant

    tenant = await svc.tenants.require(args.tenant)
    if args.out is None:
        await export_tenant(svc.store, tenant, sys.stdout.buffer)
        return 0
    try:
        f = args.out.open("wb")
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    with f:
        count = await export_tenant(svc.store, tenant, f)
    err.print(f"exported {count} events of {tenant.slug} to {escape(str(args.out))}")
    return 0


def verify_file(settings: Settings, args: argparse.Namespace) -> int:
    """Offline: no database is opened."""
    from riwayat.infra.audit import ExportUnreadable
    from riwayat.infra.audit import verify_file as verify_export
    from riwayat.infra.digest_check import check_file

    try:
        if args.digest is None:
            return print_report(verify_export(args.file), str(args.file))
        digest, trusted = _read_digest(args)
        return print_digest_report(check_file(args.file, digest, trusted), digest, trusted is not None)
    except ExportUnreadable as exc:
        return fail(str(exc))
    except DigestError as exc:
        return fail(f"{exc} [{exc.code}]")


@with_services(projections=False)  # the ledger alone
async def make_digest(svc: Services, args: argparse.Namespace) -> int:
    tenant = await svc.tenants.require(args.tenant)
    try:
        key = load_signing_key(svc.settings)
    except DigestError as exc:
        return fail(str(exc))
    digest = await issue_digest(svc.store, tenant, key)
    if args.out is None:
        sys.stdout.buffer.write(digest.to_json())
        return 0
    try:
        args.out.write_bytes(digest.to_json())
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    s = digest.statement
    err.print(
        f"digest of {s.tenant}: position {s.position}, head {s.head_hash}, {s.issued_at}, "
        f"signed by {digest.key_id} -> {escape(str(args.out))}",
        soft_wrap=True,
    )
    return 0


def make_key(settings: Settings, args: argparse.Namespace) -> int:
    if args.out.exists():
        return fail(f"{args.out} exists; not overwriting a key")
    try:
        key = generate_key_file(args.out)
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    err.print(f"wrote an Ed25519 signing key to {escape(str(args.out))} (mode 0600); its public half:")
    print(public_pem(key), end="")
    return 0


def print_public_key(settings: Settings, args: argparse.Namespace) -> int:
    try:
        key = load_signing_key(settings)
    except DigestError as exc:
        return fail(str(exc))
    print(public_pem(key), end="")
    return 0
