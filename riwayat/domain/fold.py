"""Rebuilding an aggregate from a chosen selection of its events, in a chosen order.

eventsourcing's `event.mutate(aggregate)` refuses an event whose version is not the next one
(`OriginatorVersionError`). The "as effective on D" view must skip events (TMT after D) and reorder
them (by TMT), so it applies the events' bodies directly; those bodies are pure state updates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from eventsourcing.domain import Aggregate

A = TypeVar("A", bound=Aggregate)


def fold_events(
    aggregate_cls: type[A],
    created_cls: type[Any],
    events: Iterable[Any],
    prepare: Callable[[A], None] | None = None,
) -> A:
    """The aggregate the events imply, applied in the given order.

    The one creation event goes first wherever it is (nothing exists before it); `prepare` then sees the
    created aggregate before the others apply (an enrolment wound back to a past date, see `onboarding`);
    `version` becomes the number of events folded and `modified_on` the latest event timestamp.
    """
    selected = list(events)
    created = [event for event in selected if isinstance(event, created_cls)]
    if len(created) != 1:
        kinds = created_cls if isinstance(created_cls, tuple) else (created_cls,)
        names = " or ".join(kind.__name__ for kind in kinds)  # Hired or Enrolled (onboarding)
        raise ValueError(f"a {aggregate_cls.__name__} fold needs exactly one {names} event")
    aggregate = created[0].mutate(None)
    if not isinstance(aggregate, aggregate_cls):
        raise TypeError(f"the events are not of a {aggregate_cls.__name__}")
    if prepare is not None:
        prepare(aggregate)
    for event in selected:
        if event is not created[0]:
            event.apply(aggregate)
            aggregate.modified_on = max(aggregate.modified_on, event.timestamp)
    aggregate.version = len(selected)
    return aggregate
