"""Public voice through the API: complaints handled to the end with deadlines, confidentiality, the
holiday calendar, SKM and its index, open forums and the unit service report."""

from __future__ import annotations

from collections.abc import Callable

from tests.graphql.api import DISCIPLINE, Api, decree, establish, hire

FIELDS = """id status description trackingCode receivedOn triagedOn respondedOn firstRespondedOn response
  closedOn confidential anonymous laporTicket channel disciplineDecree version employee { id }
  deadlines { verificationDue responseDue overdue }"""
PAYLOAD = f"complaint {{ {FIELDS} }} version errors {{ code field message }}"


def mutation(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {PAYLOAD} }} }}"


FILE = mutation("fileComplaint", "FileComplaintInput")
TRIAGE = mutation("triageComplaint", "TriageComplaintInput")
RESPOND = mutation("respondToComplaint", "RespondToComplaintInput")
RESOLVE = mutation("resolveComplaint", "ResolveComplaintInput")
CLOSE = mutation("closeComplaint", "CloseComplaintInput")
REOPEN = mutation("reopenComplaint", "ReopenComplaintInput")
LINK = mutation("linkComplaintToDiscipline", "LinkComplaintToDisciplineInput")
ONE = f"query($id: ID!) {{ complaint(id: $id) {{ {FIELDS} }} }}"
OVERDUE = "query($u: ID) { overdueComplaints(unitId: $u) { id deadlines { overdue } } }"
HOLIDAYS = """mutation($input: SetHolidaysInput!) { setHolidays(input: $input) {
  year { year mode workingDays holidays { date kind } } errors { code field } } }"""


async def step(api: Api, document: str, name: str, **input: object) -> dict:
    payload = (await api.data(document, {"input": input}))[name]
    assert payload["errors"] == [], payload
    return payload["complaint"]


async def test_a_complaint_goes_through_every_step_with_its_dates_and_deadlines(
    admin: Api, hr: Api, as_role: Callable[..., Api]
) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin)
    emp = await hire(hr, unit["id"], 71)
    sanction = {
        "employeeId": emp["id"],
        "effectiveOn": "2026-04-01",
        "level": "RINGAN",
        "description": "Pungli",
    }
    sanction["decree"] = decree("800/7/BKPSDM/2026", "2026-03-30")
    assert (await hr.data(DISCIPLINE, {"input": sanction}))["imposeDiscipline"]["errors"] == []

    # Received Friday 13 March 2026, the week before Nyepi and Idul Fitri
    filed = await step(
        officer,
        FILE,
        "fileComplaint",
        channel="LAPOR!",
        category="COMPLAINT",
        description="Pungli di loket",
        employeeId=emp["id"],
        receivedOn="2026-03-13",
        laporTicket="5012345",
        reporterContact="081211112222",
    )
    cid = filed["id"]
    assert filed["trackingCode"].startswith(f"{admin_slug(admin)}-") and filed["laporTicket"] == "5012345"
    assert filed["deadlines"] == {
        "verificationDue": "2026-03-25",
        "responseDue": None,
        "overdue": "VERIFICATION",
    }
    triaged = await step(
        officer, TRIAGE, "triageComplaint", complaintId=cid, unitId=unit["id"], on="2026-03-25"
    )
    assert triaged["deadlines"]["responseDue"] == "2026-04-15"  # 14 working days, Good Friday off
    answered = await step(
        officer, RESPOND, "respondToComplaint", complaintId=cid, response="Diperiksa", on="2026-03-26"
    )
    assert (answered["respondedOn"], answered["deadlines"]["overdue"]) == ("2026-03-26", None)
    await step(
        officer, RESOLVE, "resolveComplaint", complaintId=cid, outcome="SUBSTANTIATED", resolution="Terbukti"
    )
    linked = await step(
        officer,
        LINK,
        "linkComplaintToDiscipline",
        complaintId=cid,
        employeeId=emp["id"],
        decreeNumber="800/7/BKPSDM/2026",
    )
    assert linked["disciplineDecree"] == "800/7/BKPSDM/2026"
    closed = await step(officer, CLOSE, "closeComplaint", complaintId=cid, note="Pelapor diberi tahu")
    assert closed["status"] == "CLOSED" and closed["closedOn"]

    # A response after closure is refused and changes nothing
    late = (await officer.data(RESPOND, {"input": {"complaintId": cid, "response": "x"}}))[
        "respondToComplaint"
    ]
    assert [e["code"] for e in late["errors"]] == ["INVALID_STATE"] and late["complaint"] is None
    reopened = await step(officer, REOPEN, "reopenComplaint", complaintId=cid, reason="Terulang")
    assert (reopened["status"], reopened["response"], reopened["firstRespondedOn"]) == (
        "TRIAGED",
        None,
        "2026-03-26",
    )
    # No decree of that number for the employee: refused
    wrong = {"complaintId": cid, "employeeId": emp["id"], "decreeNumber": "800/99/X"}
    refused = (await officer.data(LINK, {"input": wrong}))["linkComplaintToDiscipline"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_FOUND", "decreeNumber")]


def admin_slug(api: Api) -> str:
    import base64
    import json

    claims = api.bearer.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))["tenant"]


async def test_anonymous_keeps_no_contact_and_confidential_is_hidden_from_admin(
    admin: Api, as_role: Callable[..., Api]
) -> None:
    officer, auditor = as_role("complaint_officer"), as_role("auditor")
    refused = (
        await officer.data(
            FILE,
            {
                "input": {
                    "channel": "SMS 1708",
                    "category": "C",
                    "description": "D",
                    "anonymous": True,
                    "reporterContact": "0812",
                }
            },
        )
    )["fileComplaint"]
    assert [e["field"] for e in refused["errors"]] == ["reporterContact"]
    secret = await step(
        officer,
        FILE,
        "fileComplaint",
        channel="WALK-IN",
        category="WHISTLEBLOWING",
        description="Suap pengadaan",
        anonymous=True,
        confidential=True,
    )
    assert (secret["anonymous"], secret["channel"]) == (True, "WALK_IN")
    for reader in (officer, auditor):
        assert (await reader.data(ONE, {"id": secret["id"]}))["complaint"]["description"] == "Suap pengadaan"
    assert (await admin.data(ONE, {"id": secret["id"]}))["complaint"]["description"] == "[confidential]"
    listed = (await admin.data("{ complaints(first: 100) { edges { node { id } } } }"))["complaints"]["edges"]
    assert secret["id"] not in {e["node"]["id"] for e in listed}


async def test_overdue_complaints_follow_the_tenant_holiday_calendar(
    admin: Api, hr: Api, as_role: Callable[..., Api]
) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin)
    old = await step(
        officer,
        FILE,
        "fileComplaint",
        channel="Portal",
        category="C",
        description="Lama",
        unitId=unit["id"],
        receivedOn="2026-01-05",
    )
    await step(officer, TRIAGE, "triageComplaint", complaintId=old["id"], unitId=unit["id"], on="2026-01-06")
    waiting = await step(
        officer,
        FILE,
        "fileComplaint",
        channel="Portal",
        category="C",
        description="Baru",
        unitId=unit["id"],
        receivedOn="2026-01-05",
    )
    answered = await step(
        officer,
        FILE,
        "fileComplaint",
        channel="Portal",
        category="C",
        description="Dijawab",
        unitId=unit["id"],
        receivedOn="2026-01-05",
    )
    await step(
        officer, TRIAGE, "triageComplaint", complaintId=answered["id"], unitId=unit["id"], on="2026-01-06"
    )
    await step(
        officer, RESPOND, "respondToComplaint", complaintId=answered["id"], response="Ok", on="2026-01-07"
    )
    overdue = (await officer.data(OVERDUE, {"u": unit["id"]}))["overdueComplaints"]
    assert {(c["id"], c["deadlines"]["overdue"]) for c in overdue} == {
        (old["id"], "RESPONSE"),
        (waiting["id"], "VERIFICATION"),
    }

    # A regional holiday on Thursday 8 January moves the verification due date by a day
    before = (await officer.data(ONE, {"id": waiting["id"]}))["complaint"]["deadlines"]["verificationDue"]
    assert before == "2026-01-08"
    set_ = (await hr.data(HOLIDAYS, {"input": {"year": 2026, "dates": ["2026-01-08"]}}))["setHolidays"]
    assert set_["errors"] == [] and set_["year"]["mode"] == "EXTEND" and set_["year"]["workingDays"] == 239
    after = (await officer.data(ONE, {"id": waiting["id"]}))["complaint"]["deadlines"]["verificationDue"]
    assert after == "2026-01-09"
    outside = (await hr.data(HOLIDAYS, {"input": {"year": 2026, "dates": ["2025-12-31"]}}))["setHolidays"]
    assert [e["field"] for e in outside["errors"]] == ["dates"]


SURVEY = """mutation($input: OpenSurveyInput!) { openSurvey(input: $input) {
  survey { id minimumSample respondents } errors { code field } } }"""
ANSWER = """mutation($input: RecordSurveyResponseInput!) { recordSurveyResponse(input: $input) {
  survey { respondents } errors { code field } } }"""
INDEX = """query($u: ID!, $s: String, $p: String!) { satisfactionIndex(unitId: $u, service: $s, period: $p) {
  respondents minimumSample sampleReached ikm grade gradeLabel elements { element mean } } }"""


async def test_skm_responses_give_the_ikm_and_grade_of_the_period(admin: Api, hr: Api) -> None:
    """The worked example of tests/domain/test_survey.py: ten respondents, IKM 81.11, grade B."""
    from tests.domain.test_survey import worked_example

    unit = await establish(admin)
    opened = (
        await hr.data(
            SURVEY,
            {
                "input": {
                    "unitId": unit["id"],
                    "service": "KTP-el",
                    "populationServed": 100,
                    "minimumSample": 10,
                }
            },
        )
    )["openSurvey"]
    sid = opened["survey"]["id"]
    assert opened["errors"] == [] and opened["survey"]["minimumSample"] == 10
    for i, answers in enumerate(worked_example()):
        one = {"surveyId": sid, "respondedOn": f"2026-0{1 + i % 3}-10", "answers": answers, "sex": "FEMALE"}
        assert (await hr.data(ANSWER, {"input": one}))["recordSurveyResponse"]["errors"] == []
    bad = {"surveyId": sid, "respondedOn": "2026-02-10", "answers": [5, 3, 3, 3, 3, 3, 3, 3, 3]}
    refused = (await hr.data(ANSWER, {"input": bad}))["recordSurveyResponse"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "answers")]
    q1 = (await hr.data(INDEX, {"u": unit["id"], "s": "KTP-el", "p": "2026-Q1"}))["satisfactionIndex"]
    assert (q1["ikm"], q1["grade"], q1["gradeLabel"], q1["respondents"], q1["sampleReached"]) == (
        "81.11",
        "B",
        "Baik",
        10,
        True,
    )
    assert [e["mean"] for e in q1["elements"]][:3] == ["3.20", "3.10", "2.90"]
    march = (await hr.data(INDEX, {"u": unit["id"], "s": "KTP-el", "p": "2026-03"}))["satisfactionIndex"]
    assert march["respondents"] == 3 and march["sampleReached"] is False
    dup = await hr.data(SURVEY, {"input": {"unitId": unit["id"], "service": "ktp-EL", "populationServed": 5}})
    assert [e["code"] for e in dup["openSurvey"]["errors"]] == ["INVALID_INPUT"]


FORUM = """mutation($input: RecordPublicForumInput!) { recordPublicForum(input: $input) {
  forumId commitments { number status } errors { code field } } }"""
FOLLOW = """mutation($input: RecordForumFollowUpInput!) { recordForumFollowUp(input: $input) {
  commitments { number status note } errors { code field } } }"""
COMMITMENTS = """query($u: ID, $s: CommitmentStatus) { forumCommitments(unitId: $u, status: $s) {
  number commitment status } }"""
REPORT = """query($u: ID!, $p: String!) { unitServiceReport(unitId: $u, period: $p) {
  complaints complaintsByCategory { key count } complaintsByOutcome { key count } medianWorkingDaysToRespond
  overdueComplaints satisfaction { ikm grade } openCommitments { commitment status } } }"""


async def test_forum_commitments_are_followed_up_and_reach_the_unit_report(
    admin: Api, hr: Api, as_role: Callable[..., Api]
) -> None:
    officer = as_role("complaint_officer")
    unit = await establish(admin)
    input = {
        "unitId": unit["id"],
        "heldOn": "2026-05-12",
        "participants": 64,
        "topics": ["Antrean"],
        "commitments": ["Loket tambahan", "Layanan Sabtu"],
    }
    forum = (await hr.data(FORUM, {"input": input}))["recordPublicForum"]
    assert forum["errors"] == [] and [c["status"] for c in forum["commitments"]] == ["OPEN", "OPEN"]
    follow = {
        "forumId": forum["forumId"],
        "commitment": 1,
        "status": "DONE",
        "on": "2026-07-01",
        "note": "Dibuka",
    }
    done = (await hr.data(FOLLOW, {"input": follow}))["recordForumFollowUp"]
    assert [(c["status"], c["note"]) for c in done["commitments"]] == [("DONE", "Dibuka"), ("OPEN", None)]
    open_ = (await hr.data(COMMITMENTS, {"u": unit["id"], "s": "OPEN"}))["forumCommitments"]
    assert [c["commitment"] for c in open_] == ["Layanan Sabtu"]

    for received, answered in (("2026-05-04", "2026-05-06"), ("2026-05-11", "2026-05-19")):
        c = await step(
            officer,
            FILE,
            "fileComplaint",
            channel="LAPOR",
            category="COMPLAINT",
            description="x",
            unitId=unit["id"],
            receivedOn=received,
        )
        await step(officer, TRIAGE, "triageComplaint", complaintId=c["id"], unitId=unit["id"], on=received)
        await step(officer, RESPOND, "respondToComplaint", complaintId=c["id"], response="ok", on=answered)
    report = (await hr.data(REPORT, {"u": unit["id"], "p": "2026-Q2"}))["unitServiceReport"]
    # 4 → 6 May: 2 working days; 11 → 19 May: 12, 13, 18, 19 (14 May Ascension, 15 cuti bersama): 4
    assert report["complaints"] == 2 and report["medianWorkingDaysToRespond"] == "3"
    assert report["complaintsByCategory"] == [{"key": "COMPLAINT", "count": 2}]
    assert [c["commitment"] for c in report["openCommitments"]] == ["Layanan Sabtu"]
    assert report["satisfaction"] == {"ikm": None, "grade": None}
    bad = await hr.error_codes(REPORT, {"u": unit["id"], "p": "2026-Q5"})
    assert bad == ["BAD_USER_INPUT"]
