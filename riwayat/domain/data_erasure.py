"""`DataErasure`: the record that a data subject's personal data was erased (UU 27/2022 art. 8, 16).

It names the subject by id, the request or decree it answers and which fields were erased and kept — never
a personal value: the erasure itself is in the key table (the subject's data key is destroyed), this
event is what an auditor reads afterwards to know who erased what, when and on what basis.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate

from riwayat.domain.checks import require_text
from riwayat.domain.errors import InvalidInput


class DataErasure(Aggregate):
    class Recorded(Aggregate.Created):
        subject_id: UUID
        reason: str
        legal_basis: str
        erased_fields: list[str]
        kept_fields: list[str]

        def apply(self, erasure: DataErasure) -> None:
            erasure.subject_id, erasure.reason, erasure.legal_basis = (
                self.subject_id,
                self.reason,
                self.legal_basis,
            )
            erasure.erased_fields, erasure.kept_fields = list(self.erased_fields), list(self.kept_fields)

    @classmethod
    def record(
        cls,
        *,
        subject_id: UUID,
        reason: str,
        legal_basis: str,
        erased_fields: list[str],
        kept_fields: list[str],
    ) -> DataErasure:
        """`legal_basis`: the decree or the data subject's request reference the erasure answers."""
        reason = require_text(reason, "reason")
        legal_basis = require_text(legal_basis, "legalBasis")
        if len(reason) > 500 or len(legal_basis) > 200:
            raise InvalidInput("reason is at most 500 characters, legalBasis 200", "reason")
        return cls._create(
            cls.Recorded, subject_id=subject_id, reason=reason, legal_basis=legal_basis,
            erased_fields=sorted(erased_fields), kept_fields=sorted(kept_fields),
        )  # fmt: skip
