"""The role table of API.md as data: one representative document per operation and who may run it.
Used by tests/graphql/test_roles.py (in-process) and tests/e2e (over HTTP)."""

from __future__ import annotations

import uuid

from tests.graphql.api import APPRAISER_NIP, decree

ROLES = ("admin", "hr", "complaint_officer", "auditor", "viewer")
EVERYONE = set(ROLES)
PERSONNEL = {"admin", "hr"}
COMPLAINTS = {"admin", "complaint_officer"}
AUDIT = {"admin", "auditor"}

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


# operation → (document, variables, roles allowed)
OPERATIONS: dict[str, tuple[str, dict, set[str]]] = {
    "employee": _q(f'{{ employee(id: "{_ID}") {{ id }} }}', EVERYONE),
    "employees": _q("{ employees { totalCount } }", EVERYONE),
    "orgUnits": _q("{ orgUnits { id } }", EVERYONE),
    "complaint": _q(f'{{ complaint(id: "{_ID}") {{ id }} }}', COMPLAINTS | {"auditor"}),
    "complaints": _q("{ complaints { totalCount } }", COMPLAINTS | {"auditor"}),
    "promotionCandidates": _q('{ promotionCandidates(asOf: "2024-01-01") { id } }', PERSONNEL | {"auditor"}),
    "auditLog": _q("{ auditLog { edges { cursor } } }", AUDIT),
    "employeeAsOf": _q(
        f'{{ employeeAsOf(id: "{_ID}", effectiveOn: "2024-01-01") {{ id }} }}', {"hr"} | AUDIT
    ),
    "verifyIntegrity": _q("{ verifyIntegrity { ok } }", AUDIT),
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
    "imposeDiscipline": _m("imposeDiscipline", _DATED | {"level": "RINGAN", "description": "D"}, PERSONNEL),
    "separateEmployee": _m("separateEmployee", _DATED | {"reason": "DEATH"}, PERSONNEL),
    "fileComplaint": _m("fileComplaint", _COMPLAINT, COMPLAINTS | {"hr"}),
    "triageComplaint": _m("triageComplaint", {"complaintId": _ID, "unitId": _ID}, COMPLAINTS),
    "resolveComplaint": _m("resolveComplaint", _RESOLVE, COMPLAINTS),
}

# Fields below the root that need more than the directory roles.
PERSONNEL_FIELDS = {
    "appraisals": "appraisals { year }",
    "trainingHours": "trainingHours(year: 2020)",
    "history": "history { edges { cursor } }",
}
PERSONNEL_ROLES = {"admin", "hr", "auditor"}
