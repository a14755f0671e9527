"""`riwayat keys new-kek|rotate-kek`: the key-encryption key of personal data (docs/privacy.md).

Rotation re-wraps every tenant's data keys by the new KEK, one transaction per tenant; the events (their
ciphertext and the chain) are not touched. Run it with the old KEK configured, then point
RIWAYAT_KEK_FILE at the new file and restart; a server started with the old KEK after that refuses to
start (KEK_MISMATCH), as it should.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from riwayat.cli.base import Subparsers, err, out, with_services
from riwayat.infra.privacy import generate_kek_file
from riwayat.infra.privacy.kek import read_kek_file
from riwayat.infra.settings import Settings

if TYPE_CHECKING:
    from riwayat.services import Services


def register(sub: Subparsers) -> None:
    keys = sub.add_parser("keys", help="the key-encryption key of personal data").add_subparsers(
        dest="keys_command", required=True
    )
    new = keys.add_parser("new-kek", help="write a new random KEK file (readable by its owner only)")
    new.add_argument("--out", type=Path, required=True)
    new.set_defaults(run=new_kek)
    rotate = keys.add_parser("rotate-kek", help="re-wrap every data key by the KEK in --new")
    rotate.add_argument("--new", type=Path, required=True)
    rotate.set_defaults(run=rotate_kek)


def new_kek(settings: Settings, args: argparse.Namespace) -> int:
    try:
        kek = generate_kek_file(args.out)
    except FileExistsError:
        err.print(f"[red]error:[/red] {escape(str(args.out))} exists; a KEK is never overwritten")
        return 2
    out.print(f"KEK {kek.id} written to {escape(str(args.out))}")
    return 0


@with_services
async def rotate_kek(svc: Services, args: argparse.Namespace) -> int:
    new = read_kek_file(args.new)
    privacy = svc.store.privacy
    if privacy.keys.kek.id == new.id:
        err.print("[red]error:[/red] the new KEK is the one configured now")
        return 2
    total = 0
    for tenant in await svc.tenants.list():
        count, damaged = await privacy.keys.rotate(tenant, new)
        total += count
        out.print(f"{tenant.slug}: {count} data keys re-wrapped")
        for subject in damaged:
            err.print(
                f"{tenant.slug}: the key row of subject {subject} does not unwrap (changed by hand);"
                " labelled with the new KEK as it is: its reads still fail"
            )
    out.print(f"{total} data keys now wrapped by KEK {new.id}: set RIWAYAT_KEK_FILE={escape(str(args.new))}")
    return 0
