"""Reading an import file (CSV with a header row, or NDJSON with the same names as keys) into rows that
each carry their line number, their cells by column name, and the key that makes re-running the file
append nothing new: a digest of the row's content (so the same row from CSV or NDJSON is the same row).

A line that is not UTF-8, has the wrong number of cells or is not a JSON object is a row error like any
other: it is reported with its line and the rest of the file goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from riwayat.importing.layout import EMPLOYEE_COLUMNS, HISTORY_COLUMNS, REQUIRED, RowError, header_name

COLUMNS = {"employees": EMPLOYEE_COLUMNS, "history": HISTORY_COLUMNS}


class FileError(Exception):
    """The file as a whole cannot be read (no header, a required column missing)."""


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]
    error: RowError | None = None

    def key(self, kind: str, tenant: str) -> str:
        """The idempotency key of this row's content in this tenant (blank cells and case of headers
        do not count; the line number does not either: a re-sorted file is the same file)."""
        known = {k: v.strip() for k, v in sorted(self.cells.items()) if v and v.strip()}
        digest = hashlib.sha256(orjson.dumps([kind, tenant, known])).hexdigest()
        return f"import-{kind}:{digest[:48]}"


def _bad_cell(cells: dict[str, str]) -> str | None:
    """The first column whose text held bytes that are not UTF-8 (decoded as lone surrogates)."""
    for column, value in cells.items():
        if any("\udc80" <= ch <= "\udcff" for ch in value):
            return column
    return None


def read_rows(path: Path, kind: str, fmt: str | None = None) -> Iterator[Row]:
    fmt = fmt or ("ndjson" if path.suffix.lower() in (".ndjson", ".jsonl") else "csv")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM, as spreadsheet programs write
        data = data[3:]
    yield from (_ndjson(data, kind) if fmt == "ndjson" else _csv(data, kind))


def _check_header(names: list[str], kind: str) -> None:
    missing = [c for c in REQUIRED[kind] if c not in names]
    if missing:
        raise FileError(f"the header lacks the column(s) {', '.join(missing)} (see docs/importing.md)")


def _csv(data: bytes, kind: str) -> Iterator[Row]:
    text = data.decode("utf-8", errors="surrogateescape")
    sample = text[:4096].splitlines()[0] if text else ""
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    line = 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not record or all(not cell.strip() for cell in record):
            continue
        if header is None:
            header = [header_name(h) for h in record]
            if any("\udc80" <= ch <= "\udcff" for h in header for ch in h):
                raise FileError("the header row is not UTF-8")
            _check_header(header, kind)
            continue
        if len(record) != len(header):
            error = RowError("WRONG_COLUMN_COUNT", f"expected {len(header)} columns, found {len(record)}")
            yield Row(start, {}, error)
            continue
        cells = dict(zip(header, record, strict=True))
        yield _checked(start, cells)
    if header is None:
        raise FileError("the file is empty: a header row is expected")


def _ndjson(data: bytes, kind: str) -> Iterator[Row]:
    checked_header = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            code = "INVALID_ENCODING" if _not_utf8(raw) else "INVALID_JSON"
            yield Row(number, {}, RowError(code, f"not a JSON object: {exc}"))
            continue
        if not isinstance(value, dict):
            yield Row(number, {}, RowError("INVALID_INPUT", "each line is one JSON object"))
            continue
        cells = {header_name(k): "" if v is None else str(v) for k, v in value.items()}
        if not checked_header:
            _check_header(list(cells), kind)
            checked_header = True
        yield _checked(number, cells)


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _checked(line: int, cells: dict[str, str]) -> Row:
    bad = _bad_cell(cells)
    if bad is not None:
        return Row(line, cells, RowError("INVALID_ENCODING", "the text is not UTF-8", bad))
    return Row(line, cells)
