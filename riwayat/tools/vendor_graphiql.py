"""Refresh the GraphiQL files Riwayat serves itself (riwayat/static/graphiql/) from the npm registry.

    python -m riwayat.tools.vendor_graphiql            # fetch the pinned versions again, check, write
    python -m riwayat.tools.vendor_graphiql --set graphiql@3.8.3   # re-pin one package, then fetch
    python -m riwayat.tools.vendor_graphiql --check    # offline: the files on disk match MANIFEST.json

Why vendored: regional government networks often have no open internet, and a page that loads its scripts
from a CDN stays on "Loading…" there. The pins (version and the registry's sha512 integrity of the tarball)
live in MANIFEST.json beside the files; a tarball whose integrity differs from its pin is refused unless the
pin is changed on purpose with --set. Each served file's sha384 goes to MANIFEST.json too: the page puts it
in the `integrity` attribute, so the browser refuses a file changed on disk. Tarballs come through `npm pack`
(the ordinary client, with whatever registry and proxy npm is configured for).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "static" / "graphiql"
MANIFEST = STATIC / "MANIFEST.json"


def sri(data: bytes, algorithm: str = "sha384") -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")


def load_manifest(path: Path = MANIFEST) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _pack(name: str, version: str, into: Path) -> tuple[Path, str]:
    """Download name@version's tarball with npm; returns it and the registry's integrity."""
    done = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(into)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise SystemExit(f"npm pack {name}@{version} failed:\n{done.stderr.strip()}")
    info = json.loads(done.stdout)[0]
    return into / info["filename"], info["integrity"]


def _member(tar: tarfile.TarFile, path: str) -> bytes:
    extracted = tar.extractfile(f"package/{path}")
    if extracted is None:
        raise SystemExit(f"{path} is not a file in the tarball")
    return extracted.read()


def refresh(manifest: dict, pins: dict[str, str], out: Path = STATIC) -> dict:
    """Fetch every package, check its integrity against the pin, write its files; the new manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        for package in manifest["packages"]:
            name = package["name"]
            repinned = name in pins
            version = pins.get(name, package["version"])
            tarball, integrity = _pack(name, version, Path(tmp))
            local = sri(tarball.read_bytes(), "sha512")
            if local != integrity:
                raise SystemExit(f"{name}@{version}: the tarball's sha512 is not what the registry says")
            if not repinned and integrity != package["integrity"]:
                raise SystemExit(
                    f"{name}@{version}: the registry's integrity {integrity} differs from the pin "
                    f"{package['integrity']}; refusing (re-pin with --set {name}@{version} if intended)"
                )
            package.update(version=version, integrity=integrity)
            with tarfile.open(tarball) as tar:
                for source, target in package["files"].items():
                    data = _member(tar, source)
                    (out / target).write_bytes(data)
                    package.setdefault("sri", {})[target] = sri(data)
                licence = _member(tar, package["license"]) if package.get("license") else None
            if licence is not None:
                (out / "licenses").mkdir(exist_ok=True)
                (out / "licenses" / f"{name.replace('/', '__')}.LICENSE").write_bytes(licence)
            print(f"{name}@{version} {integrity}", file=sys.stderr)
    return manifest


def check(manifest: dict, out: Path = STATIC) -> list[str]:
    """What differs between the files on disk and the manifest (empty when they match)."""
    problems = []
    for package in manifest["packages"]:
        for target, expected in package.get("sri", {}).items():
            path = out / target
            if not path.is_file():
                problems.append(f"{target} is missing")
            elif sri(path.read_bytes()) != expected:
                problems.append(f"{target} does not match its sha384 in MANIFEST.json")
        if (
            package.get("license")
            and not (out / "licenses" / f"{package['name'].replace('/', '__')}.LICENSE").is_file()
        ):
            problems.append(f"the licence of {package['name']} is missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m riwayat.tools.vendor_graphiql",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--set", action="append", default=[], metavar="NAME@VERSION", help="re-pin a package")
    parser.add_argument("--check", action="store_true", help="only check the files on disk (no network)")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    if args.check:
        problems = check(manifest)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print("ok: the vendored GraphiQL files match MANIFEST.json" if not problems else "", file=sys.stderr)
        return 1 if problems else 0
    pins = {}
    for spec in args.set:
        name, _, version = spec.rpartition("@")
        if not name or not version:
            parser.error(f"--set wants NAME@VERSION, got {spec!r}")
        pins[name] = version
    known = {p["name"] for p in manifest["packages"]}
    if unknown := set(pins) - known:
        parser.error(f"not in MANIFEST.json: {', '.join(sorted(unknown))}")
    MANIFEST.write_text(json.dumps(refresh(manifest, pins), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {MANIFEST}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
