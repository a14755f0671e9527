"""Which event fields are personal data (UU 27/2022 on personal data protection), declared beside the event.

An event class lists its personal fields in a class attribute, e.g.
`personal = {"reporter_contact": ERASABLE}`: the ledger stores those fields encrypted with a key of the data
subject (the event's stream), and erasing the subject destroys that key. `RETAINED` fields are personal
data the law requires to be kept (an employee's NIP, name and career decrees, for the archive period):
they are classified, reported to the subject, but never erased. This module is a marker only — no
encryption code, no I/O — so the domain stays free of both.
"""

from __future__ import annotations

from typing import Any

ERASABLE = "erasable"
RETAINED = "retained"

# Why a retained field is kept, as the erasure answer tells it.
RETAINED_WHY = (
    "kept by law: the civil-service archive (UU 43/2009 on archives, PP 11/2017 on ASN management) keeps "
    "a civil servant's identity and career decrees for the archive period; the birth date also sets the "
    "retirement age (BUP) and the NIP"
)

# Field names that suggest personal data: a test fails on an event field matching one of them that its
# class does not declare in `personal` (tests/domain/test_personal_fields.py).
SUGGESTIVE = (
    "contact", "phone", "email", "address", "birth", "nik", "health", "sick", "religion", "family_member",
    "spouse", "child",
)  # fmt: skip


def personal_fields(cls: type) -> dict[str, str]:
    """The declared personal fields of an event class: field name → ERASABLE or RETAINED."""
    declared: Any = getattr(cls, "personal", None)
    return dict(declared) if declared else {}


def erasable_fields(cls: type) -> tuple[str, ...]:
    """The fields the ledger encrypts (retained ones are kept readable: the law keeps them anyway)."""
    return tuple(name for name, kind in personal_fields(cls).items() if kind == ERASABLE)
