"""Handlers read events in their stored form: the readers agree with the codec, and an event stored by an
earlier class version reaches handlers upcast to the current one."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from riwayat.domain.complaint import Complaint
from riwayat.domain.employee import Employee
from riwayat.domain.values import Decree
from riwayat.infra.codec import EventCodec
from riwayat.projections import stored
from riwayat.projections.base import Dispatch, Projection, Writer, handles
from riwayat.projections.rows import MemoryWriter, Table


def test_the_readers_give_back_the_values_the_codec_stored() -> None:
    codec, unit = EventCodec(), uuid4()
    employee = Employee.hire(
        nip="198002292008012001", name="Ani", gender="FEMALE", birth_date=date(1980, 2, 29),
        employment_type="PNS", rank="III/a", position="Analis", unit_id=unit,
        effective_on=date(2008, 1, 1), decree=Decree("800/1", date(2007, 12, 20)),
    )  # fmt: skip
    hired = employee.collect_events()[0]
    for _, data in (codec.encode(hired), codec.encode_with_mapper(hired)):
        assert stored.day(data["birth_date"]) == hired.birth_date
        assert stored.optional_day(data["birth_date"]) == hired.birth_date
        assert stored.year(data["effective_on"]) == 2008
        assert stored.uuid(data["unit_id"]) == stored.optional_uuid(data["unit_id"]) == unit
        assert stored.moment(data["timestamp"]) == hired.timestamp
    case = Complaint.file(
        channel="LAPOR", category="complaint", description="x", employee_id=None, reporter_contact=None
    )
    _, data = codec.encode(case.collect_events()[0])
    assert stored.optional_uuid(data["employee_id"]) is None
    assert stored.optional_day(None) is None


class Badge(Aggregate):
    class Issued(Aggregate.Created):
        title: str

    class Retitled(Aggregate.Event):
        """Version 1 stored the new title as `name`."""

        class_version = 2
        title: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["title"] = state.pop("name")

    def retitle(self, title: str) -> None:
        self.trigger_event(self.Retitled, title=title)


TITLES = Table("badge_titles", (("id", "uuid"), ("title", "text")), key=("id",))


class Titles(Projection):
    name = "badge_titles"
    tables = (TITLES,)

    @handles(Badge.Retitled)
    def retitled(self, w: Writer, stream_id: UUID, version: int, d: stored.Data) -> None:
        w.put(TITLES, {"id": stream_id, "title": d["title"]})


def test_an_event_stored_by_an_earlier_class_version_reaches_handlers_upcast() -> None:
    codec = EventCodec()
    badge = Badge._create(Badge.Issued, title="old")
    badge.retitle("new")
    topic, current = codec.encode(badge.collect_events()[1])
    assert current["class_version"] == 2
    first = {k: v for k, v in current.items() if k not in ("title", "class_version")} | {"name": "v1"}
    memory, dispatch = MemoryWriter(), Dispatch([Titles()], codec)

    for position, data, expected in ((1, first, "v1"), (2, current, "new")):
        memory.position = position
        for handle in dispatch.resolve(topic):
            handle(memory, badge.id, 2, data)
        assert memory.get(TITLES, (badge.id,))["title"] == expected
