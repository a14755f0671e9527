"""The ledger's modules import each other one way only, and the projections see only its records."""

from __future__ import annotations

import ast
from pathlib import Path

RIWAYAT = Path(__file__).resolve().parents[3] / "riwayat"
LEDGER = RIWAYAT / "infra" / "ledger"


def runtime_imports(path: Path) -> set[str]:
    """The riwayat modules `path` imports when it runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for n in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("riwayat"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("riwayat"):
            modules = {f"{node.module}.{a.name}" for a in node.names}
            names.update(m for m in modules if (RIWAYAT.parent / (m.replace(".", "/") + ".py")).exists())
            if not (names & modules):
                names.add(node.module)
    return names


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(RIWAYAT.parent).with_suffix("").parts).removesuffix(".__init__")


def test_no_ledger_module_imports_one_that_imports_it_back() -> None:
    graph = {module_of(p): runtime_imports(p) for p in LEDGER.glob("*.py") if p.name != "__init__.py"}
    assert len(graph) >= 7

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = sorted(m for m in graph if reaches(m, m, set()))
    assert circles == []


def test_projections_import_only_the_ledgers_records() -> None:
    found = {
        (p.name, name)
        for p in (RIWAYAT / "projections").glob("*.py")
        for name in runtime_imports(p)
        if name.startswith("riwayat.infra.ledger") and name != "riwayat.infra.ledger.records"
    }
    assert found == set()
