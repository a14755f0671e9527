"""What a complaint may be: its channels, its public tracking code, and its deadlines in working days.

Channels (SP4N-LAPOR!, DOMAIN.md): the LAPOR! web/app (with its own ticket number), SMS 1708, walk-in, the
city's own portal; other text is kept as given (older complaints were filed with free text). Deadlines: the
LAPOR! SOP gives 3 working days to verify; the answer is due a number of working days after the complaint
was dispatched to the OPD that a region sets in its service standard (2/5/14/60 are seen; 14 by default).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from datetime import date
from enum import StrEnum

from riwayat.domain.calendar import add_working_days
from riwayat.domain.errors import InvalidInput


class Channel(StrEnum):
    LAPOR = "LAPOR"
    SMS_1708 = "SMS_1708"
    WALK_IN = "WALK_IN"
    CITY_PORTAL = "CITY_PORTAL"
    EMAIL = "EMAIL"
    SOCIAL_MEDIA = "SOCIAL_MEDIA"
    LETTER = "LETTER"


# How people (and the older records) write the channels.
_ALIASES = {
    "LAPOR!": Channel.LAPOR, "SP4N-LAPOR!": Channel.LAPOR,
    "SMS 1708": Channel.SMS_1708, "1708": Channel.SMS_1708,
    "WALK-IN": Channel.WALK_IN, "WALKIN": Channel.WALK_IN, "PORTAL": Channel.CITY_PORTAL,
    "E-MAIL": Channel.EMAIL, "SURAT": Channel.LETTER,
}  # fmt: skip


def canonical_channel(text: str) -> str:
    """The channel's code when it is a known one (any usual spelling), else the text as given."""
    key = text.strip().upper()
    if key in Channel.__members__:
        return Channel[key].value
    found = _ALIASES.get(key) or _ALIASES.get(key.replace("_", " "))
    return found.value if found else text.strip()


# LAPOR! tickets are numeric in the citizens' receipts; letters and dashes are allowed for regional
# mirrors of the ticket. Bounded: it is shown in reports.
_LAPOR_TICKET = re.compile(r"^[A-Za-z0-9-]{4,32}$")


def check_lapor_ticket(ticket: str | None, channel: str) -> str | None:
    if ticket is None or not ticket.strip():
        return None
    if channel != Channel.LAPOR.value:
        raise InvalidInput("a LAPOR! ticket number belongs only to a complaint from LAPOR!", "laporTicket")
    if not _LAPOR_TICKET.fullmatch(ticket.strip()):
        raise InvalidInput("a LAPOR! ticket number is 4–32 letters, digits or dashes", "laporTicket")
    return ticket.strip()


# Crockford's base32 without the look-alikes I, L, O, U: read aloud or typed from an SMS without confusion.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 3  # 3 groups of 4: 60 bits from `secrets`, never from the stream id
TRACKING_CODE = re.compile(r"^([a-z][a-z0-9_]{1,30})-([0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){2})$")


def new_tracking_code(tenant_slug: str) -> str:
    """`medan-7KQ2-M9XD-4HPA`: the tenant's slug (so the public endpoint knows where to look without a
    token; the slug is public anyway) and 60 random bits."""
    body = "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))
    code = f"{tenant_slug}-{body}"
    if not TRACKING_CODE.fullmatch(code):
        raise InvalidInput(f"no tracking code can be made for tenant {tenant_slug!r}", "trackingCode")
    return code


def parse_tracking_code(text: object) -> tuple[str, str] | None:
    """(tenant slug, the whole code) for a well-formed code, else None. Case-insensitive in its body."""
    if not isinstance(text, str) or len(text) > 48:
        return None
    slug, sep, body = text.strip().partition("-")
    code = f"{slug.lower()}{sep}{body.upper()}"
    match = TRACKING_CODE.fullmatch(code)
    return None if match is None else (match.group(1), code)


VERIFICATION_WORKING_DAYS = 3
DEFAULT_RESPONSE_WORKING_DAYS = 14


def verification_due(received_on: date, holidays: Collection[date]) -> date:
    return add_working_days(received_on, VERIFICATION_WORKING_DAYS, holidays)


def response_due(
    dispatched_on: date, holidays: Collection[date], days: int = DEFAULT_RESPONSE_WORKING_DAYS
) -> date:
    return add_working_days(dispatched_on, days, holidays)


def overdue_stage(
    *,
    received_on: date,
    triaged_on: date | None,
    responded_on: date | None,
    closed: bool,
    today: date,
    holidays: Collection[date],
    response_days: int = DEFAULT_RESPONSE_WORKING_DAYS,
) -> str | None:
    """ "VERIFICATION" when not verified by its due date, "RESPONSE" when the unit has not answered by
    its due date, else None. A due date is met on the day itself; a closed case is never overdue."""
    if closed:
        return None
    if triaged_on is None:
        return "VERIFICATION" if today > verification_due(received_on, holidays) else None
    if responded_on is None and today > response_due(triaged_on, holidays, response_days):
        return "RESPONSE"
    return None
