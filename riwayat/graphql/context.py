"""The typed context every resolver receives: who asks (principal), for which tenant, with which
services, under which request id; DataLoaders and the tenant's pool are made on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from riwayat.application import Application, CommandContext
from riwayat.graphql.loaders import Loaders
from riwayat.infra.auth import Principal
from riwayat.infra.database import Database
from riwayat.infra.ledger import EventStore
from riwayat.infra.settings import Settings
from riwayat.infra.tenants import Tenant, TenantRegistry


class Services(Protocol):
    """What resolvers use of the running services. `riwayat.services.Services` is one; it is described
    here rather than imported because the wiring sits above this layer (it builds the GraphQL app)."""

    settings: Settings
    db: Database
    tenants: TenantRegistry
    store: EventStore
    application: Application


@dataclass
class Context:
    request: Any
    response: Any
    services: Services
    principal: Principal
    tenant: Tenant
    request_id: str
    correlation_id: str | None = None
    operation: str = "anonymous"
    _pool: Any = field(default=None, repr=False)
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def schema(self) -> str:
        return self.tenant.schema

    async def pool(self) -> Any:
        """The asyncpg pool of the database that holds this tenant."""
        if self._pool is None:
            self._pool = await self.services.db.pool_for_tenant(self.tenant.slug)
        return self._pool

    async def loaders(self) -> Loaders:
        if self._loaders is None:
            self._loaders = Loaders(await self.pool(), self.schema)
        return self._loaders

    def command(self) -> CommandContext:
        """What the application records in every event's metadata."""
        return CommandContext(
            tenant=self.tenant,
            actor=self.principal.subject,
            roles=tuple(sorted(self.principal.roles)),
            request_id=self.request_id,
            correlation_id=self.correlation_id,
        )
