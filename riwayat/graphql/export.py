"""Write the schema's SDL to `schema.graphql` (the contract file): `python -m riwayat.graphql.export [PATH]`.

A test compares the live schema with the file and refuses breaking changes against it, so the file is
regenerated deliberately, with this command, whenever the contract changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from riwayat.graphql.schema import build_schema

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "schema.graphql"


def sdl() -> str:
    return build_schema(introspection=True).as_str().strip() + "\n"


def export(path: Path = DEFAULT_PATH) -> Path:
    path.write_text(sdl(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m riwayat.graphql.export", description="Write the schema's SDL (the contract file)."
    )
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help="default: schema.graphql")
    path = export(parser.parse_args(sys.argv[1:] if argv is None else argv).path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
