"""Public-voice history for the ledger that projection tests replay: a holiday calendar, an SKM survey
with responses, an open forum with a follow-up, and a complaint answered and linked to a sanction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from riwayat.domain.complaint import Complaint
from riwayat.domain.complaint_rules import new_tracking_code
from riwayat.domain.forum import PublicForum
from riwayat.domain.holiday_calendar import HolidayCalendar
from riwayat.domain.survey import SatisfactionSurvey

if TYPE_CHECKING:
    from tests.projections.ledger import Ledger


async def voice_history(ledger: Ledger) -> None:
    rng, unit = ledger.rng, ledger.units[0]
    cal = HolidayCalendar.start(2026, [date(2026, 11, 13)], note="HUT Kota")
    cal.set_holidays([date(2026, 11, 13), date(2026, 11, 16)])
    survey = SatisfactionSurvey.open(unit_id=unit.id, service="KTP-el", population_served=900)
    for i in range(12):
        answers = [rng.randint(2, 4) for _ in range(9)]
        survey.record_response(
            responded_on=date(2026, 1 + i % 12, 5), answers=answers, sex=rng.choice(["MALE", None])
        )
    forum = PublicForum.record(
        unit_id=unit.id,
        held_on=date(2026, 5, 12),
        participants=40,
        topics=["Antrean"],
        commitments=["Loket", "Sabtu"],
    )
    forum.follow_up(2, "IN_PROGRESS", date(2026, 6, 1), "Diajukan")
    case = Complaint.file(
        channel="LAPOR!",
        category="COMPLAINT",
        description="Pungutan liar",
        tracking_code=new_tracking_code(ledger.tenant.slug),
        received_on=date(2026, 3, 13),
        lapor_ticket="5001234",
        confidential=True,
    )
    case.triage(unit.id, on=date(2026, 3, 16))
    case.respond("Sedang diperiksa", date(2026, 3, 17))
    case.resolve("SUBSTANTIATED", "Terbukti", on=date(2026, 4, 1))
    case.respond("Pegawai dijatuhi hukuman disiplin", date(2026, 4, 2))
    case.link_discipline(ledger.employees[0].id, "800/9/BKPSDM/2026")
    ledger.complaints.append(case)
    for aggregate in (cal, survey, forum, case):
        await ledger.save(aggregate)
