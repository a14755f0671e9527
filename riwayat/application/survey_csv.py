"""SKM responses from a CSV file (a region runs SKM on paper and tablets, then enters the batch).

Header: `responded_on,u1,u2,…,u9` and optionally `age_band,sex,education`; `u1`…`u9` are the nine
elements in the order of PermenPANRB 14/2017 (requirements … facilities), each 1–4. A column that could
hold a respondent's identity (name, NIK, phone, address, e-mail) is refused outright: SKM is anonymous.
Every row is checked before anything is recorded, and a refusal names the line.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from typing import Any

from riwayat.domain.errors import DomainError, InvalidInput
from riwayat.domain.survey import check_answers

ANSWER_COLUMNS = tuple(f"u{i}" for i in range(1, 10))
OPTIONAL = ("age_band", "sex", "education")
PERSONAL = {"name", "nama", "nik", "phone", "telepon", "hp", "address", "alamat", "email", "e-mail"}


def parse_responses(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if PERSONAL & set(header):
        found = ", ".join(sorted(PERSONAL & set(header)))
        raise InvalidInput(f"SKM is anonymous: the file must not have a {found} column", "file")
    missing = [c for c in ("responded_on", *ANSWER_COLUMNS) if c not in header]
    unknown = [c for c in header if c not in ("responded_on", *ANSWER_COLUMNS, *OPTIONAL)]
    if missing or unknown:
        raise InvalidInput(f"columns missing: {missing or 'none'}; unknown: {unknown or 'none'}", "file")
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        try:
            rows.append(_row(row))
        except (DomainError, ValueError) as bad:
            message = bad.message if isinstance(bad, DomainError) else str(bad)
            raise InvalidInput(f"line {line}: {message}", "file") from None
    if not rows:
        raise InvalidInput("the file has no responses", "file")
    return rows


def _row(row: dict[str, str]) -> dict[str, Any]:
    answers = [int(row[c]) for c in ANSWER_COLUMNS]
    return {
        "responded_on": date.fromisoformat(row["responded_on"]),
        "answers": check_answers(answers),
        **{k: row.get(k) or None for k in OPTIONAL},
    }


def import_key(survey_id: object, text: str) -> str:
    """The idempotency key of an import: the same file into the same survey is recorded once."""
    return f"skm-import:{survey_id}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
