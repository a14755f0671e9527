"""The demo shows onboarding: sample people enrolled with history in Medan, one transferred to Dumai."""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from riwayat.demo import load_demo_into
from riwayat.demo.onboarding import MOVER, SAMPLES
from riwayat.projections.employees import employee_by_nip

DOCS = Path(__file__).parents[2] / "docs" / "samples"


def test_the_documented_samples_are_the_ones_the_demo_imports() -> None:
    for name in ("employees.csv", "history.csv"):
        assert (DOCS / name).read_bytes() == (SAMPLES / name).read_bytes(), name


async def test_the_demo_enrols_people_with_history_and_transfers_one_from_medan_to_dumai(
    app, store, onboarding_registry, settings
) -> None:
    slug = f"demo{uuid.uuid4().hex[:6]}"
    svc = SimpleNamespace(store=store, tenants=onboarding_registry, application=app, settings=settings)
    tenants = [(slug + "m", "Pemerintah Kota Medan", "medan"), (slug + "d", "Pemerintah Kota Dumai", "dumai")]
    code = await load_demo_into(svc, employees=12, tenants=tenants, out=io.StringIO(), show_progress=False)
    assert code == 0
    medan, dumai = [await onboarding_registry.require(t[0]) for t in tenants]
    left = await employee_by_nip(await store.db.pool_for_tenant(medan.slug), medan.schema, MOVER)
    arrived = await employee_by_nip(await store.db.pool_for_tenant(dumai.slug), dumai.schema, MOVER)
    assert (left.status, left.source) == ("TRANSFERRED_OUT", "siasn-import")
    assert (arrived.status, arrived.source, arrived.rank) == ("ACTIVE", "transfer", "III/c")
    past = await app.employee_as_of(dumai, arrived.id, effective_on=date(2012, 6, 1))
    assert (past.rank, past.position) == ("III/a", "Perawat Ahli Muda")  # no earlier position in the sample
