"""Every layer imports only the layers below it, no module of ours imports itself back round a cycle, and
modules stay small. Read from the source (every import statement, also lazy and TYPE_CHECKING ones: a
reader and a tool see those too), so the test needs no database and catches what the imports say.

    domain        the rules: the standard library and `eventsourcing.domain` only
    infra         drivers, storage, settings, auth: the domain
    projections   read models: the domain and the ledger's record types (not the store's machinery)
    application   commands: the domain and the store's interface
    graphql       the API: application, projections, infra
    services      the wiring; app, endpoints (HTTP) and cli at the top; demo writes through the application
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "riwayat"
# What the store offers commands, and the records a projection reads.
STORE_INTERFACE = ("riwayat.infra.ledger",)
LEDGER_RECORDS = ("riwayat.infra.ledger.records",)
LOWER = ("riwayat.domain", "riwayat.infra", "riwayat.projections", "riwayat.application")
TOOLS = ("riwayat.reports", "riwayat.importing", "riwayat.transfer")
CLI = (*LOWER, *TOOLS, "riwayat.services", "riwayat.demo", "riwayat.endpoints")
# A rule names a package or a module; a module follows the longest name that contains it.
RULES: dict[str, tuple[str, ...]] = {
    "riwayat.domain": (),
    "riwayat.tools": (),  # build-time helpers (the vendored GraphiQL's pins), of nothing of ours
    "riwayat.infra": ("riwayat.domain",),
    "riwayat.projections": (
        "riwayat.domain", *LEDGER_RECORDS, "riwayat.infra.codec", "riwayat.infra.tenants",
        "riwayat.infra.keyed",  # reads by keys written so that PostgreSQL keeps their plans
    ),
    # The transfer file: records of the ledger, sealed; read and verified by a receiving command.
    "riwayat.transfer": ("riwayat.domain", *LEDGER_RECORDS, "riwayat.infra.codec", "riwayat.infra.tenants"),
    "riwayat.application": (
        "riwayat.domain", *STORE_INTERFACE, "riwayat.infra.tenants", "riwayat.infra.observability",
        "riwayat.transfer.file", "riwayat.transfer.receive",
    ),
    "riwayat.graphql": (*LOWER, "riwayat.tools"),
    "riwayat.reports": LOWER,
    "riwayat.importing": LOWER,  # history files read and written through the application
    "riwayat.services": LOWER,
    "riwayat.demo": (*LOWER, *TOOLS, "riwayat.services"),
    "riwayat.endpoints": (*LOWER, "riwayat.graphql", "riwayat.services"),
    "riwayat.public": LOWER,  # the public (citizen) pages beside the API
    "riwayat.app": (*LOWER, *TOOLS, "riwayat.graphql", "riwayat.services", "riwayat.endpoints",
                    "riwayat.public"),
    "riwayat.cli": CLI,
    "riwayat.importing.cli": CLI,
    "riwayat.transfer.cli": CLI,
}  # fmt: skip
# Known exceptions, each with the work that removes it. A listed one that no longer occurs fails the test:
# delete its line.
PENDING_IMPORTS: dict[tuple[str, str], str] = {}
PENDING_SIZES: dict[str, str] = {}
MAX_LINES = 300


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """The modules of ours that `path` imports (a `from package import submodule` names the submodule)."""
    found: set[str] = set()
    this = module_name(path)
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{this}: a relative import; the package uses absolute ones"
            base = node.module or ""
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name == "riwayat" or name.startswith("riwayat.")}


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def layer_of(module: str) -> str | None:
    return max((layer for layer in RULES if within(module, layer)), key=len, default=None)


def graph() -> dict[str, set[str]]:
    edges = {m: {t for t in imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    for source, target in PENDING_IMPORTS:
        edges.get(source, set()).discard(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_belongs_to_a_layer() -> None:
    orphans = sorted(m for m in MODULES if m != "riwayat" and layer_of(m) is None)
    assert not orphans, f"no layer rule for {orphans}: add one to RULES in {Path(__file__).name}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m)), ids=str)
def test_imports_point_down_the_layers(module: str) -> None:
    layer = layer_of(module)
    assert layer is not None
    allowed = (layer, *RULES[layer])
    bad = sorted(
        target
        for target in imports(MODULES[module])
        if not any(within(target, ok) for ok in allowed) and (module, target) not in PENDING_IMPORTS
    )
    assert not bad, f"{module} ({layer}) imports {bad}; it may import {allowed}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")), ids=lambda p: p.name)
def test_the_domain_imports_only_the_standard_library_and_eventsourcing_domain(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            ok = top in sys.stdlib_module_names or top == "__future__"
            assert ok or within(name, "riwayat.domain") or within(name, "eventsourcing.domain"), (
                f"{path.name} imports {name}"
            )


def test_no_module_imports_itself_back_round_a_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_the_listed_exceptions_still_occur() -> None:
    gone = (
        [f"{s} -> {t}" for s, t in PENDING_IMPORTS if t not in imports(MODULES[s])] if PENDING_IMPORTS else []
    )
    small = [p for p in PENDING_SIZES if not (ROOT / p).exists() or _lines(ROOT / p) <= MAX_LINES]
    assert not gone and not small, f"no longer needed, delete from PENDING_*: {gone + small}"


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines())


def test_no_module_outside_demo_is_over_300_lines() -> None:
    big = {
        str(p.relative_to(ROOT)): _lines(p)
        for p in MODULES.values()
        if "demo" not in p.relative_to(PACKAGE).parts and _lines(p) > MAX_LINES
    }
    assert not {p: n for p, n in big.items() if p not in PENDING_SIZES}, big


def test_the_checker_sees_a_cycle_and_a_forbidden_import() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert layer_of("riwayat.domain.values") == "riwayat.domain"
    assert layer_of("riwayat.application_notes") is None  # a prefix is not a package
    assert not any(within("riwayat.graphql.schema", ok) for ok in RULES["riwayat.application"])
