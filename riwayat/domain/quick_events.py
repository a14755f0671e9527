"""Triggering an event as eventsourcing's `BaseAggregate.trigger_event` does, with a cheaper construction.

The library builds each event through its frozen dataclass's `__init__`: one `object.__setattr__` per field,
then `__post_init__`. For an event class whose every field is a plain init field (no default, no factory,
no InitVar), the same object is its fields' dict, in field order, set at once, then `__post_init__`: the
event, its stored form and its hash are the same (tested against the library's). Anything else — a class
with defaults, an aggregate with an explicit TOPIC, arguments that do not name exactly the fields — takes
the library's own way, with its errors.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_LIBRARY_FIELDS = ("originator_id", "originator_version", "timestamp")
_plans: dict[type, tuple[tuple[str, ...], frozenset[str], bool] | None] = {}
_new, _set = object.__new__, object.__setattr__


def _plan(event_class: type) -> tuple[tuple[str, ...], frozenset[str], bool] | None:
    """The init fields in order, those the caller names and whether `__init__` calls `__post_init__`, or
    None: construct through `__init__`."""
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
    if not set(_LIBRARY_FIELDS) <= set(names):
        return None
    return names, frozenset(names) - set(_LIBRARY_FIELDS), hasattr(event_class, "__post_init__")


class QuickEvents:
    """Mixed into an aggregate before `Aggregate`: its `trigger_event` (see the module)."""

    def trigger_event(self, event_class: type, **kwargs: Any) -> None:
        plan = _plans.get(event_class, False)
        if plan is False:
            plan = _plans[event_class] = _plan(event_class)
        if plan is None or getattr(type(self), "TOPIC", None) or kwargs.keys() != plan[1]:
            super().trigger_event(event_class, **kwargs)  # type: ignore[misc]
            return
        kwargs["originator_id"] = self.id  # type: ignore[attr-defined]
        kwargs["originator_version"] = self.version + 1  # type: ignore[attr-defined]
        kwargs["timestamp"] = event_class.create_timestamp()  # type: ignore[attr-defined]
        event = _new(event_class)
        _set(event, "__dict__", {name: kwargs[name] for name in plan[0]})
        if plan[2]:
            event.__post_init__()
        event.mutate(self)
        self._pending_events.append(event)  # type: ignore[attr-defined]
