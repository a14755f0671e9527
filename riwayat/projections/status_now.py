"""The status the directory shows today: the stored status, except ON_UNPAID_LEAVE for an employee in
service (ACTIVE, or CANDIDATE as `me` shows it too) on approved CLTN today (leave, issue 17).

Why computed when read and not stored: the status changes with the date, not only with events (a CLTN
starts and ends on its dates), and a read model is written only when an event arrives. The rule is the one
`me` and `promotion_candidates` use: from the CLTN's first day up to the day before the recorded return,
or up to its end date when no return is recorded — then ACTIVE again. "Today" is the WIB day, as
`riwayat.application.clock.today` counts it.
"""

from __future__ import annotations

from riwayat.domain.enums import EmployeeStatus
from riwayat.projections.leave import CLTN_LAST_DAY

ON_UNPAID_LEAVE = EmployeeStatus.ON_UNPAID_LEAVE.value
TODAY = "((now() AT TIME ZONE 'UTC') + interval '7 hours')::date"  # WIB: UTC+7, no daylight saving
_IN_SERVICE = (EmployeeStatus.ACTIVE.value, EmployeeStatus.CANDIDATE.value)
_SERVING = f"status IN ('{_IN_SERVICE[0]}', '{_IN_SERVICE[1]}')"


def on_cltn_today(schema: str, employee: str = "employees.id") -> str:
    """SQL: the employee (a column reference, a code constant) is on approved CLTN today."""
    return (
        f"EXISTS (SELECT 1 FROM {schema}.leave_requests r JOIN {schema}.leave_accounts a"
        f" ON a.id = r.account_id WHERE a.employee_id = {employee} AND r.kind = 'UNPAID'"
        f" AND r.status IN ('APPROVED', 'RETURNED') AND r.start_on <= {TODAY} AND {CLTN_LAST_DAY} >= {TODAY})"
    )


def status_column(schema: str) -> str:
    """The `status` column of an employees row as the directory shows it today."""
    return f"CASE WHEN {_SERVING} AND {on_cltn_today(schema)} THEN '{ON_UNPAID_LEAVE}' ELSE status END"


def status_filter(schema: str, status: str, param: str) -> str:
    """SQL for "the status shown today is `status`" (`param` is its $n): ACTIVE and CANDIDATE leave out
    those on CLTN."""
    if status == ON_UNPAID_LEAVE:
        return f"({param} = '{ON_UNPAID_LEAVE}' AND {_SERVING} AND {on_cltn_today(schema)})"
    if status in _IN_SERVICE:
        return f"(status = {param} AND NOT {on_cltn_today(schema)})"
    return f"status = {param}"
