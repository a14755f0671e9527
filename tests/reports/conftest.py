"""Reports are tested on a small demo tenant, through the real app (tests/graphql's fixtures)."""

from __future__ import annotations

import io
import uuid

import pytest

from riwayat.demo import load_demo_into
from tests.graphql.conftest import app, http  # noqa: F401  (the in-process app and its client)


@pytest.fixture(scope="module")
async def demo(app) -> str:  # noqa: F811
    slug = f"report{uuid.uuid4().hex[:8]}"
    code = await load_demo_into(
        app.state.services,
        employees=40,
        seed=1275,
        tenants=[(slug, "Pemerintah Kota Medan", "medan")],
        out=io.StringIO(),
        show_progress=False,
    )
    assert code == 0
    return slug
