"""Tokens: development HS256, production RS256/ES256 public keys, and every way a token is refused."""

from __future__ import annotations

import time
from dataclasses import replace

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from riwayat.infra.auth import AuthError, issue_token, verify_token
from riwayat.infra.settings import Settings

DEV = Settings(jwt_secret="s" * 40)


def _claims(**extra) -> dict:
    now = int(time.time())
    return {
        "sub": "kepala-bkpsdm",
        "tenant": "medan",
        "roles": ["auditor"],
        "iat": now,
        "exp": now + 60,
    } | extra


def _pem(key) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_a_development_token_names_the_actor_tenant_and_roles() -> None:
    principal = verify_token(DEV, issue_token(DEV, tenant="dumai", roles=["hr"], subject="op-1"))
    assert (principal.subject, principal.tenant, principal.roles) == ("op-1", "dumai", frozenset({"hr"}))


@pytest.mark.parametrize(
    ("make_key", "algorithm"),
    [
        (lambda: ec.generate_private_key(ec.SECP256R1()), "ES256"),
        (lambda: rsa.generate_private_key(65537, 2048), "RS256"),
    ],
)
def test_an_identity_providers_signed_token_verifies_against_its_public_key(make_key, algorithm) -> None:
    key = make_key()
    settings = replace(DEV, jwt_public_key=_pem(key))
    principal = verify_token(settings, jwt.encode(_claims(), key, algorithm=algorithm))
    assert principal.tenant == "medan" and principal.has("auditor")


def test_with_a_public_key_configured_shared_secret_tokens_are_refused() -> None:
    settings = replace(DEV, jwt_public_key=_pem(ec.generate_private_key(ec.SECP256R1())))
    with pytest.raises(AuthError):
        verify_token(settings, issue_token(DEV, tenant="medan", roles=["admin"], subject="x"))


@pytest.mark.parametrize(
    "token",
    [
        jwt.encode(_claims(exp=int(time.time()) - 120), "s" * 40, algorithm="HS256"),  # expired
        jwt.encode({k: v for k, v in _claims().items() if k != "exp"}, "s" * 40, algorithm="HS256"),  # no exp
        jwt.encode(_claims(), "another secret of enough length!!", algorithm="HS256"),  # bad signature
        jwt.encode(_claims(tenant=7), "s" * 40, algorithm="HS256"),  # tenant not a string
        "not.a.token",
    ],
)
def test_bad_tokens_are_refused(token: str) -> None:
    with pytest.raises(AuthError):
        verify_token(DEV, token)


def test_unknown_roles_grant_nothing() -> None:
    token = jwt.encode(_claims(roles=["superuser", "viewer"]), "s" * 40, algorithm="HS256")
    assert verify_token(DEV, token).roles == frozenset({"viewer"})


def test_a_remembered_token_is_refused_once_it_expires(monkeypatch) -> None:
    """Verified tokens are remembered (their signature is not checked on every request) — but never past
    their expiry: the clock is moved past `exp` + leeway and the same token is refused."""
    import riwayat.infra.auth as auth

    token = jwt.encode(_claims(exp=int(time.time()) + 30), DEV.jwt_secret, algorithm="HS256")
    assert verify_token(DEV, token).subject == "kepala-bkpsdm"
    assert verify_token(DEV, token).subject == "kepala-bkpsdm"  # answered from memory
    later = time.time() + 30 + auth.LEEWAY + 1
    monkeypatch.setattr(auth.time, "time", lambda: later)
    with pytest.raises(AuthError, match="expired"):
        verify_token(DEV, token)


def test_a_token_remembered_under_one_key_is_checked_again_under_another() -> None:
    token = issue_token(DEV, tenant="medan", roles=["hr"], subject="op-1")
    assert verify_token(DEV, token).tenant == "medan"
    with pytest.raises(AuthError, match="invalid token"):
        verify_token(replace(DEV, jwt_secret="t" * 40), token)


@pytest.mark.parametrize(
    ("name", "offset", "kind"),
    [("exp", 60, str), ("iat", 0, str), ("nbf", -5, str), ("exp", 60, float)],
    ids=["exp-string", "iat-string", "nbf-string", "exp-float"],
)
def test_time_claims_that_are_not_integers_are_refused_every_time(name: str, offset: int, kind: type) -> None:
    # A numeric-string exp was accepted once, remembered, and then every later use raised TypeError (a 500).
    token = jwt.encode(_claims(**{name: kind(int(time.time()) + offset)}), DEV.jwt_secret, "HS256")
    for _ in range(2):
        with pytest.raises(AuthError, match="must be an integer"):
            verify_token(DEV, token)
