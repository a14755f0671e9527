"""What the inline writer (`batch.BatchWriter`) keeps of a batch's writes to one row, and how a row's later
write folds into its earlier ones, following `rows`' semantics (see `batch`)."""

from __future__ import annotations

from dataclasses import dataclass

from riwayat.projections.rows import Row

# One write as a handler made it: (kind, row, values, add, position), see `Run`. A row written once in the
# batch (nearly every row) keeps its write as this tuple, made by one bytecode where a class's `__init__`
# was a Python call per write; a `Run` is made from it only when a second write must fold into it.
Op = tuple[str, Row | None, Row, Row, int]
NO_VALUES: Row = {}  # the empty `values` and `add` of a write (never changed: a `Run` copies its own)


@dataclass(slots=True)
class Run:
    """What a batch does to one row so far. `kind` is put (`row` is the row as it ends), update (`values`
    set, `add` added), add (`row` is inserted when the key is new, `add` added to it otherwise; `row`
    holds the sums in the added columns) or delete. `position` is the last event that touched the row.
    `closed` when a write could not fold into it: the row has a later run, in the next generation."""

    kind: str
    row: Row | None
    values: Row
    add: Row
    position: int
    closed: bool = False

    @classmethod
    def of(cls, op: Op) -> Run:
        """The run of a row's first write, its dicts its own (the shared empty ones replaced)."""
        kind, row, values, add, position = op
        return cls(kind, row, values or {}, add or {}, position)

    def op(self) -> Op:
        return self.kind, self.row, self.values, self.add, self.position


def fold(run: Run, op: Op) -> bool:
    """Folds the write `op` into `run`, the same row's earlier writes; False when the two cannot be
    one write (an `add` after an `update`, say): `op` then goes into a later statement."""
    kind, row, values, add, position = op
    if kind in ("put", "delete"):  # what came before no longer matters
        run.kind, run.row, run.values, run.add = kind, row, {}, {}
    elif kind == "update":
        if run.kind == "put":
            run.row.update(values)
            for c, delta in add.items():
                run.row[c] += delta
        elif run.kind == "update":
            for c in values:
                run.add.pop(c, None)
            run.values.update(values)
            for c, delta in add.items():
                if c in run.values:
                    run.values[c] += delta
                else:
                    run.add[c] = run.add.get(c, 0) + delta
        elif run.kind == "add":
            if values or not add.keys() <= run.add.keys():
                return False
            for c, delta in add.items():
                run.add[c] += delta
                run.row[c] += delta
        # after a delete there is no row to update
    elif run.kind == "put":  # kind == "add"
        for c, delta in add.items():
            run.row[c] += delta
    elif run.kind == "delete":
        run.kind, run.row = "put", row
    elif run.kind == "add" and add.keys() == run.add.keys():
        for c, delta in add.items():
            run.add[c] += delta
            run.row[c] += delta
    else:
        return False
    run.position = position
    return True
