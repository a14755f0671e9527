"""The role table of API.md as data: one representative document per operation and who may run it.
Used by tests/graphql/test_roles.py (in-process) and tests/e2e (over HTTP)."""

from __future__ import annotations

import uuid

from tests.graphql.api import APPRAISER_NIP, decree
from tests.graphql.competency_api import COMPETENCY_OPERATIONS
from tests.graphql.performance_api import PERFORMANCE_OPERATIONS

# employee (issue 17): no operation lists it below — its subject here is nobody's NIP, so even the leave
# operations open to it refuse it in the resolver; tests/graphql/test_leave.py runs them as real employees.
ROLES = ("admin", "hr", "complaint_officer", "auditor", "viewer", "employee")
EVERYONE = set(ROLES) - {"employee"}  # deny by default: nothing of the directory for an employee
PERSONNEL = {"admin", "hr"}
COMPLAINTS = {"admin", "complaint_officer"}
AUDIT = {"admin", "auditor"}
VOICE = {"admin", "hr", "complaint_officer"}  # surveys and forums

_ID = str(uuid.UUID(int=1))
_DATED = {"employeeId": _ID, "effectiveOn": "2019-05-01", "decree": decree()}
_HIRE = {
    "nip": "198609262015051999",
    "name": "X",
    "gender": "MALE",
    "birthDate": "1986-09-26",
    "employmentType": "PNS",
    "rank": "III/a",
    "position": "Staf",
    "unitId": _ID,
    "effectiveOn": "2015-05-01",
    "decree": decree(),
}
_ENROL = {
    "nip": "198609262015051998", "name": "X", "gender": "MALE", "birthDate": "1986-09-26",
    "employmentType": "PNS", "tmtCpns": "2015-05-01", "rank": "III/a", "rankSince": "2015-05-01",
    "rankDecree": decree(), "position": "Staf", "positionSince": "2015-05-01", "unitId": _ID,
    "enrolledOn": "2025-01-02", "source": "SIASN_IMPORT",
}  # fmt: skip
_RECEIVE = {"file": "{}", "unitId": _ID, "position": "P", "effectiveOn": "2025-03-01"}
_TRAINING = {"employeeId": _ID, "title": "T", "kind": "SEMINAR", "hours": 2, "completedOn": "2019-05-01"}
_SKP = {"employeeId": _ID, "year": 2019, "workResult": "MEETS", "behaviour": "MEETS"} | {
    "appraiserNip": APPRAISER_NIP
}
_COMPLAINT = {"channel": "WEB", "category": "C", "description": "D", "employeeId": _ID}
_RESOLVE = {"complaintId": _ID, "outcome": "UNSUBSTANTIATED", "resolution": "R"}


def _q(document: str, roles: set[str]) -> tuple[str, dict, set[str]]:
    return document, {}, roles


def _m(name: str, input: dict, roles: set[str]) -> tuple[str, dict, set[str]]:
    input_type = name[0].upper() + name[1:] + "Input"
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ errors {{ code }} }} }}", {"i": input}, roles


def _mi(name: str, input_type: str, input: dict, roles: set[str]) -> tuple[str, dict, set[str]]:
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ errors {{ code }} }} }}", {"i": input}, roles


_LEAVE = {"employeeId": _ID, "requestId": _ID}
LEAVE_OPERATIONS = {  # leave and self-service (issue 17)
    "me": _q("{ me { id } }", set()),  # only a token whose subject is an employee's NIP
    "leaveBalance": _q(
        f'{{ leaveBalance(employeeId: "{_ID}", year: 2026) {{ remaining }} }}', PERSONNEL | {"auditor"}
    ),
    "leaveCalendar": _q(
        f'{{ leaveCalendar(unitId: "{_ID}", from: "2026-01-01", to: "2026-12-31") {{ id }} }}',
        PERSONNEL | {"auditor"},
    ),
    "pendingApprovals": _q("{ pendingApprovals { id } }", PERSONNEL | {"auditor"}),
    "requestLeave": _m(
        "requestLeave",
        {"type": "ANNUAL", "from": "2027-07-05", "to": "2027-07-06", "reason": "R", "employeeId": _ID},
        PERSONNEL,
    ),
    "approveLeave": _mi("approveLeave", "DecideLeaveInput", _LEAVE, PERSONNEL),
    "rejectLeave": _mi("rejectLeave", "DecideLeaveInput", _LEAVE | {"reason": "R"}, PERSONNEL),
    "cancelLeave": _mi("cancelLeave", "LeaveRequestInput", _LEAVE, PERSONNEL),
    "recordReturnFromLeave": _mi("recordReturnFromLeave", "LeaveRequestInput", _LEAVE, PERSONNEL),
    "assignSupervisor": _m("assignSupervisor", {"employeeId": _ID, "supervisorId": None}, PERSONNEL),
}

# operation → (document, variables, roles allowed)
PRIVACY_OPERATIONS = {  # personal data (issue 19): an employee reads only their own report
    "subjectDataReport": _q(f'{{ subjectDataReport(subjectId: "{_ID}") }}', {"admin", "hr", "auditor"}),
    "eraseSubjectData": _m(
        "eraseSubjectData", {"subjectId": _ID, "reason": "R", "legalBasis": "B"}, {"admin"}
    ),
}
OPERATIONS: dict[str, tuple[str, dict, set[str]]] = (
    {
        "employee": _q(f'{{ employee(id: "{_ID}") {{ id }} }}', EVERYONE),
        "employees": _q("{ employees { totalCount } }", EVERYONE),
        "orgUnits": _q("{ orgUnits { id } }", EVERYONE),
        "complaint": _q(f'{{ complaint(id: "{_ID}") {{ id }} }}', COMPLAINTS | {"auditor"}),
        "complaints": _q("{ complaints { totalCount } }", COMPLAINTS | {"auditor"}),
        "promotionCandidates": _q(
            '{ promotionCandidates(asOf: "2024-01-01") { id } }', PERSONNEL | {"auditor"}
        ),
        "auditLog": _q("{ auditLog { edges { cursor } } }", AUDIT),
        "employeeAsOf": _q(
            f'{{ employeeAsOf(id: "{_ID}", effectiveOn: "2024-01-01") {{ id }} }}', {"hr"} | AUDIT
        ),
        "verifyIntegrity": _q("{ verifyIntegrity { ok } }", AUDIT),
        "accessLog": _q("{ accessLog { edges { cursor } } }", AUDIT),
        "accessLogIntegrity": _q("{ accessLogIntegrity { ok } }", AUDIT),
        "projectionStatus": _q("{ projectionStatus { name } }", AUDIT),
        "ledgerDigest": _q("{ ledgerDigest { position } }", AUDIT),
        "establishOrgUnit": _m("establishOrgUnit", {"code": "ROLE-T", "name": "T"}, {"admin"}),
        "hireEmployee": _m("hireEmployee", _HIRE, PERSONNEL),
        "completeProbation": _m("completeProbation", _DATED, PERSONNEL),
        "promoteEmployee": _m("promoteEmployee", _DATED | {"toRank": "III/b"}, PERSONNEL),
        "assignPosition": _m(
            "assignPosition", _DATED | {"position": "P", "unitId": _ID, "change": "ROTATION"}, PERSONNEL
        ),
        "recordTraining": _m("recordTraining", _TRAINING, PERSONNEL),
        "recordAppraisal": _m("recordAppraisal", _SKP, PERSONNEL),
        "imposeDiscipline": _m(
            "imposeDiscipline", _DATED | {"level": "RINGAN", "description": "D"}, PERSONNEL
        ),
        "separateEmployee": _m("separateEmployee", _DATED | {"reason": "DEATH"}, PERSONNEL),
        # onboarding (issue 13)
        "enrollEmployee": _m("enrollEmployee", _ENROL, PERSONNEL),
        "transferEmployeeOut": _m("transferEmployeeOut", _DATED | {"destinationTenant": "dumai"}, PERSONNEL),
        "receiveTransfer": _m("receiveTransfer", _RECEIVE, PERSONNEL),
        "fileComplaint": _m("fileComplaint", _COMPLAINT, COMPLAINTS | {"hr"}),
        "triageComplaint": _m("triageComplaint", {"complaintId": _ID, "unitId": _ID}, COMPLAINTS),
        "resolveComplaint": _m("resolveComplaint", _RESOLVE, COMPLAINTS),
        # public voice
        "overdueComplaints": _q("{ overdueComplaints { id } }", COMPLAINTS | {"auditor"}),
        "holidays": _q("{ holidays(year: 2026) { workingDays } }", EVERYONE),
        "satisfactionIndex": _q(
            f'{{ satisfactionIndex(unitId: "{_ID}", period: "2026") {{ ikm }} }}', EVERYONE
        ),
        "surveys": _q(f'{{ surveys(unitId: "{_ID}") {{ id }} }}', EVERYONE),
        "publicForums": _q(f'{{ publicForums(unitId: "{_ID}") {{ id }} }}', EVERYONE),
        "forumCommitments": _q("{ forumCommitments { number } }", EVERYONE),
        "unitServiceReport": _q(
            f'{{ unitServiceReport(unitId: "{_ID}", period: "2026") {{ complaints }} }}', EVERYONE
        ),
        "respondToComplaint": _m("respondToComplaint", {"complaintId": _ID, "response": "R"}, COMPLAINTS),
        "closeComplaint": _m("closeComplaint", {"complaintId": _ID}, COMPLAINTS),
        "reopenComplaint": _m("reopenComplaint", {"complaintId": _ID}, COMPLAINTS),
        "linkComplaintToDiscipline": _m(
            "linkComplaintToDiscipline",
            {"complaintId": _ID, "employeeId": _ID, "decreeNumber": "800/1"},
            COMPLAINTS,
        ),
        "setHolidays": _m("setHolidays", {"year": 2026, "dates": []}, PERSONNEL),
        "openSurvey": _m("openSurvey", {"unitId": _ID, "service": "S", "populationServed": 10}, VOICE),
        "recordSurveyResponse": _m(
            "recordSurveyResponse", {"surveyId": _ID, "respondedOn": "2026-01-05", "answers": [3] * 9}, VOICE
        ),
        "recordPublicForum": _m(
            "recordPublicForum",
            {"unitId": _ID, "heldOn": "2026-01-05", "participants": 5, "topics": ["T"], "commitments": []},
            VOICE,
        ),
        "recordForumFollowUp": _m(
            "recordForumFollowUp",
            {"forumId": _ID, "commitment": 1, "status": "DONE", "on": "2026-01-05"},
            VOICE,
        ),
        # careers (issue 14)
        "positions": _q(f'{{ positions(unitId: "{_ID}") {{ id }} }}', EVERYONE),
        "vacancies": _q("{ vacancies { id } }", EVERYONE),
        "promotionEligibility": _q(
            f'{{ promotionEligibility(employeeId: "{_ID}", asOf: "2024-01-01") {{ eligible }} }}',
            PERSONNEL | {"auditor"},
        ),
        "retirementsDue": _q("{ retirementsDue(within: 6) { retiresOn } }", PERSONNEL | {"auditor"}),
        "contractsExpiring": _q("{ contractsExpiring(within: 6) { endOn } }", PERSONNEL | {"auditor"}),
        "salaryStepsDue": _q('{ salaryStepsDue(asOf: "2024-01-01") { dueOn } }', PERSONNEL | {"auditor"}),
        "contracts": _q(f'{{ contracts(employeeId: "{_ID}") {{ endOn }} }}', PERSONNEL | {"auditor"}),
        "education": _q(f'{{ education(employeeId: "{_ID}") {{ level }} }}', PERSONNEL | {"auditor"}),
        "cataloguePosition": _m(
            "cataloguePosition",
            {
                "name": "P",
                "kind": "PELAKSANA",
                "unitId": _ID,
                "jobClass": 5,
                "seats": 1,
                "effectiveOn": "2024-01-01",
            },
            PERSONNEL,
        ),
        "changePosition": _m(
            "changePosition", {"positionId": _ID, "effectiveOn": "2024-01-01", "seats": 2}, PERSONNEL
        ),
        "recordEducation": _m(
            "recordEducation",
            {"employeeId": _ID, "level": "S1", "institution": "U", "graduatedOn": "2010-01-01"},
            PERSONNEL,
        ),
        "signContract": _m(
            "signContract",
            {"employeeId": _ID, "startOn": "2024-01-01", "endOn": "2024-12-31", "workTime": "PART_TIME"}
            | {"niPppk": "199001152021212005", "decree": decree()},
            PERSONNEL,
        ),
        "renewContract": _m(
            "renewContract",
            {"employeeId": _ID, "startOn": "2025-01-01", "endOn": "2025-12-31", "workTime": "PART_TIME"}
            | {"niPppk": "199001152021222005", "decree": decree()},
            PERSONNEL,
        ),
        "grantSalaryStep": _m("grantSalaryStep", _DATED, PERSONNEL),
        "restoreRank": _m("restoreRank", _DATED, PERSONNEL),
    }
    | PERFORMANCE_OPERATIONS
    | COMPETENCY_OPERATIONS
    | LEAVE_OPERATIONS
    | PRIVACY_OPERATIONS
)  # the performance cycle's and competency's in tests/graphql/performance_api.py, competency_api.py

# Fields below the root that need more than the directory roles.
PERSONNEL_FIELDS = {
    "appraisals": "appraisals { year }",
    "trainingHours": "trainingHours(year: 2020)",
    "history": "history { edges { cursor } }",
}
PERSONNEL_ROLES = {"admin", "hr", "auditor"}
