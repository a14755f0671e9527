"""Configuration, read once from the environment (never from files or requests)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

TENANT_URL_PREFIX = "RIWAYAT_TENANT_DATABASE_URL_"
REVIEW_CADENCE_PREFIX = "RIWAYAT_REVIEW_CADENCE_"  # performance: MONTHLY or QUARTERLY reviews, per tenant
DEV_SECRET = "riwayat-development-secret-change-me"


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "on", "true", "yes"}


@dataclass(frozen=True)
class Settings:
    """Everything Riwayat reads from its environment.

    `database_url` None means "run the embedded PostgreSQL in `data_dir`".
    """

    database_url: str | None = None
    tenant_database_urls: Mapping[str, str] = field(default_factory=dict)
    data_dir: Path = Path(".riwayat")
    jwt_secret: str = DEV_SECRET
    jwt_public_key: str | None = None
    graphiql: bool = True
    introspection: bool = True
    cors_origins: tuple[str, ...] = ()
    response_cache: bool = True
    pool_min: int = 1
    pool_max: int = 10
    review_cadences: Mapping[str, str] = field(default_factory=dict)  # tenant slug → MONTHLY / QUARTERLY

    @property
    def uses_dev_secret(self) -> bool:
        return self.jwt_secret == DEV_SECRET

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    def database_url_for(self, slug: str) -> str | None:
        """A tenant may live on its own server; otherwise it shares the main database."""
        return self.tenant_database_urls.get(slug, self.database_url)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        database_url = env.get("DATABASE_URL") or None
        tenant_urls = {
            key[len(TENANT_URL_PREFIX) :].lower(): value
            for key, value in env.items()
            if key.startswith(TENANT_URL_PREFIX) and value
        }
        embedded = database_url is None
        origins = tuple(o.strip() for o in env.get("RIWAYAT_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=database_url,
            tenant_database_urls=tenant_urls,
            data_dir=Path(env.get("RIWAYAT_DATA_DIR") or ".riwayat"),
            jwt_secret=env.get("RIWAYAT_JWT_SECRET") or DEV_SECRET,
            jwt_public_key=env.get("RIWAYAT_JWT_PUBLIC_KEY") or None,
            graphiql=_flag(env.get("RIWAYAT_GRAPHIQL"), default=embedded),
            introspection=_flag(env.get("RIWAYAT_INTROSPECTION"), default=True),
            cors_origins=origins,
            response_cache=_flag(env.get("RIWAYAT_RESPONSE_CACHE"), default=True),
            pool_min=int(env.get("RIWAYAT_POOL_MIN") or 1),
            pool_max=int(env.get("RIWAYAT_POOL_MAX") or 10),
            review_cadences=_review_cadences(env),
        )


def _review_cadences(env: Mapping[str, str]) -> dict[str, str]:
    """`RIWAYAT_REVIEW_CADENCE_MEDAN=MONTHLY`: how often that tenant's agencies review (PermenPANRB 6/2022)
    (quarterly when unset)."""
    cadences = {}
    for key, value in env.items():
        if key.startswith(REVIEW_CADENCE_PREFIX) and value:
            cadence = value.strip().upper()
            if cadence not in ("MONTHLY", "QUARTERLY"):
                raise ValueError(f"{key} must be MONTHLY or QUARTERLY, not {value!r}")
            cadences[key[len(REVIEW_CADENCE_PREFIX) :].lower()] = cadence
    return cadences
