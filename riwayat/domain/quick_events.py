"""Triggering an event as eventsourcing's `BaseAggregate.trigger_event` does, with a cheaper construction.

The library builds each event through its frozen dataclass's `__init__`: one `object.__setattr__` per field,
then `__post_init__`. For an event class whose every field is a plain init field (no default, no factory,
no InitVar), the same object is its fields' dict, in field order, set at once, then `__post_init__`: the
event, its stored form and its hash are the same (tested against the library's). Anything else — a class
with defaults, an aggregate with an explicit TOPIC, arguments that do not name exactly the fields — takes
the library's own way, with its errors.

Where the event class and the aggregate class use the library's own parts unchanged (its `mutate`,
`create_timestamp` and `__post_init__`; its `id`, `version` and `modified_on` properties), those are done
inline, as the library's code does them: the timestamp is `datetime.now(TZINFO)`, the originator id's
check the library's `isinstance`, and `mutate` is `apply` then the version and the time set on the
aggregate's own attributes (its id and version checks hold by construction: the event is made from them).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from uuid import UUID

import eventsourcing.domain as library

_LIBRARY_FIELDS = ("originator_id", "originator_version", "timestamp")
# names in order, the names the caller gives, the fields as a dict in order (values None, copied for each
# event), whether `__init__` calls `__post_init__`, and whether the library's parts run inline (see the
# module) — or None: construct through `__init__`
Plan = tuple[tuple[str, ...], frozenset[str], dict[str, Any], bool, bool]
_plans: dict[type, Plan | None] = {}
_aggregates: dict[type, bool | None] = {}  # True: the library's properties; None: an explicit TOPIC
_new, _set, _now = object.__new__, object.__setattr__, datetime.now
_TZINFO = library.TZINFO


def _plan(event_class: type) -> Plan | None:
    """The init fields in order, those the caller names, their dict in order, whether `__init__` calls
    `__post_init__`, and whether the library's own parts may run inline; or None: construct through
    `__init__`."""
    params = getattr(event_class, "__dataclass_params__", None)
    if params is None or not params.frozen or not event_class.__dictoffset__:  # instances without a dict
        return None
    declared = event_class.__dataclass_fields__.values()
    if any(f._field_type is not dataclasses._FIELD for f in declared):  # noqa: SLF001 - InitVar, ClassVar
        return None
    fields = dataclasses.fields(event_class)
    if any(
        not f.init or f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        for f in fields
    ):
        return None
    names = tuple(f.name for f in fields)
    if not set(_LIBRARY_FIELDS) <= set(names) or len(names) < 2:
        return None
    inline = (
        getattr(event_class, "mutate", None) is library.CanMutateAggregate.mutate
        and getattr(event_class, "create_timestamp", None) is library.CanCreateTimestamp.create_timestamp
        and getattr(event_class, "__post_init__", None) is library.DomainEvent.__post_init__
    )
    post_init = hasattr(event_class, "__post_init__")
    return names, frozenset(names) - set(_LIBRARY_FIELDS), dict.fromkeys(names), post_init, inline


def _aggregate(cls: type) -> bool | None:
    """None when the aggregate class names its TOPIC (the library's way always); True when its `id`,
    `version` and `modified_on` are the library's properties (their attributes may be set directly)."""
    if getattr(cls, "TOPIC", None):
        return None
    base = library.BaseAggregate.__dict__
    return all(getattr(cls, name, None) is base[name] for name in ("id", "version", "modified_on"))


class QuickEvents:
    """Mixed into an aggregate before `Aggregate`: its `trigger_event` (see the module), and its
    `collect_events` as one copy of the pending list (the library pops them one by one)."""

    def collect_events(self) -> list[Any]:
        pending = self._pending_events  # type: ignore[attr-defined]
        collected = pending[:]
        pending.clear()
        return collected

    def trigger_event(self, event_class: type, **kwargs: Any) -> None:
        plan = _plans.get(event_class, False)
        if plan is False:
            plan = _plans[event_class] = _plan(event_class)
        aggregate = _aggregates.get(type(self), False)
        if aggregate is False:
            aggregate = _aggregates[type(self)] = _aggregate(type(self))
        if plan is None or aggregate is None or kwargs.keys() != plan[1]:
            super().trigger_event(event_class, **kwargs)  # type: ignore[misc]
            return
        # The event's dict in field order: the plan's copied, then the values set (the keys are the same,
        # checked above, so the order stays): a third of what `dict(zip(names, getter(kwargs)))` cost.
        state = plan[2].copy()
        state.update(kwargs)
        if plan[4] and aggregate:
            stream_id, version = self._id, self._version + 1  # type: ignore[attr-defined]
            state["originator_id"], state["originator_version"] = stream_id, version
            state["timestamp"] = timestamp = _now(_TZINFO)
            event = _new(event_class)
            _set(event, "__dict__", state)
            if not isinstance(stream_id, UUID):
                event.__post_init__()  # the library's refusal
            event.apply(self)
            self._version, self._modified_on = version, timestamp
            self._pending_events.append(event)  # type: ignore[attr-defined]
            return
        state["originator_id"] = self.id  # type: ignore[attr-defined]
        state["originator_version"] = self.version + 1  # type: ignore[attr-defined]
        state["timestamp"] = event_class.create_timestamp()  # type: ignore[attr-defined]
        event = _new(event_class)
        _set(event, "__dict__", state)
        if plan[3]:
            event.__post_init__()
        event.mutate(self)
        self._pending_events.append(event)  # type: ignore[attr-defined]
