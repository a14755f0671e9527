"""The domain stays pure: it never imports a driver, a web framework, or another Riwayat layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "riwayat" / "domain"
FORBIDDEN = ("asyncpg", "starlette", "strawberry", "riwayat.infra", "riwayat.projections", "riwayat.graphql",
             "riwayat.application", "riwayat.app")  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def is_forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_the_domain_package_has_modules_to_check() -> None:
    assert len(list(DOMAIN.glob("*.py"))) >= 5


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_no_domain_module_imports_infrastructure_or_another_layer(path: Path) -> None:
    bad = sorted(name for name in imported_modules(path) if is_forbidden(name))
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_domain_modules_import_only_the_standard_library_eventsourcing_domain_and_themselves(
    path: Path,
) -> None:
    import sys

    for name in imported_modules(path):
        top = name.split(".")[0]
        allowed = top in sys.stdlib_module_names or name.startswith(
            ("riwayat.domain", "eventsourcing.domain")
        )
        allowed = allowed or top == "__future__"
        assert allowed, f"{path.name} imports {name}"


def test_the_checker_would_catch_a_forbidden_import() -> None:
    assert is_forbidden("riwayat.infra.ledger")
    assert is_forbidden("asyncpg")
    assert not is_forbidden("riwayat.application_notes")  # a prefix is not a package
    assert not is_forbidden("riwayat.domain.values")
