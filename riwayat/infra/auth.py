"""Bearer tokens: PyJWT, HS256 with a shared secret in development, RS256/ES256 public keys in production.

The token is the only source of the tenant and the actor: `tenant` selects the ledger, `sub` is recorded in
every event's metadata, `roles` decide what may be done. `exp` is required; `exp`, `iat` and `nbf` must be
integers (seconds since the epoch) — PyJWT also reads numeric strings, which later arithmetic cannot.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import jwt

from riwayat.infra.settings import Settings

ROLES = ("admin", "hr", "complaint_officer", "auditor", "viewer", "employee")  # employee: issue 17


class AuthError(Exception):
    """Why a token was refused (reported to the caller as HTTP 401)."""


@dataclass(frozen=True)
class Principal:
    subject: str
    tenant: str
    roles: frozenset[str]

    def has(self, *roles: str) -> bool:
        return "admin" in self.roles or any(r in self.roles for r in roles)


def issue_token(
    settings: Settings, *, tenant: str, roles: Sequence[str], subject: str, ttl: int = 8 * 3600
) -> str:
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValueError(f"unknown role(s) {', '.join(unknown)}; roles are {', '.join(ROLES)}")
    now = int(time.time())
    claims = {"sub": subject, "tenant": tenant, "roles": list(roles), "iat": now, "exp": now + ttl}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def verify_token(settings: Settings, token: str) -> Principal:
    """Check signature and expiry and the claims' shapes; raise AuthError otherwise.

    A token whose signature and claims were checked once is remembered (`VERIFIED`): a client sends the
    same token with every request for hours, and checking its signature again costs more than answering
    a cached query. A remembered token is still refused from the moment it expires."""
    if settings.jwt_public_key:
        key, algorithms = settings.jwt_public_key, ("RS256", "ES256")
    else:
        key, algorithms = settings.jwt_secret, ("HS256",)
    remembered = VERIFIED.get((key, token))
    if remembered is not None:
        principal, expires = remembered
        if time.time() > expires + LEEWAY:
            raise AuthError("token expired")
        return principal
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=list(algorithms),
            options={"require": ["exp", "sub", "tenant"]},
            leeway=LEEWAY,
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("token expired") from exc
    except jwt.InvalidTokenError as exc:
        raise AuthError(f"invalid token: {exc}") from exc
    for name in TIME_CLAIMS:
        if name in claims and type(claims[name]) is not int:
            raise AuthError(f"invalid token: {name} must be an integer number of seconds")
    subject, tenant, roles = claims.get("sub"), claims.get("tenant"), claims.get("roles", [])
    if not isinstance(subject, str) or not subject or not isinstance(tenant, str):
        raise AuthError("invalid token: sub and tenant must be strings")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AuthError("invalid token: roles must be a list of strings")
    principal = Principal(subject=subject, tenant=tenant, roles=frozenset(r for r in roles if r in ROLES))
    if "nbf" not in claims:  # a not-yet-valid token is checked in full each time
        VERIFIED.put((key, token), (principal, claims["exp"]))
    return principal


class _Verified:
    """The last `size` tokens verified, by (key, token); the least recently used is forgotten first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, str], tuple[Principal, float]] = OrderedDict()

    def get(self, key: tuple[str, str]) -> tuple[Principal, float] | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: tuple[str, str], entry: tuple[Principal, float]) -> None:
        self._entries[key] = entry
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


LEEWAY = 10  # seconds of clock skew allowed on exp
TIME_CLAIMS = ("exp", "iat", "nbf")
VERIFIED = _Verified(10_000)
