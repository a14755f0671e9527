"""Which commands the tenant's writer decides for the other workers, and how a command gets there.

With several workers serving one tenant, one of them writes its appends (`riwayat.infra.ledger.handoff`).
The commands named here go to it whole (`riwayat.infra.ledger.calls`): it decides them on its own state
and writes them, so one tenant's commands are decided in one process — a busy employee's commands take
turns there (`streams`) instead of being decided on stale copies in two processes and refused. Each of
them appends once, through one `execute` (`tests/application/test_handed_over.py` checks the list against
the code): a command id chosen here, pinned for that append, is how a call whose writer died unanswering is
found written or not, so it is never written twice. Everything else is decided by the worker that received
it and handed over decided (a command of several appends; one whose arguments do not pickle).
"""

from __future__ import annotations

import functools
from typing import Any

from riwayat.application.runner import command_result
from riwayat.domain.errors import InvalidInput
from riwayat.infra.ledger import AppendResult, calls

HANDED_OVER = frozenset({
    # careers, coaching and awards, competency
    "catalogue_position", "change_position", "record_education", "sign_contract", "grant_salary_step",
    "restore_rank", "open_coaching", "grant_award", "define_technical_competency", "set_competency_standard",
    "record_competency_assessment", "plan_training_programme", "enroll_in_programme",
    "withdraw_from_programme", "record_programme_completion", "record_training_evaluation",
    # complaints, units, leave
    "file_complaint", "triage_complaint", "link_complaint_to_discipline", "establish_org_unit",
    "request_leave", "approve_leave", "reject_leave", "cancel_leave", "record_return_from_leave",
    "assign_supervisor",
    # onboarding, performance, personnel, public voice
    "import_history", "record_historical_appraisal", "hire_employee", "complete_probation",
    "promote_employee", "assign_position", "record_training", "impose_discipline", "separate_employee",
    "set_holidays", "open_survey", "record_public_forum", "record_forum_follow_up",
})  # fmt: skip
TRIES = 3  # hand-overs of one call whose writer went away before the command runs here


def route(cls: type) -> type:
    """`cls`'s commands of `HANDED_OVER` made to go to the tenant's writer while another process writes;
    the originals kept for the writer to run (`CommandRunner.run_call`)."""
    cls.handed_over = {name: getattr(cls, name) for name in HANDED_OVER}
    for name, method in cls.handed_over.items():
        setattr(cls, name, _routed(name, method))
    cls.run_call = run_call
    return cls


async def run_call(self: Any, call: calls.Call) -> Any:
    """A command another worker handed this one whole: run here, as if received here (not routed again)."""
    method = self.handed_over.get(call.name)
    if method is None:
        raise InvalidInput(f"{call.name} is not a command another worker may hand over")
    return await method(self, call.ctx, **call.kwargs)


def _routed(name: str, method: Any) -> Any:
    @functools.wraps(method)
    async def routed(self: Any, ctx: Any, **kwargs: Any) -> Any:
        store = self.store
        if not store.handoff or not store.forwards(ctx.tenant):  # (this process writes for the tenant)
            return await method(self, ctx, **kwargs)
        options = kwargs.get("options")
        keyed = options is not None and options.idempotency_key is not None
        call = calls.Call.of(name, ctx, kwargs, keyed)
        for _ in range(TRIES):
            answer = store.forward_call(ctx.tenant, call)
            if answer is None:
                break
            answer = await answer
            if type(answer) is str:  # LOST: run again (handed to the next writer, or here); LOCAL: here
                if answer == calls.LOST:
                    continue
                break
            return command_result(answer) if type(answer) is AppendResult else answer
        token = calls.pin(call.command_id)
        try:
            return await method(self, ctx, **kwargs)
        finally:
            calls.unpin(token)

    return routed
