"""What an import run reports: how many rows were written, already there or refused, and each refusal with
its line, column and stable code (the CLI prints it as JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    line: int
    code: str
    message: str
    column: str | None = None
    nip: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "nip": self.nip,
        }


@dataclass
class Outcome:
    rows: int = 0
    written: int = 0
    already: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def refused(self) -> int:
        return len(self.problems)
