"""The schema is a contract: the committed `schema.graphql` must equal the live schema, changes must not
break it, every name of API.md must exist, and no field is open to every role by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes

from riwayat.domain import enums as domain_enums
from riwayat.graphql.enums import ALL_ENUMS
from riwayat.graphql.export import sdl
from riwayat.graphql.permissions import Roles
from riwayat.graphql.schema import build_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "schema.graphql"
API_MD = ROOT.parent / "shared" / "API.md"
REGENERATE = "run `python -m riwayat.graphql.export` and commit schema.graphql"


def test_the_committed_schema_file_equals_the_live_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), f"the schema changed: {REGENERATE}"


def test_the_live_schema_makes_no_breaking_change_against_the_committed_file() -> None:
    committed = parse_sdl(SCHEMA_FILE.read_text(encoding="utf-8"))
    changes = find_breaking_changes(committed, parse_sdl(sdl()))
    assert changes == [], [c.description for c in changes]


@pytest.mark.skipif(not API_MD.exists(), reason="the shared API.md is not beside the project")
def test_every_type_field_argument_and_enum_value_of_api_md_exists_compatibly() -> None:
    blocks = re.findall(r"```graphql\n(.*?)```", API_MD.read_text(encoding="utf-8"), re.S)
    contract = parse_sdl("\n".join(blocks))
    changes = find_breaking_changes(contract, parse_sdl(sdl()))
    assert changes == [], [c.description for c in changes]


def test_every_query_and_mutation_field_names_the_roles_allowed_it() -> None:
    schema = build_schema()
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        for field in definition.fields:
            checks = [
                p for ext in field.extensions for p in getattr(ext, "permissions", []) if isinstance(p, Roles)
            ]
            assert checks, f"{root}.{field.python_name} has no role check (deny by default)"


def test_the_api_enums_carry_exactly_the_domain_values() -> None:
    for enum in ALL_ENUMS:
        domain = getattr(domain_enums, enum.__name__)
        assert [m.value for m in enum] == [m.value for m in domain], enum.__name__


def test_introspection_can_be_switched_off() -> None:
    result = build_schema(introspection=False).execute_sync("{ __schema { types { name } } }")
    assert result.errors and "introspection" in result.errors[0].message.lower()
