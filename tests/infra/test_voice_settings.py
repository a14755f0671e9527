"""The public-voice settings: a tenant's complaint response standard and the public endpoint's limits."""

from __future__ import annotations

from riwayat.infra.settings import Settings


def test_the_response_standard_is_14_working_days_unless_the_tenant_sets_its_own() -> None:
    assert Settings().response_days_for("medan") == 14
    every = Settings.from_env({"RIWAYAT_COMPLAINT_RESPONSE_DAYS": "5"})
    assert every.response_days_for("medan") == every.response_days_for("dumai") == 5
    per = Settings.from_env({"RIWAYAT_COMPLAINT_RESPONSE_DAYS": "Medan=2, dumai=60, *=10"})
    assert [per.response_days_for(s) for s in ("medan", "dumai", "other")] == [2, 60, 10]


def test_the_public_endpoint_limits_come_from_the_environment() -> None:
    env = {
        "RIWAYAT_PUBLIC_RATE_PER_MINUTE": "6",
        "RIWAYAT_PUBLIC_RATE_BURST": "2",
        "RIWAYAT_PUBLIC_ANSWER_FLOOR_MS": "80",
    }
    s = Settings.from_env(env)
    assert (s.public_rate_per_minute, s.public_rate_burst, s.public_answer_floor_ms) == (6, 2, 80)
    d = Settings.from_env({})
    assert (d.public_rate_per_minute, d.public_rate_burst, d.public_answer_floor_ms) == (30, 10, 50)
