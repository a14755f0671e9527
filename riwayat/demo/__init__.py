"""Demo tenants for newcomers: `riwayat demo` fills `medan` and `dumai` with realistic careers.

`plan` builds deterministic plain data (units, people, careers, complaints) from a seed; `loader` sends
it through the application service, so the demo ledger is as validated and chained as any other.
"""

from __future__ import annotations

from riwayat.demo.loader import DEFAULT_TENANTS, DemoTenant, count_employees, load_demo, load_demo_into
from riwayat.demo.plan import build_plan

__all__ = ["DEFAULT_TENANTS", "DemoTenant", "build_plan", "count_employees", "load_demo", "load_demo_into"]
