"""The objects a page is made of are the ones strawberry's constructors make: an employee built from a row
has exactly the dataclass's state, and an edge's cursor, encoded only when read, is the same text."""

from __future__ import annotations

import dataclasses
from datetime import date
from uuid import UUID

import pytest

from riwayat.graphql import cursors
from riwayat.graphql.enums import EmployeeStatus, EmploymentType, Gender
from riwayat.graphql.types.connections import EmployeeConnection
from riwayat.graphql.types.employee import Employee
from riwayat.graphql.types.paging import Edge
from riwayat.projections.employees import EmployeeRow

ROW = EmployeeRow(
    id=UUID(int=7), nip="198609262015051001", name="Pegawai 01", gender="FEMALE",
    birth_date=date(1986, 9, 26), employment_type="PPPK", status="ACTIVE", rank="IX", rank_since=None,
    position="Analis", unit_id=UUID(int=9), hired_on=date(2015, 5, 1), version=3,
    separated_on=None, separation_reason=None, source="siasn-import",
)  # fmt: skip


def test_an_employee_from_a_row_has_exactly_the_state_its_dataclass_constructor_gives() -> None:
    built = Employee.from_row(ROW)
    constructed = Employee(
        id="00000000-0000-0000-0000-000000000007", nip=ROW.nip, name=ROW.name, gender=Gender.FEMALE,
        employment_type=EmploymentType.PPPK, status=EmployeeStatus.ACTIVE, rank="IX", rank_since=None,
        position="Analis", hired_on=ROW.hired_on, version=3, uuid=ROW.id, unit_id=ROW.unit_id,
        personal_birth_date=ROW.birth_date, source="siasn-import",
    )  # fmt: skip
    assert vars(built) == vars(constructed) and built == constructed
    assert {f.name for f in dataclasses.fields(Employee) if f.init} == set(vars(built))


def test_an_unknown_stored_value_still_fails_to_build() -> None:
    with pytest.raises(ValueError):
        Employee.from_row(ROW._replace(gender="OTHER"))


def test_an_edge_encodes_its_cursor_when_read_to_the_same_text() -> None:
    edge = EmployeeConnection.edge(ROW)
    assert isinstance(edge, Edge) and "cursor" not in vars(edge)
    assert edge.cursor == cursors.encode("employee", ROW.name, ROW.id)
    assert cursors.name_key(edge.cursor) == (ROW.name, ROW.id)
    rows = [ROW, ROW._replace(id=UUID(int=8), name="Pegawai 00", gender="MALE")]
    made = EmployeeConnection.edges(rows)  # a page's edges, made in one loop: the same as `edge` of each row
    assert [type(e) for e in made] == [type(edge)] * 2
    assert [vars(e) for e in made] == [vars(EmployeeConnection.edge(r)) for r in rows]
    assert [e.cursor for e in made] == [cursors.encode("employee", r.name, r.id) for r in rows]
    page = EmployeeConnection.from_page([ROW, ROW._replace(name="Pegawai 02")], True, lambda: None)
    assert page.page_info.end_cursor == cursors.encode("employee", "Pegawai 02", ROW.id)


def test_remembered_names_are_the_names_strawberry_gives() -> None:
    from strawberry.schema.name_converter import NameConverter

    from riwayat.graphql.fast_paths import RememberedNames

    remembered, plain = RememberedNames(), NameConverter()
    for name in ("employment_type", "first", "unit_id", "as_of_date", "x__y", "_private"):
        assert remembered.apply_naming_config(name) == remembered.apply_naming_config(name)
        assert remembered.apply_naming_config(name) == plain.apply_naming_config(name)
    remembered.auto_camel_case = plain.auto_camel_case = False
    assert remembered.apply_naming_config("unit_id") == plain.apply_naming_config("unit_id") == "unit_id"
