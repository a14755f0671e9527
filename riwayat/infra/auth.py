"""Bearer tokens: PyJWT, HS256 with a shared secret in development, RS256/ES256 public keys in production.

The token is the only source of the tenant and the actor: `tenant` selects the ledger, `sub` is recorded in
every event's metadata, `roles` decide what may be done. `exp` is required.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import jwt

from riwayat.infra.settings import Settings

ROLES = ("admin", "hr", "complaint_officer", "auditor", "viewer")


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
    """Check signature and expiry and the claims' shapes; raise AuthError otherwise."""
    if settings.jwt_public_key:
        key, algorithms = settings.jwt_public_key, ["RS256", "ES256"]
    else:
        key, algorithms = settings.jwt_secret, ["HS256"]
    try:
        claims = jwt.decode(
            token, key, algorithms=algorithms, options={"require": ["exp", "sub", "tenant"]}, leeway=10
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("token expired") from exc
    except jwt.InvalidTokenError as exc:
        raise AuthError(f"invalid token: {exc}") from exc
    subject, tenant, roles = claims.get("sub"), claims.get("tenant"), claims.get("roles", [])
    if not isinstance(subject, str) or not subject or not isinstance(tenant, str):
        raise AuthError("invalid token: sub and tenant must be strings")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AuthError("invalid token: roles must be a list of strings")
    return Principal(subject=subject, tenant=tenant, roles=frozenset(r for r in roles if r in ROLES))
