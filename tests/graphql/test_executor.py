"""The plain-fields execution context answers exactly as graphql-core's own: the same data, errors, paths
and null propagation, on good rows and on rows a plain step must not judge (nulls for non-null, unknown
enum values, wrong classes, non-lists, exceptions as values, casts)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import hypothesis_graphql
import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from riwayat.graphql import fast_paths, object_steps
from riwayat.graphql.executor import PlainFieldsExecutionContext


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Tag:
    label: str
    weight: int | None


@strawberry.type
class Item(Named):
    name: str
    code: strawberry.ID
    note: str | None
    colour: Colour
    since: date | None
    tags: list[Tag]
    maybe_tags: list[Tag | None] | None
    scores: list[int]
    best: Tag | None
    first: Tag

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


ROWS: list[Any] = []


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ROWS

    @strawberry.field
    def maybe_items(self) -> list[Item | None] | None:
        return ROWS


def schema(context_class: type) -> strawberry.Schema:
    built = strawberry.Schema(query=Query, execution_context_class=context_class)
    fast_paths.install(built._schema, built.config.default_resolver)
    return built


PLAIN, GENERAL = schema(PlainFieldsExecutionContext), schema(StrawberryGraphQLCoreExecutionContext)


def item(n: int, **changes: Any) -> Item:
    values: dict[str, Any] = dict(
        name=f"item {n}", colour=Colour.RED if n % 2 else Colour.GREEN, since=date(2024, 1, n % 28 + 1),
        tags=[Tag(label=f"t{n}", weight=n), Tag(label="x", weight=None)], maybe_tags=None, scores=[n, n + 1],
        best=None, first=Tag(label="first", weight=1), code=strawberry.ID(f"c{n}"), note=None,
    )  # fmt: skip
    values.update(changes)
    return Item(**values)


DOCUMENT = """query($with: Boolean!) {
  items { __typename name code note colour since scores tags { label weight } first { label ...W }
          best { label }
          alias: name shout ... on Item { colour name } maybeTags { label }
          ... @include(if: $with) { since } }
  maybeItems { name first { weight } }
}
fragment W on Tag { weight label }"""


def both(document: str, variables: dict[str, Any] | None = None) -> tuple[Any, Any]:
    plain = PLAIN.execute_sync(document, variable_values=variables)
    general = GENERAL.execute_sync(document, variable_values=variables)
    return shape(plain), shape(general)


def shape(result: Any) -> Any:
    errors = [
        (e.message, e.path, [(loc.line, loc.column) for loc in e.locations or ()])
        for e in result.errors or ()
    ]
    return result.data, sorted(errors, key=repr)


class Broken(Exception):
    pass


class Text(str):
    pass


class LooksLikeATag:
    label, weight = "duck", 2


@pytest.mark.parametrize(
    "rows",
    [
        [item(n) for n in range(1, 6)],
        [item(1), item(2, name=None)],  # null for a non-null leaf: error, the item (non-null) nulls the list
        [item(1, colour="blue")],  # not an enum member
        [item(1, colour="red")],  # a stored value, not the member
        [item(1, since="2024-01-01")],  # a string where a date is expected: isoformat() fails
        [item(1, tags=None)],  # null for a non-null list
        [item(1, tags="abc")],  # not a list
        [item(1, tags=[None])],  # null item of a non-null list
        [item(1, maybe_tags=[None, Tag(label="y", weight=3)])],
        [item(1, first=LooksLikeATag())],  # duck-typed object: graphql-core accepts it
        [item(1, best=Broken("stored error"))],  # an exception as a value
        [item(1, scores=[1, "two"])],  # "two" is not an Int
        [item(1, scores=[1, 2**40])],  # an Int out of range
        [strawberry.cast(Item, item(1))],
        [item(1, name=Text("a str subclass"), code=Text("c"), note=Text("n"))],  # not exactly a str
        [item(1, name=5, code=7, note=True)],  # serialised: "5", "7", "true"
        [item(1, code=None)],  # null for a non-null ID
        [item(1, note=2.5, name=b"bytes")],  # a float is serialised; bytes are refused
        [item(1, colour=[1])],  # unhashable where an enum member is expected
        [item(1, colour=None)],  # null for a non-null enum
        [None],
    ],
    ids=lambda rows: str(len(rows)),
)
def test_plain_steps_answer_as_graphql_core_on_good_and_broken_rows(rows: list[Any]) -> None:
    ROWS[:] = rows
    for variables in ({"with": True}, {"with": False}):
        plain, general = both(DOCUMENT, variables)
        assert plain == general


def test_a_page_of_plain_fields_runs_one_general_field_per_row_not_one_per_field() -> None:
    calls: list[str] = []

    class Counting(PlainFieldsExecutionContext):
        def execute_field(self, parent_type: Any, source: Any, field_details_list: Any, *rest: Any) -> Any:
            calls.append(f"{parent_type.name}.{field_details_list[0].node.name.value}")
            return super().execute_field(parent_type, source, field_details_list, *rest)

    ROWS[:] = [item(n) for n in range(1, 21)]
    result = schema(Counting).execute_sync(
        "{ items { name colour since scores tags { label weight } first { label } shout } }"
    )
    assert not result.errors and len(result.data["items"]) == 20
    assert sorted(set(calls)) == ["Item.shout", "Query.items"]  # the resolver field only: the rest in steps
    assert len(calls) == 21


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=hypothesis_graphql.queries(str(PLAIN)))
def test_any_selection_answers_as_graphql_core(document: str) -> None:
    ROWS[:] = [item(1), item(2, best=Tag(label="b", weight=None), maybe_tags=[None]), item(3, colour="blue")]
    plain, general = both(document)
    assert plain == general


def test_steps_shared_by_later_operations_of_a_document_still_answer_as_graphql_core() -> None:
    """Without @skip/@include a document's steps serve every later operation of it; a row that sent one
    operation's field to the general path does not change what the next operation does."""
    document = "{ items { name colour tags { label weight } first { label } } maybeItems { since } }"
    for rows in ([item(1), item(2)], [item(1, tags="abc"), item(2, colour="blue")], [item(3)], [None]):
        ROWS[:] = rows
        plain, general = both(document)
        assert plain == general


def test_the_steps_of_a_plain_selection_are_generated_functions_reading_each_field_once() -> None:
    """What the comparisons above exercise is the generated step (one function per selection set), not
    the per-field closures it replaces; each attribute is read once per row."""
    reads: list[str] = []

    class Counted(Tag):
        def __getattribute__(self, name: str) -> Any:
            if not name.startswith("_"):
                reads.append(name)
            return super().__getattribute__(name)

    ROWS[:] = [item(1, first=Counted(label="l", weight=3))]
    context = {}

    class Keeping(PlainFieldsExecutionContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            context["self"] = self

    result = schema(Keeping).execute_sync("{ items { first { label weight } } }")
    assert result.data == {"items": [{"first": {"label": "l", "weight": 3}}]} and not result.errors
    assert reads == ["label", "weight"]
    reads_of = {
        step._riwayat_read[0]: getattr(step._riwayat_read[1], "_riwayat_non_null", step._riwayat_read[1])
        for plan in context["self"]._plans.values()
        for step in plan[1] or ()
        if hasattr(step, "_riwayat_read")
    }
    assert reads_of["first"].__code__.co_filename == "<string>"  # the object's step: generated
    assert reads_of["label"].__code__.co_filename == object_steps.__file__  # a leaf's own completion
