"""Configuration, read once from the environment (never from files or requests)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

TENANT_URL_PREFIX = "RIWAYAT_TENANT_DATABASE_URL_"
REVIEW_CADENCE_PREFIX = "RIWAYAT_REVIEW_CADENCE_"  # performance: MONTHLY or QUARTERLY reviews, per tenant
DEV_SECRET = "riwayat-development-secret-change-me"


def _seconds(value: str | None, default: float) -> float:
    """A duration in seconds from the environment; empty means the default, and it must be positive."""
    if value is None or value.strip() == "":
        return default
    seconds = float(value)
    if not seconds > 0:
        raise ValueError(f"a duration must be a positive number of seconds, not {value!r}")
    return seconds


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "on", "true", "yes"}


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None
def _per_tenant(text: str) -> dict[str, int]:
    """`14` (every tenant) or `medan=5,dumai=14` (`*` for the rest)."""
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        slug, sep, value = part.rpartition("=")
        out[slug.strip().lower() if sep else "*"] = int(value)
    return out


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
    writer_handoff: bool = True  # the workers of a host hand one tenant's appends to one elected writer
    pool_min: int = 1
    pool_max: int = 10
    # Deadlines (seconds; see docs/operations.md "Timeouts"): a hung PostgreSQL must not hang the server.
    # A free connection is waited for at most `acquire_timeout`; one statement runs at most
    # `statement_timeout` (also PostgreSQL's own statement_timeout); a GraphQL request is abandoned after
    # `request_timeout` — before it writes — and answered DEADLINE_EXCEEDED; /readyz answers within
    # `readyz_timeout`; at start-up the database is retried for `startup_timeout`.
    acquire_timeout: float = 5.0
    statement_timeout: float = 15.0
    request_timeout: float = 20.0
    readyz_timeout: float = 0.8
    startup_timeout: float = 60.0
    # Slow or idle HTTP clients (see `http_server.uvicorn_options`).
    keep_alive_timeout: float = 5.0
    header_timeout: float = 10.0
    max_connections: int = 1000
    # Peers whose X-Forwarded-For names the client (the reverse proxy's addresses, comma-separated; "*" for
    # any): the public endpoint's per-address rate limit and the request log see the real client only then.
    forwarded_allow_ips: str = "127.0.0.1"
    # Signed head digests (riwayat/infra/digest.py): the Ed25519 key, how often the server issues one
    # (seconds; 0 = never on a schedule) and where it writes them.
    signing_key_file: Path | None = None
    # Personal data (docs/privacy.md): the key-encryption key wrapping every data subject's key.
    kek_file: Path | None = None
    digest_interval: float = 24 * 3600
    digest_dir: Path | None = None
    # Public voice: working days a unit has to answer a complaint (a tenant's service standard; "14", or
    # per tenant "medan=5,dumai=14,*=14"), and the public status endpoint's per-address rate and floor.
    complaint_response_days: Mapping[str, int] = field(default_factory=dict)
    public_rate_per_minute: int = 30
    public_rate_burst: int = 10
    public_answer_floor_ms: int = 50
    # Performance: how often each tenant's agencies review (RIWAYAT_REVIEW_CADENCE_<SLUG>; default quarterly).
    review_cadences: Mapping[str, str] = field(default_factory=dict)  # tenant slug → MONTHLY / QUARTERLY

    def response_days_for(self, slug: str) -> int:
        days = self.complaint_response_days
        return days.get(slug, days.get("*", 14))

    @property
    def uses_dev_secret(self) -> bool:
        return self.jwt_secret == DEV_SECRET

    @property
    def embedded(self) -> bool:
        return self.database_url is None

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
            writer_handoff=_flag(env.get("RIWAYAT_WRITER_HANDOFF"), default=True),
            pool_min=int(env.get("RIWAYAT_POOL_MIN") or 1),
            pool_max=int(env.get("RIWAYAT_POOL_MAX") or 10),
            acquire_timeout=_seconds(env.get("RIWAYAT_DB_ACQUIRE_TIMEOUT"), 5.0),
            statement_timeout=_seconds(env.get("RIWAYAT_DB_STATEMENT_TIMEOUT"), 15.0),
            request_timeout=_seconds(env.get("RIWAYAT_REQUEST_TIMEOUT"), 20.0),
            readyz_timeout=_seconds(env.get("RIWAYAT_READYZ_TIMEOUT"), 0.8),
            startup_timeout=_seconds(env.get("RIWAYAT_DB_STARTUP_TIMEOUT"), 60.0),
            keep_alive_timeout=_seconds(env.get("RIWAYAT_KEEP_ALIVE_TIMEOUT"), 5.0),
            header_timeout=_seconds(env.get("RIWAYAT_HEADER_TIMEOUT"), 10.0),
            max_connections=int(env.get("RIWAYAT_MAX_CONNECTIONS") or 1000),
            forwarded_allow_ips=env.get("RIWAYAT_FORWARDED_ALLOW_IPS") or "127.0.0.1",
            signing_key_file=_path(env.get("RIWAYAT_SIGNING_KEY_FILE")),
            kek_file=_path(env.get("RIWAYAT_KEK_FILE")),
            digest_interval=float(env.get("RIWAYAT_DIGEST_INTERVAL") or 24 * 3600),
            digest_dir=_path(env.get("RIWAYAT_DIGEST_DIR")),
            complaint_response_days=_per_tenant(env.get("RIWAYAT_COMPLAINT_RESPONSE_DAYS", "")),
            public_rate_per_minute=int(env.get("RIWAYAT_PUBLIC_RATE_PER_MINUTE") or 30),
            public_rate_burst=int(env.get("RIWAYAT_PUBLIC_RATE_BURST") or 10),
            public_answer_floor_ms=int(env.get("RIWAYAT_PUBLIC_ANSWER_FLOOR_MS") or 50),
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
